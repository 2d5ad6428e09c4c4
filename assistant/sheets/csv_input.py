"""CSV files as offices save them: UTF-8 (BOM or not), GBK, Excel's "Unicode 文本" (UTF-16, tabs).

The encoding and the separator are found from the bytes; Big5 (traditional-Chinese Windows) is
recognised and refused, since read as GBK it would be plausible-looking garbage. Lines and fields
are bounded (assistant/cells.py) so that a file of one endless line cannot exhaust memory.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from assistant.sheets.cells import MAX_CELL_CHARS, MAX_ROW_BYTES, oversized

_SNIFF_CHUNK = 1 << 16
_EURO = "policy_assistant_cp936_euro"


class CsvProblem(Exception):
    """A Chinese message saying why the file cannot be read (turned into TabularError by the caller)."""


def _cp936_euro(exc: UnicodeError) -> tuple[str, int]:
    # Windows' code page 936 (what Excel on Chinese Windows writes) has € at the single byte 0x80,
    # which GB18030 leaves out.
    if isinstance(exc, UnicodeDecodeError) and exc.object[exc.start : exc.start + 1] == b"\x80":
        return "€", exc.start + 1
    raise exc


codecs.register_error(_EURO, _cp936_euro)

# GB2312's first level: the 3,755 commonest simplified characters. Real GBK text is nearly all
# of them; Big5 bytes read as GBK land there for only about a third of their characters.
_GB2312_L1 = frozenset(
    bytes([lead, trail]).decode("gb2312")
    for lead in range(0xB0, 0xD8)
    for trail in range(0xA1, 0xFF)
    if not (lead == 0xD7 and trail > 0xF9)
)
_BIG5_BELOW = 0.45


def _common_share(text: str) -> float:
    chars = [
        c for c in text if ord(c) > 0x7F and not (0x3000 <= ord(c) <= 0x303F or 0xFF00 <= ord(c) <= 0xFFEF)
    ]
    return sum(c in _GB2312_L1 for c in chars) / len(chars) if chars else 1.0


def _valid(path: Path, encoding: str, errors: str = "strict") -> bool:
    """Whether the whole file decodes (in chunks: flat memory; a stray byte can sit on the last row)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    try:
        with path.open("rb") as f:
            while chunk := f.read(_SNIFF_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path) -> tuple[str, str]:
    """(encoding, errors) for ``open``: UTF-16 by its BOM, UTF-8, else GBK (as gb18030 with €).

    CsvProblem for Big5 or for bytes that are no Chinese encoding at all.
    """
    with path.open("rb") as f:
        head = f.read(_SNIFF_CHUNK)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "strict"
    if _valid(path, "utf-8"):
        return "utf-8-sig", "strict"
    name = path.name
    gbk = _valid(path, "gb18030", _EURO)
    sample = head.decode("gb18030", "replace")
    if not gbk or _common_share(sample) < _BIG5_BELOW:
        big5 = _valid(path, "cp950")
        if big5:
            raise CsvProblem(
                f"CSV 文件“{name}”看来是繁体中文 Big5 编码，按简体读取会成为乱码："
                "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重试。"
            )
    if not gbk:
        raise CsvProblem(
            f"CSV 文件“{name}”既不是 UTF-8 也不是 GBK 编码的文本（或已损坏）："
            "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重试。"
        )
    return "gb18030", _EURO


def detect_delimiter(f: IO[str]) -> str:
    """The separator most used in the header line: tab ("Unicode 文本"), ";" (European Excel) or ",".

    The header (name, sales_increase_yuan, ... or their Chinese labels) holds no separators of its
    own, so counting it is steadier than csv.Sniffer, which guesses from the cell values too.
    """
    first = f.readline(MAX_ROW_BYTES)
    f.seek(0)
    counts = {d: first.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def bounded_lines(f: IO[str]) -> Iterator[str]:
    """The file's lines, each at most MAX_ROW_BYTES characters: past that the file is refused."""
    number = 0
    while True:
        line = f.readline(MAX_ROW_BYTES)
        if not line:
            return
        number += 1
        if len(line) >= MAX_ROW_BYTES and not line.endswith(("\n", "\r")):
            raise CsvProblem(
                f"CSV 文件第 {number} 行超过 {MAX_ROW_BYTES >> 20} MB，不像是企业名单（文件可能已损坏）："
                "请检查文件后重试。"
            )
        yield line


def numbered_records(f: IO[str]) -> Iterator[tuple[int, list[str]]]:
    """Non-empty records with their number (as Excel numbers the rows when it opens the file)."""
    csv.field_size_limit(MAX_ROW_BYTES)
    reader = csv.reader(bounded_lines(f), delimiter=detect_delimiter(f))
    number = 0
    try:
        for record in reader:
            number += 1
            cells = [oversized(len(c)) if len(c) > MAX_CELL_CHARS else c.strip() for c in record]
            if any(cells):
                yield number, cells
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise CsvProblem(
                f"CSV 文件第 {number + 1} 条记录中有一个单元格超过 {MAX_ROW_BYTES >> 20} MB"
                "（常见原因：某个引号没有配对，之后的内容都被当成了一个单元格）：请检查引号后重试。"
            ) from None
        raise CsvProblem(
            f"CSV 文件第 {number + 1} 条记录格式有误：请用 Excel 另存为“CSV UTF-8”后重试。"
        ) from None
