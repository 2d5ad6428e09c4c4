"""XLSX read as a stream of rows, without openpyxl's per-cell objects (writing: xlsx_writer).

The first worksheet's XML is parsed with ElementTree (expat, in C) as it is decompressed; each
finished row is converted and dropped, so memory stays flat however long the sheet. Cell text
follows what openpyxl's read-only mode gave (tests/test_xlsx.py compares the two): shared and
inline strings stripped, integral numbers without ".0", dates as YYYY-MM-DD, booleans as
True/False, error cells as their text (#N/A).

Security: ElementTree never fetches external entities, and expat 2.4+ (what Python 3.11
ships) refuses entity-expansion bombs. A sheet that inflates hugely costs time, not memory;
the shared-string table is held whole, as openpyxl held it.
"""

from __future__ import annotations

import contextlib
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

from assistant.tabular import TabularError

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
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


def _ns(tag: str) -> str:
    """The ``{namespace}`` part of a tag ('' when none): transitional and strict files both read."""
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def _item_text(node: ET.Element, ns: str) -> str:
    """A shared or inline string: its plain <t> then its rich-text runs' <t> (phonetic runs left out)."""
    t_tag = ns + "t"
    if len(node) == 1 and node[0].tag == t_tag:  # the common case: plain text
        return node[0].text or ""
    plain, runs = "", []
    for child in node:
        if child.tag == t_tag:
            plain = child.text or ""
        elif child.tag == ns + "r":
            runs.append(child.findtext(t_tag) or "")
    return plain + "".join(runs)


