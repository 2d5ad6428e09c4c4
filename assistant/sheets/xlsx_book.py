"""Small workbooks written whole, each sheet laid out as asked: bold header rows, rows formatted as
text, column widths, frozen panes (the batch template). Long results stream through XlsxWriter."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.sheets.cells import column_letters
from assistant.sheets.xlsx_writer import (
    BOLD_STYLE,
    BOLD_TEXT_STYLE,
    TEXT_STYLE,
    _cell_tail,
    _sheet_head,
    _sheet_tail,
    write_package,
)

_CELL_REF = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}")


class SheetLayout(BaseModel):
    """One sheet: its rows of text and how they look."""

    model_config = ConfigDict(frozen=True)

    title: str
    rows: list[list[str]]
    bold_rows: int = Field(0, ge=0)  # the first rows, in bold: the headers
    # Rows (1-based) formatted as text ("@"), their empty cells too: what is typed there stays
    # as typed (800万, 2024-02-05), where Excel would turn it into a number or a date.
    text_rows: frozenset[int] = frozenset()
    widths: list[float] = []  # columns from A; the rest keep Excel's default width
    freeze: str | None = None  # the first cell that scrolls: "B3" holds rows 1–2 and column A

    @field_validator("freeze")
    @classmethod
    def _a_cell(cls, value: str | None) -> str | None:
        if value is not None and not _CELL_REF.fullmatch(value):
            raise ValueError(f"freeze must be a cell such as B3, not {value!r}")
        return value


# (bold, text) → the cell style (xlsx_writer's stylesheet).
_STYLES = {
    (False, False): 0,
    (True, False): BOLD_STYLE,
    (False, True): TEXT_STYLE,
    (True, True): BOLD_TEXT_STYLE,
}


def sheet_xml(sheet: SheetLayout) -> str:
    """The sheet's whole XML: its size declared, widths, frozen pane, then every row."""
    width = max((len(r) for r in sheet.rows), default=0)
    size = f"A1:{column_letters(width - 1)}{len(sheet.rows)}" if width else None
    out = [_sheet_head(sheet.widths, sheet.freeze, dimension=size)]
    for n, row in enumerate(sheet.rows, start=1):
        style = _STYLES[n <= sheet.bold_rows, n in sheet.text_rows]
        s = f' s="{style}"' if style else ""
        cells = []
        for i, value in enumerate(row):
            tail = _cell_tail(value)
            if tail or style:  # an empty cell is written only to keep its format
                cells.append(f'<c r="{column_letters(i)}{n}"{s}{tail or "/>"}')
        out.append(f'<row r="{n}">{"".join(cells)}</row>')
    out.append(_sheet_tail(fit=False))
    return "".join(out)


def write_book(path: Path, sheets: Sequence[SheetLayout]) -> None:
    """Write the sheets, in order, as a new .xlsx file at ``path`` (the caller makes it atomic)."""
    with open(path, "wb") as f, zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for i, sheet in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", sheet_xml(sheet))
        write_package(z, [s.title for s in sheets])
