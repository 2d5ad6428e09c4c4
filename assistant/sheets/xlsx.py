"""XLSX read as a stream of rows, without openpyxl's per-cell objects (writing: xlsx_writer).

The first worksheet's XML is parsed with ElementTree (expat, in C) as it is decompressed; each
finished row is converted and dropped, so memory stays flat however long the sheet. Cell text
follows what openpyxl's read-only mode gave (tests/test_xlsx.py compares the two): shared and
inline strings stripped, integral numbers without ".0", dates as YYYY-MM-DD, booleans as
True/False, error cells as their text (#N/A).

Unlike openpyxl, rows are not padded to the width the sheet declares (Excel and Gnumeric declare
``A1:XFD1048576`` once one far cell is formatted): a row holds the cells up to its last non-empty
one, empty rows are skipped, and each row comes with its Excel row number. ``_xHHHH_`` escapes are
decoded as Excel shows them.

Security: ElementTree never fetches external entities, and expat 2.4+ (what Python 3.11
ships) refuses entity-expansion bombs. Zip and XML bombs are bounded (assistant/cells.py): each
part's decompressed size, one row's XML, the shared-string table; a cell over Excel's 32,767
characters becomes a ``CellError`` (that row's error), not text.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

from assistant.sheets.cells import MAX_ROW_BYTES, MAX_SHEET_BYTES, CellError, TabularError, column_letters
from assistant.sheets.xlsx_dates import from_iso, from_serial
from assistant.sheets.xlsx_parts import PackageParts, _cell_text, _item_text, _ns, too_large

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"  # the writer uses these
_DIGITS = "0123456789"
# Small reads keep few parsed elements alive at once: measured faster than 16 KB or 64 KB.
_CHUNK = 8192
# What a damaged or foreign file raises somewhere in zipfile, zlib or expat.
_BROKEN = (
    OSError,
    EOFError,
    KeyError,
    IndexError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    zipfile.BadZipFile,
    zlib.error,
    ET.ParseError,
)


def broken(path: Path, exc: BaseException) -> TabularError:
    return TabularError(
        f"无法打开 Excel 文件“{path.name}”（{type(exc).__name__}）："
        "请确认它是 .xlsx 格式的工作簿且未损坏（旧版 .xls 或设有打开密码的文件请先在 Excel 中另存为 .xlsx）。"
    )


def value_text(value: object) -> str:
    """A cell as the text a person typed; Excel's numbers lose a spurious ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat") and hasattr(value, "year"):
        # Excel dates arrive as datetime; the date part is what was meant.
        return value.isoformat()[:10]
    return str(value).strip()


def number_text(v: str) -> str:
    """A numeric cell's stored text as openpyxl cast it (int, else float) and value_text showed it."""
    if "." in v or "E" in v or "e" in v:
        f = float(v)
        return str(int(f)) if f.is_integer() else repr(f)
    return str(int(v))


class _Columns(dict[str, int]):
    """Column letters to 0-based index ("A" → 0, "XFD" → 16383), filled as letters are met."""

    def __missing__(self, letters: str) -> int:
        index = 0
        for ch in letters.upper():
            if not "A" <= ch <= "Z":
                raise ValueError(f"bad cell reference column {letters!r}")
            index = index * 26 + ord(ch) - 64
        if not 1 <= index <= 16384:
            raise ValueError(f"bad cell reference column {letters!r}")
        self[letters] = index - 1
        return index - 1


_COLUMNS = _Columns()