class SheetReader:
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
            from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH

            self._epoch = CALENDAR_MAC_1904 if date1904 else WINDOWS_EPOCH
            self._stream = self._open(sheet)
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

    # -- the package's parts ------------------------------------------------------------
    def _open(self, name: str) -> IO[bytes]:
        assert self._zip is not None
        return self._zip.open(self._names[name.lower()])

    def _has(self, name: str) -> bool:
        return name.lower() in self._names

    def _parse(self, name: str) -> ET.Element:
        with self._open(name) as f:
            return ET.parse(f).getroot()

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id → (type, target part name), targets resolved from the part."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self._has(rels_name):
            return {}
        out = {}
        for rel in self._parse(rels_name).iter(f"{{{PKG_REL_NS}}}Relationship"):
            target = rel.get("Target", "").replace("\\", "/")
            if rel.get("TargetMode") == "External":
                continue
            # "/xl/worksheets/sheet1.xml" is from the package root; others from the part's folder.
            name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(name))
        return out

    def _locate(self) -> tuple[str, str | None, str | None, bool]:
        """The first worksheet (chart sheets skipped), the styles and shared strings, the 1904 flag."""
        book = next(
            (t for kind, t in self._rels("").values() if kind.endswith("/officeDocument")),
            "xl/workbook.xml",
        )
        root = self._parse(book)
        ns = _ns(root.tag)
        pr = root.find(ns + "workbookPr")
        date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
        rels = self._rels(book)
        sheet = None
        for node in root.iterfind(f"{ns}sheets/{ns}sheet"):
            rid = next((v for k, v in node.attrib.items() if k.endswith("}id")), None)
            kind, target = rels.get(rid or "", ("", ""))
            if kind.endswith("/worksheet"):  # chart sheets are skipped, as openpyxl skipped them
                sheet = target
                break
        if sheet is None:
            raise TabularError(f"Excel 文件“{self.path.name}”中没有工作表：请把企业名单放在第一张工作表里。")
        by_kind = {kind.rsplit("/", 1)[-1]: target for kind, target in rels.values()}
        # Where a writer left out the relationship, the usual part names still find them.
        folder = posixpath.dirname(book)
        styles = by_kind.get("styles") or posixpath.join(folder, "styles.xml")
        strings = by_kind.get("sharedStrings") or posixpath.join(folder, "sharedStrings.xml")
        return (
            sheet,
            styles if self._has(styles) else None,
            strings if self._has(strings) else None,
            date1904,
        )

    def _read_strings(self, name: str) -> list[str]:
        strings: list[str] = []
        with self._open(name) as f:
            for _event, node in ET.iterparse(f):
                if node.tag.endswith("}si") or node.tag == "si":
                    # openpyxl drops "x005F_" (Excel's escape of a literal "_x...._"); so do we.
                    strings.append(_item_text(node, _ns(node.tag)).replace("x005F_", "").strip())
                    node.clear()
        return strings

    def _read_styles(self, name: str) -> tuple[set[int], set[int]]:
        """Indexes of cell styles whose number format shows a date (or a duration)."""
        from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format

        root = self._parse(name)
        ns = _ns(root.tag)
        custom = {
            int(n.get("numFmtId", -1)): n.get("formatCode", "")
            for n in root.iterfind(f"{ns}numFmts/{ns}numFmt")
        }
        dates: set[int] = set()
        timedeltas: set[int] = set()
        for index, xf in enumerate(root.iterfind(f"{ns}cellXfs/{ns}xf")):
            fmt_id = int(xf.get("numFmtId", 0))
            fmt = custom[fmt_id] if fmt_id in custom else builtin_format_code(fmt_id)
            if fmt and is_date_format(fmt):
                dates.add(index)
            if fmt and is_timedelta_format(fmt):
                timedeltas.add(index)
        return dates, timedeltas

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
        while self._data is None and self._feed():
            if len(self._holder):
                self._ns = _ns(self._holder[0].tag)
                self._data = self._holder[0].find(self._ns + "sheetData")
        self.total, self._width = None, 0
        dimension = self._holder[0].find(self._ns + "dimension") if len(self._holder) else None
        ref = "" if dimension is None else dimension.get("ref", "").upper()
        last = ref.rpartition(":")[2]
        number = last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        # "A1" alone is what some writers put before they know the size; a malformed ref only
        # costs the progress bar its total.
        if ":" in ref and number.isdigit():
            with contextlib.suppress(ValueError):
                self._width = _COLUMNS[last[: len(last) - len(number)]] + 1
                self.total = max(int(number) - 1, 0)

    def _feed(self) -> bool:
        """Parse the next chunk of the sheet's XML; False once it has all been parsed."""
        if self._fed_all:
            return False
        assert self._stream is not None
        chunk = self._stream.read(_CHUNK)
        if chunk:
            self._parser.feed(chunk)
        else:
            self._fed_all = True
            self._parser.close()  # ParseError here if the XML stops short
        return True

    def rows(self) -> Iterator[list[str]]:
        """Every row from row 1 on, missing rows as empty ones (so row numbers stay Excel's)."""
        try:
            yield from self._rows()
        except _BROKEN as exc:
            raise broken(self.path, exc) from exc

    def _rows(self) -> Iterator[list[str]]:
        data, width = self._data, self._width
        if data is None:
            return
        expected = 1  # the next row number
        while True:
            done = len(data) if self._fed_all else len(data) - 1
            if done > 0:
                for row in data[:done]:
                    ref = row.get("r")
                    number = int(ref) if ref else expected
                    if number < expected:  # a row out of order: openpyxl skipped it too
                        continue
                    while expected < number:  # rows the file leaves out
                        yield [""] * width
                        expected += 1
                    cells = self._cells(row)
                    if len(cells) < width:  # padded to the recorded width, as openpyxl did
                        cells += [""] * (width - len(cells))
                    yield cells
                    expected = number + 1
                del data[:done]
            if not self._feed():
                return

    def _cells(self, row: ET.Element) -> list[str]:
        ns = self._ns
        v_tag, is_tag, t_tag = ns + "v", ns + "is", ns + "t"
        strings, dates, columns = self._strings, self._dates, _COLUMNS
        out: list[str] = []
        col = 0
        for c in row:
            ref = c.get("r")
            if ref is not None:
                col = columns[ref.rstrip(_DIGITS)]
            kind = c.get("t")
            # Most frequent first: shared strings (Excel), inline strings (openpyxl, this
            # module's writer), numbers.
            if kind == "s":
                v = c.findtext(v_tag)
                text = strings[int(v)] if v else ""
            elif kind == "inlineStr":
                node = c.find(is_tag)
                if node is None:
                    text = ""
                elif len(node) == 1 and node[0].tag == t_tag:
                    text = (node[0].text or "").strip()
                else:
                    text = _item_text(node, ns).strip()
            elif kind is None or kind == "n":
                v = c.findtext(v_tag)
                if not v:
                    text = ""
                elif dates and (style := c.get("s")) and int(style) in dates:
                    text = self._date_text(v, int(style))
                else:
                    text = number_text(v)
            elif kind == "b":
                v = c.findtext(v_tag)
                text = ("True" if int(v) else "False") if v else ""
            elif kind == "d":
                from openpyxl.utils.datetime import from_ISO8601

                v = c.findtext(v_tag)
                text = value_text(from_ISO8601(v)) if v else ""
            else:  # "str" (a formula's text), "e" (an error such as #N/A)
                text = (c.findtext(v_tag) or "").strip()
            if col == len(out):
                out.append(text)
            elif col > len(out):
                out += [""] * (col - len(out))
                out.append(text)
            else:
                out[col] = text
            col += 1
        return out

    def _date_text(self, v: str, style: int) -> str:
        from openpyxl.utils.datetime import from_excel

        value = float(v) if "." in v or "E" in v or "e" in v else int(v)
        try:
            return value_text(from_excel(value, self._epoch, timedelta=style in self._timedeltas))
        except (OverflowError, ValueError):
            return "#VALUE!"  # a serial outside the calendar: openpyxl's error text
