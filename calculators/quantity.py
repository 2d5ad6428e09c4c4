"""Quantities as people write them: a number and its unit, read once for every way in.

Answers to the chat's prompts, ``calc``/``check`` JSON values, batch cells and figures inside a
question all go through :func:`read_quantity` (one whole answer) or :func:`find_quantities` (the
figures inside a sentence). A unit is one of the canonical units below; which field it may go
to is decided by :func:`unit_problem`, so 350万元 never becomes 350万 美元 and 3万度 never gas.
No jieba, no textual: ``calc`` and ``batch`` import this.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from calculators.numbers import parse_number

# Canonical units and how they are named when a figure does not fit a field.
UNIT_NAMES = {
    "元": "人民币（元）",
    "美元": "美元",
    "千瓦时": "千瓦时（度，电量）",
    "立方米": "立方米（方，用气量）",
    "人": "人数",
    "月": "月数",
    "个": "个数",
}
# How people write a unit after a figure (lower-case, after NFKC) → canonical unit.
_SUFFIXES = {
    "元": "元", "块": "元", "块钱": "元", "元钱": "元", "元人民币": "元", "人民币": "元", "rmb": "元",
    "元rmb": "元", "块人民币": "元", "万元人民币": "元",
    "美元": "美元", "美金": "美元", "usd": "美元", "刀": "美元", "美刀": "美元",
    "千瓦时": "千瓦时", "kwh": "千瓦时", "kw·h": "千瓦时", "kw.h": "千瓦时", "千瓦·时": "千瓦时",
    "度": "千瓦时", "度电": "千瓦时", "千瓦小时": "千瓦时",
    "立方米": "立方米", "立方": "立方米", "方": "立方米", "m3": "立方米", "m³": "立方米",
    "立方米天然气": "立方米", "方气": "立方米",
    "人": "人", "名": "人", "位": "人", "个人": "人",
    "个": "个",
    "个月": "月", "月": "月",
}  # fmt: skip
# a currency word before the figure as well as after it: "出口美金三百二十万", "人民币800万"
_PREFIXES = {
    "￥": "元", "¥": "元", "rmb": "元", "人民币": "元",
    "us$": "美元", "$": "美元", "usd": "美元", "美金": "美元", "美元": "美元",
}  # fmt: skip
# 个 counts either people or months ("3个统计员", "干了10个").
_COMPATIBLE = {"个": {"人", "月"}}

_NUMERAL = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬"
_DIGIT_WORDS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_SUFFIX_RE = "|".join(re.escape(s) for s in sorted(_SUFFIXES, key=len, reverse=True) if s != "月")
_PREFIX_RE = "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True))
# A figure inside a sentence: optional currency mark, the number (千 of 千瓦时 is the unit's; 点
# only between numerals), chat shorthand w/k, then a unit. A bare 月 after a number is a date.
_FIGURE = re.compile(
    rf"(?P<prefix>{_PREFIX_RE})?"
    rf"(?P<sign>[-−负])?"
    rf"(?P<num>(?:\d|[{_DIGIT_WORDS}十拾])"
    rf"(?:\d|(?<=\d)[.,](?=\d)|千(?!瓦)|[{_NUMERAL.replace('千', '')}]|点(?=[\d{_DIGIT_WORDS}]))*)"
    rf"(?P<short>kw(?![h·.])|[wk](?![a-z·.]))?"
    rf"(?P<unit>{_SUFFIX_RE})?",
    re.IGNORECASE,
)
_PLAIN = re.compile(r"\s*\d+(?:\.\d+)?\s*")
_WHOLE_NUMERAL = re.compile(
    rf"(?P<prefix>)(?P<sign>[-−负])?(?P<num>[{_NUMERAL}点]+)(?P<short>)(?P<unit>{_SUFFIX_RE})?"
)
# Counters of things no field holds: a figure followed by one is never an amount of ours.
_OTHER_COUNTER = re.compile(
    r"[年季月日号%条项次倍岁天周台套家户辆亩吨斤件只张间栋层批笔份款种类期轮个成〕\]]|点钟|小时|公斤|平方|千瓦(?!时)"
    r"|kw(?!h)|kg|[a-z]|/",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """One figure: its value, its canonical unit (None when not written) and the text it came from."""

    value: Decimal
    unit: str | None
    text: str
    negative: bool = False
    money_only: bool = False  # "2kw" is chat shorthand for 2千万, said of money only


@dataclass(frozen=True)
class Found:
    """A figure inside a sentence, at ``start:end``; ``problem`` says why it cannot be read."""

    start: int
    end: int
    text: str
    quantity: Quantity | None
    problem: str | None = None
    counter: str | None = None  # a counter no field holds ("3台", "15%"): not an amount of ours


class QuantityError(ValueError):
    """A figure that cannot be read for certain; ``message`` is Chinese and says what is expected."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalise(text: str) -> str:
    """NFKC (full-width digits and marks), lower case, no spaces: the form every figure is read in."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).replace("个亿", "亿")  # 一个亿, 1.5个亿
    return re.sub(r"\s+", "", text).lower()


def _comma_message(raw: str) -> str:
    return (
        f"“{raw}”中的逗号不是千分位（千分位每三位一组，如 1,650万、36,500,000元），"
        "无法确定数值，请去掉逗号后重新输入"
    )


# "六七百万", "三四十个": two neighbouring digits say a range, not a figure
_RANGE_NUMERAL = re.compile(
    "(?<![一二两三四五六七八九])(?:一二|二三|两三|三四|四五|五六|六七|七八|八九)(?![一二两三四五六七八九])"
)


def _number(num: str, short: str | None, raw: str) -> Decimal:
    if "," in num and parse_number(num) is None and parse_number(num.replace(",", "")) is not None:
        raise QuantityError(_comma_message(raw))
    value = parse_number(num)
    if value is None and _RANGE_NUMERAL.search(num):
        raise QuantityError(f"“{raw}”是约数（两个数之间），请给出准确数字")
    if value is None:
        raise QuantityError(f"“{raw}”不是有效数字")
    if short:  # 1000w = 1000万, 5k = 5000, 2kw = 2千万
        value *= {"w": 10_000, "k": 1000, "kw": 10_000_000}[short.lower()]
    return value


def read_quantity(text: str) -> Quantity:
    """The whole of ``text`` as one figure ("800万元", "￥8,000,000", "3.5万千瓦时", "1000w", "两万三千").

    Raises :class:`QuantityError` when it is not one readable figure.
    """
    if text.isascii() and _PLAIN.fullmatch(text):  # batch cells are mostly plain figures: skip the rest
        return Quantity(Decimal(text.strip()), None, text.strip())
    raw = text
    s = normalise(text)
    if s.endswith("月") and not s.endswith("个月"):
        s = s[:-1] + "个月"  # a whole answer "12月" is a count of months, not a date
    m = _FIGURE.fullmatch(s)
    if m is None:
        # Chinese numerals alone may begin with a multiplier (十五万, 百万) only as a whole answer.
        m = _WHOLE_NUMERAL.fullmatch(s)
        if m is None:
            raise QuantityError(f"“{raw.strip()}”不是有效数字")
    return _quantity(m, raw.strip())


def _quantity(m: re.Match[str], raw: str) -> Quantity:
    prefix_unit = _PREFIXES.get((m.group("prefix") or "").lower())
    suffix_unit = _SUFFIXES.get((m.group("unit") or "").lower())
    if prefix_unit and suffix_unit and prefix_unit != suffix_unit:
        raise QuantityError(f"“{raw}”前后的币种不一致，请只写一种（人民币元或美元）")
    value = _number(m.group("num"), m.group("short"), raw)
    money_only = (m.group("short") or "").lower() == "kw"
    return Quantity(value, suffix_unit or prefix_unit, raw, bool(m.group("sign")), money_only)


def find_quantities(text: str) -> list[Found]:
    """Every figure in a sentence (already normalised with :func:`normalise`), left to right.

    A Chinese numeral without a multiplier or unit ("一", "两") is a word, not a figure; one that
    starts a word (一季度, 一下) or a number followed by a counter no field holds (3台, 15%, 第5条)
    is kept apart with ``counter`` set, so it is never taken for an amount.
    """
    out: list[Found] = []
    for m in _FIGURE.finditer(text):
        num, unit = m.group("num"), m.group("unit")
        start, end = m.start(), m.end()
        raw = m.group()
        arabic = bool(re.search(r"\d", num))
        if not arabic and not unit and not m.group("prefix") and not re.search(r"[十拾百佰千仟万萬亿]", num):
            continue  # 一, 两: words, not figures
        prev = text[start - 1] if start > 0 else ""
        if prev == "第" or (prev.isascii() and prev.isalpha()):
            out.append(Found(start, end, raw, None, counter=text[start - 1]))  # 第5条, q1: not amounts
            continue
        counter = None
        if not unit:
            c = _OTHER_COUNTER.match(text, end)
            if c:
                counter = c.group()
            elif not m.group("prefix") and not m.group("short") and re.fullmatch(r"20[12]\d", num):
                counter = "年"  # "出口 2023 80万美元": a bare 2020–2029 is a year, not an amount
        # a phone number: 0598…, or 11 digits or more; grouped (12,500,000.00) or priced (￥) it is money
        phone = (
            arabic
            and len(num) > 1
            and not m.group("prefix")
            and not re.search(r"[,.]", num)
            and ((num[0] == "0" and not num.startswith("0.")) or len(num) >= 11)
        )
        # "0598-1234567": the part after the dash belongs to the phone number before it
        phone = phone or bool(out and out[-1].counter == "0" and out[-1].end == start and raw[:1] in "-—")
        if counter or (phone and not unit and not m.group("short")):
            out.append(Found(start, end, raw, None, counter=counter or "0"))  # 0598…: a phone number
            continue
        try:
            q = _quantity(m, raw)
        except QuantityError as exc:
            out.append(Found(start, end, raw, None, problem=exc.message))
            continue
        out.append(Found(start, end, raw, q))
    return out


def unit_problem(q: Quantity, unit: str, label: str, example: str) -> str | None:
    """Why ``q`` cannot be a figure of a field counted in ``unit``; None when it fits.

    A figure written without a unit takes the field's; one with another unit is never converted.
    """
    if q.money_only and unit not in ("元", "美元"):
        return f"“{q.text}”里的 kw 是“千万”的简写，只用于金额；{label}请输入如 {example}"
    if q.unit is None or q.unit == unit or unit in _COMPATIBLE.get(q.unit, ()):
        return None
    said = f"您说的 {q.text} "
    if q.unit == "元" and unit == "美元":
        return f"{said}是人民币；{label}按美元计，请给出美元金额（如 {example}）"
    if q.unit == "美元" and unit == "元":
        return f"{said}是美元；{label}按人民币元计，请给出人民币金额（如 {example}）"
    wanted = UNIT_NAMES.get(unit, unit)
    return f"{said}是{UNIT_NAMES.get(q.unit, q.unit)}；{label}应以{wanted}计，请输入如 {example}"
