"""Which number formats show a date or an elapsed time: the reader turns such cells' serials into
dates (assistant/sheets/xlsx_dates.py) instead of numbers.

The built-in table and the two tests classify as openpyxl did, so that files read as before
(tests/test_xlsx_dates.py compares them over many format strings) — except the locale ids that
Chinese Excel writes for its dates, which openpyxl read as numbers (ZH_CN_FORMATS).
"""

from __future__ import annotations

import re

# ECMA-376 §18.8.30: the formats a style may name by id alone, without a <numFmt>.
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

# Ids 27–36 and 50–58 depend on the locale the file was saved in, and Excel writes no code for them.
# In zh-CN (as in the other East Asian locales) every one is a date or a time: Chinese Excel saves
# 长日期 as id 31, yyyy"年"m"月"d"日". openpyxl knew no code for them and read such a cell as its
# serial (45327 for 2024年2月5日); they are read as the dates they show. A workbook from a Western
# locale never names these ids. Codes as Microsoft documents them for zh-CN.
ZH_CN_FORMATS: dict[int, str] = {
    27: 'yyyy"年"m"月"',
    28: 'm"月"d"日"',
    29: 'm"月"d"日"',
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    34: '上午/下午h"时"mm"分"',
    35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"',
    50: 'yyyy"年"m"月"',
    51: 'm"月"d"日"',
    52: 'yyyy"年"m"月"',
    53: 'm"月"d"日"',
    54: 'm"月"d"日"',
    55: '上午/下午h"时"mm"分"',
    56: '上午/下午h"时"mm"分"ss"秒"',
    57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}

# Left out before looking for date letters: "quoted text" (non-greedy, so "年" and "月" are each
# their own literal) and [bracketed] sections — colours [Red], locales [$-804], conditions [>100] —
# but not the elapsed-time [h], [mm], [ss], which are date parts.
_IGNORED = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
# A date or time letter not escaped by "\" (one literal character) or "_" (a space as wide as it).
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_ELAPSED = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.IGNORECASE)


def builtin_format(fmt_id: int) -> str | None:
    """The code of a built-in format id (zh-CN's for the locale ids); None for a custom id."""
    return BUILTIN_FORMATS.get(fmt_id) or ZH_CN_FORMATS.get(fmt_id)


def is_date_format(fmt: str) -> bool:
    """Whether the format's first section (positive numbers) shows a date or a time.

    上午/下午 (Chinese AM/PM) are no date letters: a time format has its h and mm besides.
    """
    first = _IGNORED.sub("", fmt.split(";")[0])
    return _DATE_LETTER.search(first) is not None


def is_elapsed_format(fmt: str) -> bool:
    """Whether the first section counts elapsed time ([h]:mm:ss, [mm]:ss): the serial is a duration."""
    return _ELAPSED.search(fmt.split(";")[0]) is not None
