"""XLSX written as a stream of rows: the package's few fixed parts plus the sheet, whose XML is
deflated into its zip entry as rows arrive. Strings are inline (no shared-string table to hold
in memory); the first row is the header, bold and frozen.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from datetime import date
from datetime import time as dt_time
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO

from assistant.sheets.cells import TabularError, column_letters
from assistant.sheets.xlsx import MAIN_NS, PKG_REL_NS, REL_NS
from calculators.models import plain_decimal

EXCEL_MAX_ROWS = 1_048_576


_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
    f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def _content_types(sheets: int) -> str:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, sheets + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}"
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    )


def _workbook(titles: Sequence[str]) -> tuple[str, str]:
    """workbook.xml and its relationships for the sheets in order (rId1..n; styles after them)."""
    sheets = "".join(
        f'<sheet name="{_sheet_name(t)}" sheetId="{i}" r:id="rId{i}"/>' for i, t in enumerate(titles, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(titles) + 1)
    )
    styles = f'<Relationship Id="rId{len(titles) + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{sheets}</sheets></workbook>",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_REL_NS}">{rels}{styles}</Relationships>',
    )


def write_package(z: zipfile.ZipFile, titles: Sequence[str]) -> None:
    """The parts around sheets already written as xl/worksheets/sheet1.xml … sheetN.xml."""
    workbook, rels = _workbook(titles)
    z.writestr("[Content_Types].xml", _content_types(len(titles)))
    z.writestr("_rels/.rels", _ROOT_RELS)
    z.writestr("xl/workbook.xml", workbook)
    z.writestr("xl/_rels/workbook.xml.rels", rels)
    z.writestr("xl/styles.xml", _STYLES)


_FONT = '<sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/>'
# Styles: 0 plain; 1 the header row (bold, wrapped, centred vertically); 2 whole amounts
# (#,##0: 308,600); 3 amounts with a fraction (#,##0.00, so no cent is hidden); for whole small
# sheets (xlsx_book): 4 bold, 5 text (@: what is typed stays as typed), 6 bold text.
HEADER_STYLE, WHOLE_STYLE, FRACTION_STYLE = 1, 2, 3
BOLD_STYLE, TEXT_STYLE, BOLD_TEXT_STYLE = 4, 5, 6
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{MAIN_NS}">'
    f'<fonts count="2"><font>{_FONT}</font><font><b/>{_FONT}</font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
# XML 1.0 cannot carry C0 control characters (tab, line feed and carriage return aside), lone
# surrogates or U+FFFE/U+FFFF, not even escaped: such characters are dropped from the text.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Text that needs more than copying: markup characters, illegal ones, edge spaces to keep.
_NEEDS_CARE = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|^\\s|\\s$")
_FLUSH_ROWS = 128
_TAIL_CACHE = 20_000


def _amount_tail(value: Decimal) -> str:
    """An amount: exact digits (no exponent, no trailing zeros) shown with thousands separators."""
    style = WHOLE_STYLE if value == value.to_integral_value() else FRACTION_STYLE
    return f' s="{style}"><v>{plain_decimal(value)}</v></c>'


def _cell_tail(value: object) -> str:
    """A cell's XML after its reference (' t="b"><v>1</v></c>'), or '' where no cell is written.

    Text is always an inline string, never a formula: "=HYPERLINK(…)" stays text in Excel.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v></c>'
    if isinstance(value, Decimal) and value.is_finite():
        return _amount_tail(value)
    if isinstance(value, int):
        return f"><v>{value}</v></c>"
    if isinstance(value, float) and math.isfinite(value):
        return f"><v>{value!r}</v></c>"
    text = value.isoformat() if isinstance(value, date | dt_time) else str(value)
    if not text:
        return ""
    space = ""
    if _NEEDS_CARE.search(text):
        text = _escape(text)
        if text[:1].isspace() or text[-1:].isspace():
            space = ' xml:space="preserve"'  # else Excel would drop the edge spaces
    return f' t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _escape(text: str) -> str:
    text = _ILLEGAL.sub("", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;")  # a bare CR would be read back as a line feed


def _sheet_name(title: str) -> str:
    """Excel's rules for a sheet name: at most 31 characters, none of []:*?/\\."""
    name = re.sub(r"[\[\]:*?/\\]", "_", _ILLEGAL.sub("", title)).strip("'")[:31]
    return _escape(name or "Sheet1").replace('"', "&quot;")


def display_width(value: object) -> int:
    """How many narrow columns a cell's text takes: CJK and other wide characters count double."""
    if value is None:
        return 0
    if isinstance(value, Decimal) and value.is_finite():
        text = f"{value:,.2f}" if value != value.to_integral_value() else f"{value:,.0f}"
    else:
        text = str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit_widths(header: Sequence[object], rows: Sequence[Sequence[object]]) -> list[float]:
    """Column widths that fit the cells seen (a header wraps onto two lines rather than widen its
    column); capped so one long note does not push the rest of the sheet off screen."""
    widths = [min(display_width(v), _HEADER_WRAP) for v in header]
    for row in rows:
        for i, value in enumerate(row):
            if i >= len(widths):
                widths.append(0)
            widths[i] = max(widths[i], display_width(value))
    return [max(_MIN_WIDTH, min(_MAX_WIDTH, w + 2.0)) for w in widths]


_MIN_WIDTH, _MAX_WIDTH, _HEADER_WRAP = 6.0, 60.0, 18


_FIT_TO_PAGE = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'


def _sheet_tail(fit: bool) -> str:
    """After the rows: A4 landscape for printing; small sheets fitted to one page's width."""
    pages = ' fitToWidth="1" fitToHeight="0"' if fit else ""
    return (
        '</sheetData><pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        f'<pageSetup paperSize="9" orientation="landscape"{pages}/></worksheet>'
    )


def _pane(freeze: str) -> str:
    """Rows above and columns left of ``freeze`` (a cell such as "A2" or "B3") stay on screen."""
    letters = freeze.rstrip("0123456789")
    columns = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters))) - 1
    rows = int(freeze[len(letters) :]) - 1
    if not (columns or rows):  # "A1": nothing to hold still
        return ""
    split = (f' xSplit="{columns}"' if columns else "") + (f' ySplit="{rows}"' if rows else "")
    # The pane the cursor is in: the one that scrolls both ways, or the only one that scrolls.
    active = "bottomRight" if columns and rows else "bottomLeft" if rows else "topRight"
    # With both splits Excel lists a selection for each of the other panes too.
    others = '<selection pane="topRight"/><selection pane="bottomLeft"/>' if columns and rows else ""
    return (
        f'<pane{split} topLeftCell="{freeze}" activePane="{active}" state="frozen"/>'
        f'{others}<selection pane="{active}" activeCell="{freeze}" sqref="{freeze}"/>'
    )