class SheetReader(PackageParts):
    """The first worksheet of an .xlsx file, opened; ``rows()`` streams its rows as lists of text.

    ``total`` is the data-row count (header excluded) from the sheet's <dimension>, or None when
    the file records none (openpyxl's write-only mode) or only a placeholder.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._stream: IO[bytes] | None = None
        try:
            self._zip = zipfile.ZipFile(path)
            self._names = {n.replace("\\", "/").lower(): n for n in self._zip.namelist()}
            sheet, styles, strings, date1904 = self._locate()
            self._strings = self._read_strings(strings) if strings else []
            self._dates, self._timedeltas = self._read_styles(styles) if styles else (set(), set())
            self._date1904 = date1904
            self._stream = self._open(sheet, MAX_SHEET_BYTES)
            self._start_sheet()
        except _BROKEN as exc:
            self.close()
            raise broken(path, exc) from exc
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
        if self._zip is not None:
            self._zip.close()

    # -- the sheet ----------------------------------------------------------------------
    # No parse events: asking ElementTree for them costs a Python step per element (c, v, is,
    # t...), which was most of the reading time. Instead the tree builder gets a holder element
    # before parsing starts, so the document's root becomes the holder's child and <sheetData>
    # can be reached while the XML is still being fed; after each chunk, the rows before the
    # last (which may still be open) are complete: they are read and dropped.
    def _start_sheet(self) -> None:
        builder = ET.TreeBuilder()
        self._holder = builder.start("holder", {})
        self._parser = ET.XMLParser(target=builder)
        self._fed_all = False
        self._data: ET.Element | None = None
        self._ns = ""
        self._since_row = 0  # bytes fed since a row last finished: bounds one row's XML
        while self._data is None and self._feed():
            if len(self._holder):
                self._ns = _ns(self._holder[0].tag)
                self._data = self._holder[0].find(self._ns + "sheetData")
            if self._data is None and self._since_row > MAX_ROW_BYTES:
                raise too_large(self.path, f"工作表开头超过 {MAX_ROW_BYTES >> 20} MB 仍没有数据")
        self.total = None
        dimension = self._holder[0].find(self._ns + "dimension") if len(self._holder) else None
        ref = "" if dimension is None else dimension.get("ref", "").upper()
        last = ref.rpartition(":")[2]
        number = last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        # "A1" alone is what some writers put before they know the size; a malformed ref only
        # costs the progress bar its total, and a sheet's last row (1048576) says nothing of it.
        if ":" in ref and number.isdigit() and len(number) < 8 and int(number) < 1_048_576:
            self.total = max(int(number) - 1, 0)

    def _feed(self) -> bool:
        """Parse the next chunk of the sheet's XML; False once it has all been parsed."""
        if self._fed_all:
            return False
        assert self._stream is not None
        chunk = self._stream.read(_CHUNK)
        self._since_row += len(chunk)
        if chunk:
            self._parser.feed(chunk)
        else:
            self._fed_all = True
            self._parser.close()  # ParseError here if the XML stops short
        return True

    def rows(self) -> Iterator[list[str]]:
        """The non-empty rows' cells (row numbers: ``numbered``)."""
        return (cells for _number, cells in self.numbered())

    def numbered(self) -> Iterator[tuple[int, list[str]]]:
        """Each non-empty row with its Excel row number, cells up to the last non-empty one."""
        try:
            yield from self._rows()
        except _BROKEN as exc:
            raise broken(self.path, exc) from exc

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        data = self._data
        if data is None:
            return
        sheet = self._holder[0]
        expected = 1  # the next row number
        while True:
            # Once an element follows <sheetData>, every row is complete and the rest is not read.
            closed = self._fed_all or sheet[-1] is not data
            done = len(data) if closed else len(data) - 1
            if done > 0:
                self._since_row = 0
                for row in data[:done]:
                    ref = row.get("r")
                    number = int(ref) if ref else expected
                    if number < expected:  # a row out of order: openpyxl skipped it too
                        continue
                    expected = number + 1
                    cells = self._cells(row)
                    if cells:  # an empty row (or one of formatted, empty cells) is skipped
                        yield number, cells
                del data[:done]
            if closed:
                return
            if self._since_row > MAX_ROW_BYTES:
                raise too_large(self.path, f"第 {expected} 行超过 {MAX_ROW_BYTES >> 20} MB")
            self._feed()

    def _cells(self, row: ET.Element) -> list[str]:
        columns = _COLUMNS
        out: list[str] = []
        col = 0
        for c in row:
            ref = c.get("r")
            try:
                if ref is not None:
                    col = columns[ref.rstrip(_DIGITS)]
                text = self._text(c)
            except (ValueError, IndexError, OverflowError, TypeError):
                # One damaged cell is that row's error; the other rows are still read.
                text = CellError(
                    f"{column_letters(col)}列的单元格已损坏，无法读取：请在 Excel 中重新输入这个单元格",
                    "（单元格已损坏，未读取）",
                )
            if col >= 16384:
                raise ValueError("more cells in a row than Excel's 16384 columns")
            if text:  # empty cells (formatted only) cost nothing: a row ends at its last text
                if col == len(out):
                    out.append(text)
                elif col > len(out):
                    out += [""] * (col - len(out))
                    out.append(text)
                else:
                    out[col] = text
            col += 1
        return out

    def _text(self, c: ET.Element) -> str:
        ns = self._ns
        v_tag = ns + "v"
        kind = c.get("t")
        # Most frequent first: shared strings (Excel), inline strings (openpyxl, this
        # module's writer), numbers.
        if kind == "s":
            v = c.findtext(v_tag)
            return self._strings[int(v)] if v else ""
        if kind == "inlineStr":
            node = c.find(ns + "is")
            if node is None:
                return ""
            if len(node) == 1 and node[0].tag == ns + "t":
                return _cell_text(node[0].text or "")
            return _cell_text(_item_text(node, ns))
        if kind is None or kind == "n":
            v = c.findtext(v_tag)
            if not v:
                return ""
            if self._dates and (style := c.get("s")) and int(style) in self._dates:
                return self._date_text(v, int(style))
            return number_text(v)
        if kind == "b":
            v = c.findtext(v_tag)
            return ("True" if int(v) else "False") if v else ""
        if kind == "d":
            v = c.findtext(v_tag)
            return value_text(from_iso(v)) if v else ""
        # "str" (a formula's text), "e" (an error such as #N/A)
        return _cell_text(c.findtext(v_tag) or "")

    def _date_text(self, v: str, style: int) -> str:
        value = float(v) if "." in v or "E" in v or "e" in v else int(v)
        try:
            return value_text(from_serial(value, self._date1904, duration=style in self._timedeltas))
        except (OverflowError, ValueError):
            return "#VALUE!"  # a serial outside the calendar: openpyxl's error text
