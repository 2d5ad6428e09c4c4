"""Which number formats show a date or an elapsed time: the reader turns such cells' serials into
dates (assistant/sheets/xlsx_dates.py) instead of numbers.

The built-in table and the two tests classify as openpyxl did, so that files read as before
(tests/test_xlsx_dates.py compares them over many format strings).
"""

from __future__ import annotations

import re

# ECMA-376 §18.8.30: the formats a style may name by id alone, without a <numFmt>. Ids 23–36 and
# 50–58 depend on the reader's locale (in zh-CN, 31 is yyyy"年"m"月"d"日"); openpyxl knew no code
# for them, so a cell styled so has read as its number, and still does.
BUILTIN_FORMATS: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}

# Left out before looking for date letters: "quoted text" (non-greedy, so "年" and "月" are each
# their own literal) and [bracketed] sections — colours [Red], locales [$-804], conditions [>100] —
# but not the elapsed-time [h], [mm], [ss], which are date parts.
_IGNORED = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
# A date or time letter not escaped by "\" (one literal character) or "_" (a space as wide as it).
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_ELAPSED = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.IGNORECASE)


def builtin_format(fmt_id: int) -> str | None:
    """The code of a built-in format id; None for ids the table leaves out (custom or locale ones)."""
    return BUILTIN_FORMATS.get(fmt_id)


def is_date_format(fmt: str) -> bool:
    """Whether the format's first section (positive numbers) shows a date or a time.

    上午/下午 (Chinese AM/PM) are no date letters: a time format has its h and mm besides.
    """
    first = _IGNORED.sub("", fmt.split(";")[0])
    return _DATE_LETTER.search(first) is not None


def is_elapsed_format(fmt: str) -> bool:
    """Whether the first section counts elapsed time ([h]:mm:ss, [mm]:ss): the serial is a duration."""
    return _ELAPSED.search(fmt.split(";")[0]) is not None
