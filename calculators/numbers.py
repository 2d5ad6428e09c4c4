"""Numbers as people write them: 800万, 八百五十万, 1.2亿, 1亿2000万, 两千, 一万零五百, 一千二, 1万2."""

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
_TOKEN = re.compile(r"\d+(?:\.\d+)?|\.\d+|[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖]|[十拾百佰千仟万萬亿]")


def parse_number(text: str) -> Decimal | None:
    """The value of ``text`` (no sign, no unit), or None when it is not a number.

    Arabic figures and Chinese numerals mix freely with the multipliers 十百千万亿, read the
    way Chinese is read: a small multiplier (十百千) scales the figure before it inside a
    section, a large one (万亿) scales the whole section before it. A single digit ending
    the number right after 百千万亿 is one step below that unit, as people say it: 一千二 is
    1200, 两百五 250, 一万二 12000, 3千5 3500; 二十三 stays 23 and 一千零二 stays 1002.
    """
    text = text.replace(",", "").replace("，", "").replace("_", "")
    if not text:
        return None
    tokens = _TOKEN.findall(text)
    if "".join(tokens) != text:
        return None
    tail = _tail_scale(tokens)
    total = Decimal(0)  # finished 万/亿 sections
    section = Decimal(0)  # below 万, being built
    current: Decimal | None = None  # the figure waiting for a multiplier
    last_large: int | None = None
    seen = False  # a figure or a small multiplier came before
    for tok in tokens:
        seen = seen or tok not in _LARGE
        if tok in _SMALL:
            section += (current if current is not None else Decimal(1)) * _SMALL[tok]
            current = None
        elif tok in _LARGE:
            size = _LARGE[tok]
            value = section + (current or 0)
            if not seen:
                return None  # "万" alone
            if last_large is not None and size >= last_large:
                total = (total + value) * size  # 万亿 or 亿 after 万: scale everything so far
            else:
                total += value * size
            last_large = size
            section, current = Decimal(0), None
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
    return total + section + (current or 0) * tail


def _tail_scale(tokens: list[str]) -> int:
    """What the last figure is worth: 1, or a tenth of the unit before a bare last digit (一千二)."""
    if len(tokens) < 2 or len(tokens[-1]) != 1 or tokens[-1] in "零〇":
        return 1
    unit = _STEP_DOWN_UNITS.get(tokens[-2])
    if unit is None or not (tokens[-1] in _DIGITS or tokens[-1].isdigit()):
        return 1
    return unit // 10
