"""Reading people's answers: amounts, yes/no, dates, whole numbers (NFKC first; Chinese messages)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from calculators.errors import InputError
from calculators.quantity import QuantityError, read_quantity, unit_problem

# 10万亿 of any unit: far above any county enterprise's figure, so a larger one is a typo.
AMOUNT_CEILING = Decimal("1e13")
DATE_RANGE = (date(2000, 1, 1), date(2100, 12, 31))

UNKNOWN_WORDS = frozenset({"不知道", "不清楚", "不确定", "不晓得", "不了解", "说不清", "unknown", "?", "？"})
_TRUE = frozenset(
    {"是", "是的", "对", "对的", "有", "属于", "符合", "已", "已经", "y", "yes", "true", "t", "1", "ok"}
)
_FALSE = frozenset(
    {"否", "不是", "不", "不对", "没有", "没", "无", "不属于", "不符合", "未", "n", "no", "false", "f", "0"}
)
NONE_WORDS = frozenset(
    {"否", "无", "没有", "没", "未获批", "没获批", "未", "null", "none", "不是", "n", "no"}
)


def is_unknown(raw: object) -> bool:
    if not isinstance(raw, str):
        return False
    if raw.isascii():  # NFKC leaves ASCII as it is; most cells are plain figures
        return raw.strip().lower() in UNKNOWN_WORDS
    return unicodedata.normalize("NFKC", raw).strip().lower() in UNKNOWN_WORDS


def clean(raw: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw)).lower()


def parse_amount(
    text: object, label: str = "金额", example: str = "800万 或 8000000", unit: str | None = None
) -> Decimal:
    """A non-negative amount: "800万", "八百五十万元", "1.2亿", "８００万", "8,000,000", "350万美元".

    With ``unit`` (the field's: 元, 美元, 千瓦时, 立方米, 人, 月) a figure written in another unit
    is refused, never converted: "350万元" is not 350万 美元.
    """
    hint = f"请输入如 {example}"
    if isinstance(text, bool) or text is None:
        raise InputError(None, f"{label}应为数字，{hint}")
    if isinstance(text, int | Decimal):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(repr(text))  # the figure as written, not its binary approximation
    else:
        s = str(text).strip()  # str.strip knows full-width spaces too
        if not s:
            raise InputError(None, f"{label}不能为空，{hint}")
        try:
            q = read_quantity(s.lstrip("+"))
        except QuantityError as exc:
            raise InputError(None, f"{label}{exc.message}，{hint}") from None
        problem = unit_problem(q, unit, label, example) if unit else None
        if problem:
            raise InputError(None, problem)
        value = -q.value if q.negative else q.value
    if not value.is_finite():
        raise InputError(None, f"{label}应为有限数字，{hint}")
    if value < 0:
        raise InputError(None, f"{label}不能为负数，{hint}")
    if value > AMOUNT_CEILING:
        raise InputError(None, f"{label}超过10万亿，数值不合理，请检查单位（{hint}）")
    return value


def parse_bool(text: object, label: str = "此项") -> bool:
    """是/否/对/不是/有/没有/y/n/true/false/1/0."""
    if isinstance(text, bool):
        return text
    if isinstance(text, int) and text in (0, 1):
        return bool(text)
    s = clean(str(text)) if text is not None else ""
    s = s.rstrip("。.!！")
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    if not s:
        raise InputError(None, f"{label}不能为空，请回答“是”或“否”")
    raise InputError(None, f"{label}无法识别“{text}”，请回答“是”或“否”")


_DATE = re.compile(r"(\d{4})(?:[-/.年])(\d{1,2})(?:[-/.月])(\d{1,2})日?|(\d{4})(\d{2})(\d{2})")


def parse_date(text: object, label: str = "日期") -> date:
    """ "2024-03-15", "2024年3月15日", "2024/3/15", "2024.3.15", "20240315"."""
    if isinstance(text, date):
        return text
    s = clean(str(text)) if text is not None else ""
    if not s:
        raise InputError(None, f"{label}不能为空，请输入如 2024-03-15 或 2024年3月15日")
    m = _DATE.fullmatch(s)
    if not m:
        raise InputError(None, f"{label}“{text}”无法识别，请输入如 2024-03-15 或 2024年3月15日")
    y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        day = date(y, mo, d)
    except ValueError:
        raise InputError(
            None, f"{label}“{text}”不存在（没有{y}年{mo}月{d}日），请输入如 2024-03-15"
        ) from None
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
        raise InputError(None, f"{label}“{text}”超出合理范围（2000年至2100年），请检查")
    return day


def parse_int(
    text: object, label: str, minimum: int | None, maximum: int | None, example: str, unit: str | None = None
) -> int:
    if isinstance(text, bool):
        raise InputError(None, f"{label}应为整数，请输入如 {example}")
    value = parse_amount(text, label, example, unit) if not isinstance(text, int) else Decimal(text)
    if value != value.to_integral_value():
        raise InputError(None, f"{label}应为整数，请输入如 {example}")
    n = int(value)
    if (minimum is not None and n < minimum) or (maximum is not None and n > maximum):
        low = minimum if minimum is not None else "—"
        raise InputError(None, f"{label}应在 {low} 到 {maximum} 之间，请输入如 {example}")
    return n