def _sheet_head(
    widths: Sequence[float], freeze: str | None, fit: bool = False, dimension: str | None = None
) -> str:
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w:.1f}" customWidth="1"/>' for i, w in enumerate(widths, start=1)
    )
    size = f'<dimension ref="{dimension}"/>' if dimension else ""
    view = _pane(freeze) if freeze else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{_FIT_TO_PAGE if fit else ""}{size}'
        f'<sheetViews><sheetView workbookViewId="0">{view}</sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}<sheetData>'
    )


def _small_sheet(rows: Sequence[Sequence[object]]) -> str:
    """A whole sheet at once (summaries, notes): widths fitted to every cell, first row bold."""
    out = [_sheet_head(fit_widths(rows[0] if rows else [], rows[1:]), "A2" if rows else None, fit=True)]
    for n, row in enumerate(rows, start=1):
        cells = []
        for i, value in enumerate(row):
            tail = _cell_tail(value)
            if tail:
                style = f' s="{HEADER_STYLE}"' if n == 1 and ' s="' not in tail else ""
                cells.append(f'<c r="{column_letters(i)}{n}"{style}{tail}')
        out.append(f'<row r="{n}">{"".join(cells)}</row>')
    out.append(_sheet_tail(fit=True))
    return "".join(out)


class XlsxWriter:
    """Rows streamed into a new .xlsx file: the first row bold and frozen as the header.

    Values: str (inline text), Decimal (amounts: exact digits, thousands separators), int,
    bool, float; None and "" leave the cell empty; anything else is written as its text.
    Column widths fit the header and the first rows (the sheet's head precedes its rows, so
    the widths are fixed once those rows are written). ``add_sheet`` adds small sheets after
    the first (summaries, notes), written when the file is closed.
    """

    def __init__(self, path: Path, sheet_title: str = "Sheet1") -> None:
        self._file = open(path, "wb")  # closed in close() or abort()
        # Level 1: a 100,000-row result deflates in 0.6 s to 21 MB; level 6 takes 1.8 s for 15 MB.
        self._zip = zipfile.ZipFile(self._file, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self._title = sheet_title
        self._sheet: IO[bytes] | None = None
        self._rows = 0
        self._buffer: list[str] = []
        self._sample: list[Sequence[object]] = []  # the first rows, for the column widths
        self._refs: list[str] = []
        self._tails: dict[str, str] = {}
        self._extra: list[tuple[str, list[Sequence[object]]]] = []

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def add_sheet(self, title: str, rows: Sequence[Sequence[object]]) -> None:
        """Another sheet, after the streamed one; its first row is its header."""
        self._extra.append((title, [list(r) for r in rows]))

    def write(self, row: Sequence[object]) -> None:
        n = self._rows = self._rows + 1
        if n > EXCEL_MAX_ROWS:
            raise TabularError(
                f"结果超过 Excel 工作表的上限 {EXCEL_MAX_ROWS:,} 行："
                "请把输出文件改为 .csv，或把名单分成几个文件。"
            )
        if len(self._sample) < _FLUSH_ROWS:
            self._sample.append(list(row))
        refs = self._refs
        while len(refs) < len(row):
            refs.append(column_letters(len(refs)))
        tails = self._tails
        parts = [f'<row r="{n}" ht="32" customHeight="1">' if n == 1 else f'<row r="{n}">']
        for col, value in zip(refs, row, strict=False):
            cls = value.__class__
            if cls is str:
                if not value:
                    continue
                # Lists repeat their texts (是/否, the same figures): each is escaped once.
                tail = tails.get(value)  # type: ignore[call-overload]
                if tail is None:
                    tail = _cell_tail(value)
                    if len(tails) >= _TAIL_CACHE:
                        tails.clear()  # bounded: memory stays flat on any file
                    tails[value] = tail  # type: ignore[index]
            elif value is None:
                continue
            elif cls is Decimal and value.is_finite():  # type: ignore[attr-defined]
                tail = _amount_tail(value)  # type: ignore[arg-type]
            else:
                tail = _cell_tail(value)
                if not tail:
                    continue
            parts.append(f'<c r="{col}{n}"{tail}')
        if row and (row[-1] is None or row[-1] == ""):
            # The last cell, even empty: with no <dimension> (its size is unknown while
            # streaming) readers such as openpyxl's read-only mode size each row by it.
            parts.append(f'<c r="{refs[len(row) - 1]}{n}"/>')
        parts.append("</row>")
        if n == 1:  # the header: bold, wrapped (style 1)
            parts = [p.replace("<c ", f'<c s="{HEADER_STYLE}" ') for p in parts]
        self._buffer.append("".join(parts))
        if len(self._buffer) >= _FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._sheet is None:
            self._sheet = self._zip.open("xl/worksheets/sheet1.xml", "w")
            sample = self._sample
            widths = fit_widths(sample[0], sample[1:]) if sample else []
            self._buffer.insert(0, _sheet_head(widths, "A2" if sample else None))
        self._sheet.write("".join(self._buffer).encode("utf-8"))
        self._buffer.clear()

    def close(self) -> None:
        """Finish the package. TabularError if the sheet outgrew what a zip entry can hold."""
        try:
            self._buffer.append(_sheet_tail(fit=False))
            self._flush()
            assert self._sheet is not None
            self._sheet.close()
            z = self._zip
            for i, (_, rows) in enumerate(self._extra, start=2):
                z.writestr(f"xl/worksheets/sheet{i}.xml", _small_sheet(rows))
            write_package(z, [self._title, *(t for t, _ in self._extra)])
            z.close()
            self._file.close()
        except RuntimeError as exc:  # zipfile: "File size too large" (over 2 GiB of sheet XML)
            self.abort()
            raise TabularError("结果太大，超出 .xlsx 文件的容量：请把输出文件改为 .csv。") from exc

    def abort(self) -> None:
        """Give up: release the file (the caller removes it)."""
        for close in (
            (self._sheet.close if self._sheet is not None else None),
            self._zip.close,
            self._file.close,
        ):
            try:
                if close is not None:
                    close()
            except (OSError, ValueError, RuntimeError):
                pass
