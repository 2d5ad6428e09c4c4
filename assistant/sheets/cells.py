"""What one input cell, row and file may hold, shared by the CSV and XLSX readers.

A list of enterprises has short cells. Past these bounds a cell is not a person's entry but
damage or an attack (a zip bomb's 2 GB cell): one oversized cell becomes that row's error,
while a row or a file past its bound is refused whole, before memory runs out.
"""

from __future__ import annotations

import re

# Excel's own limit for one cell: nothing Excel, WPS or LibreOffice saved holds more.
MAX_CELL_CHARS = 32_767
# One row's XML (or one CSV line) may carry an oversized cell and still be read, so that the
# cell becomes the row's error; past this the file is refused.
MAX_ROW_BYTES = 64 << 20
# Decompressed size of the worksheet, of the shared-string table, of every other part.
MAX_SHEET_BYTES = 2 << 30
MAX_STRINGS_BYTES = 256 << 20
MAX_PART_BYTES = 64 << 20
# What the shared-string table may hold in memory.
MAX_STRINGS = 2_000_000
MAX_STRINGS_CHARS = 64_000_000


class CellError(str):
    """A cell that could not be taken (too long, damaged): shown as a short note; ``message`` says why."""

    message: str

    def __new__(cls, message: str, shown: str = "（单元格无法读取）") -> CellError:
        cell = super().__new__(cls, shown)
        cell.message = message
        return cell

    def __reduce__(self) -> tuple[type[CellError], tuple[str, str]]:
        # Rows travel to worker processes pickled: keep both the note and the message.
        return CellError, (self.message, str(self))


def oversized(chars: int) -> CellError:
    return CellError(
        f"单元格内容有 {chars:,} 个字符，超过 Excel 单元格上限 {MAX_CELL_CHARS:,} 字，"
        "未测算：请只填写企业名称或数字（如 800万）",
        "（单元格内容过长，未读取）",
    )


def column_letters(index: int) -> str:
    """0 → "A", 27 → "AB": how a person finds the cell in Excel."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# Excel writes a character XML cannot hold as _xHHHH_ (UTF-16 code units, a pair for characters
# beyond the BMP) and a literal "_x" sequence as "_x005F_"; one left-to-right pass decodes both.
_ESCAPE = re.compile(r"_x(D[89AB][0-9A-F]{2})__x(D[C-F][0-9A-F]{2})_|_x([0-9A-F]{4})_", re.IGNORECASE)


def _xml_char(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD


def _unescape(m: re.Match[str]) -> str:
    if m.group(1):
        high, low = int(m.group(1), 16), int(m.group(2), 16)
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    code = int(m.group(3), 16)
    # A lone surrogate or a control character could not be written out again: kept as typed.
    return chr(code) if _xml_char(code) else m.group(0)


def decode_escapes(text: str) -> str:
    """``ABC_x000D_DEF`` → ``ABC\\rDEF`` and ``_x005F_x000D_`` → ``_x000D_``, as Excel shows them."""
    return _ESCAPE.sub(_unescape, text) if "_x" in text else text


class TabularError(Exception):
    """A CSV or XLSX file that cannot be read or written; ``message`` (Chinese) says what is expected."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
