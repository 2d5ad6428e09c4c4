"""Find a clause number in a person's words: 第5条, 第五条, 5号措施, 措施五, 第5项 → "5".

No jieba here: the chat and the CLI use it before (or without) loading search (第五條 is read
as 第五条 through ``to_simplified``, which imports OpenCC only for a traditional character).
"""

from __future__ import annotations

import re

from assistant.search.segment import to_simplified
from corpus.text import normalise_input

MEASURE_COUNT = 13
_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUM = r"([0-9]{1,2}|[一二两三四五六七八九十]{1,3})"
# 第5条 / 第五项 / 第5点 / 第五款；5号措施 / 5号条款；措施五 / 条款5 / 第5条措施。
# "〔2022〕6号" (a document number) and "每月16号" (a date) are not clause numbers: 号 must be
# followed by 措施 or 条款.
_PATTERNS = (
    re.compile(rf"第\s*{_NUM}\s*(?:条|项|点|款|个措施|号措施)"),
    re.compile(rf"(?<![〔〕\[(（0-9一二三四五六七八九十]){_NUM}\s*号\s*(?:措施|条款|政策)"),
    re.compile(rf"(?:措施|条款)\s*(?:第)?\s*{_NUM}(?![0-9万元%])"),
)
_WHOLE_NUMBER = re.compile(rf"^\s*(?:第\s*)?{_NUM}\s*(?:条)?\s*$")
# The two clauses without a number.
_NAMED = {
    "preamble": "preamble",
    "前言": "preamble",
    "序言": "preamble",
    "开头": "preamble",
    "印发通知": "preamble",
    "final": "final",
    "附则": "final",
    "结尾": "final",
    "最后一段": "final",
}


def chinese_number(text: str) -> int | None:
    """一 … 九十九 (and plain digits) → int; None if it is not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in tens + ones:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def _valid(number: int | None) -> str | None:
    return str(number) if number is not None and 1 <= number <= MEASURE_COUNT else None


def parse_clause_ref(text: str) -> str | None:
    """The clause id a question names, or None.

    A bare number ("5", "五") names a clause only when it is the whole text; inside a sentence
    a number is an amount or a date, so only the forms above count there.
    """
    text = to_simplified(normalise_input(text))
    if text.lower() in _NAMED:
        return _NAMED[text.lower()]
    whole = _WHOLE_NUMBER.match(text)
    if whole:
        return _valid(chinese_number(whole.group(1)))
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _valid(chinese_number(match.group(1)))
            if found:
                return found
    return None
