"""Numbers as people write them: 800万, 八百五十万, 1.2亿, 1亿2000万, 两千, 一万零五百, 一千二, 1万2.

Refused rather than guessed: commas that are not thousands groups (1,2亿, 0,06亿, 1,234,5) and
multipliers in an impossible order (一千一千, 五百六百, 一万一万): those are typos or two numbers.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_LARGE = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}
# Units after which a bare last digit means the next unit down (not 十: 二十三 is 23).
_STEP_DOWN_UNITS = {k: v for k, v in {**_SMALL, **_LARGE}.items() if v >= 100}
# Thousands separators only in real groups of three after a first group of one to three digits.
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
_ARABIC_WITH_COMMA = re.compile(r"[\d.]*,[\d.,]*")
_POINT = re.compile(r"(.*?[零〇一二两三四五六七八九十])点([零〇一二两三四五六七八九]+)([万萬亿]*)")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|\.\d+|[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖]|[十拾百佰千仟万萬亿]")


def parse_number(text: str) -> Decimal | None:
    """The value of ``text`` (no sign, no unit), or None when it is not a number.

    Arabic figures and Chinese numerals mix freely with the multipliers 十百千万亿, read the
    way Chinese is read: a small multiplier (十百千) scales the figure before it inside a
    section, a large one (万亿) scales the whole section before it. A single digit ending
    the number right after 百千万亿 is one step below that unit, as people say it: 一千二 is
    1200, 两百五 250, 一万二 12000, 3千5 3500, and so before 万亿 (一千二万 is 1200万); 二十三 stays 23
    and 一千零二 stays 1002.
    """
    text = text.replace("，", ",").replace("_", "")
    if not text:
        return None
    if "," in text:
        for run in _ARABIC_WITH_COMMA.findall(text):
            if not _GROUPED.fullmatch(run):
                return None  # "1,2亿": a decimal comma or two numbers, not thousands
        text = text.replace(",", "")
    point = _POINT.fullmatch(text)
    if point:  # 三点五万: the digits after 点 are read one by one
        whole = parse_number(point.group(1))
        if whole is None:
            return None
        fraction = "".join(str(_DIGITS[c]) for c in point.group(2))
        value = whole + Decimal("0." + fraction)
        for unit in point.group(3):
            value *= _LARGE[unit]
        return value
    tokens = _TOKEN.findall(text)
    if "".join(tokens) != text:
        return None
    tail = _tail_scale(tokens)
    total = Decimal(0)  # finished 万/亿 sections
    section = Decimal(0)  # below 万, being built
    current: Decimal | None = None  # the figure waiting for a multiplier
    last_large: int | None = None
    last_small: int | None = None  # 千 > 百 > 十 inside one section
    seen = False  # a figure or a small multiplier came before
    elided = 1  # the waiting figure's worth: 10 or 100 when it came right after 百/千 (一千二万)
    prev: str | None = None
    for tok in tokens:
        after, prev = prev, tok
        seen = seen or tok not in _LARGE
        if tok in _SMALL:
            size = _SMALL[tok]
            if last_small is not None and size >= last_small:
                return None  # "一千一千", "五百六百": two numbers or a typo, never added up
            section += (current if current is not None else Decimal(1)) * size
            current, last_small = None, size
        elif tok in _LARGE:
            size = _LARGE[tok]
            # 一千二万 is 1200万 as 一千二 is 1200; 一千零二万 stays 1002万
            value = section + (current or 0) * elided
            if not seen:
                return None  # "万" alone
            if last_large is not None and size == last_large:
                if last_small is None or current is not None or size != _LARGE["万"] or total >= size * size:
                    return None  # "一万一万": the same large unit twice
                total = (total + value) * size  # "两万三千万": 23000 万, as people say 2.3亿
            elif last_large is not None and size > last_large:
                total = (total + value) * size  # 万亿 or 亿 after 万: scale everything so far
            else:
                total += value * size
            last_large = size
            section, current, last_small, elided = Decimal(0), None, None, 1
        else:
            if tok in _DIGITS:
                figure = Decimal(_DIGITS[tok])
                if figure == 0 and tok in ("零", "〇") and len(tokens) > 1:
                    continue  # 零 is a placeholder inside a numeral (一万零五百)
            else:
                try:
                    figure = Decimal(tok)
                except InvalidOperation:
                    return None
            if current is not None:
                return None  # two figures in a row ("一二", "3 5"): ambiguous
            current = figure
            step = _SMALL.get(after or "", 1)
            elided = step // 10 if step >= 100 and len(tok) == 1 else 1
    return total + section + (current or 0) * tail


def _tail_scale(tokens: list[str]) -> int:
    """What the last figure is worth: 1, or a tenth of the unit before a bare last digit (一千二)."""
    if len(tokens) < 2 or len(tokens[-1]) != 1 or tokens[-1] in "零〇":
        return 1
    unit = _STEP_DOWN_UNITS.get(tokens[-2])
    if unit is None or not (tokens[-1] in _DIGITS or tokens[-1].isdigit()):
        return 1
    return unit // 10
