"""Small workbooks written whole (assistant/sheets/xlsx_book.py), read back by openpyxl."""

import pytest
from openpyxl import load_workbook
from pydantic import ValidationError

from assistant.sheets.xlsx_book import SheetLayout, write_book


@pytest.mark.parametrize("freeze", ["A2", "B1", "B3", "C5", None])
def test_frozen_panes_hold_the_rows_above_and_the_columns_left(tmp_path, freeze):
    path = tmp_path / "b.xlsx"
    write_book(path, [SheetLayout(title="表", rows=[["a", "b", "c"]] * 6, freeze=freeze)])
    assert load_workbook(path).active.freeze_panes == freeze


def test_rows_keep_their_bold_and_text_formats_empty_cells_too(tmp_path):
    path = tmp_path / "b.xlsx"
    rows = [["名称", "金额"], ["甲", ""], ["乙", "800万"], ["丙", "5"]]
    layout = SheetLayout(title="名单", rows=rows, bold_rows=2, text_rows=frozenset({2, 3}), widths=[20, 12.5])
    write_book(path, [layout, SheetLayout(title="说明", rows=[["只有一格"]])])
    first, second = load_workbook(path).worksheets
    seen = [[(c.value, bool(c.font.b), c.number_format) for c in row] for row in first.iter_rows()]
    assert seen == [
        [("名称", True, "General"), ("金额", True, "General")],
        [("甲", True, "@"), (None, True, "@")],  # bold and text; the empty cell keeps its format
        [("乙", False, "@"), ("800万", False, "@")],
        [("丙", False, "General"), ("5", False, "General")],  # text stays text even unformatted
    ]
    assert (first.column_dimensions["A"].width, first.column_dimensions["B"].width) == (20, 12.5)
    assert (second.title, second["A1"].value, second.freeze_panes) == ("说明", "只有一格", None)


@pytest.mark.parametrize("freeze", ["b3", "B0", "3B", "A1:B2", ""])
def test_a_freeze_that_is_no_cell_is_refused(freeze):
    with pytest.raises(ValidationError):
        SheetLayout(title="表", rows=[], freeze=freeze)
