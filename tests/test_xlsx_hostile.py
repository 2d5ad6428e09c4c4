"""The XLSX reader under hostile files (issue 11) and on real files other programs saved."""

import itertools
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import assistant.sheets.xlsx as xlsx
import assistant.sheets.xlsx_parts as xlsx_parts
from assistant.sheets.cells import MAX_CELL_CHARS, CellError
from assistant.sheets.tabular import TabularError, read_rows, write_rows
from tests.test_xlsx import HAND_STRINGS, hand_built, old_read, package

REAL = Path(__file__).parent / "data" / "spreadsheets"


def inline(ref: str, text: str) -> str:
    return f'<x:c r="{ref}" t="inlineStr"><x:is><x:t>{text}</x:t></x:is></x:c>'


def numbered(path: Path, limit: int = 50) -> list[tuple[int, list[str]]]:
    """At most ``limit`` rows: a reader that would emit a million rows fails here, not after hours."""
    with read_rows(path) as source:
        return list(itertools.islice(source.numbered, limit))


def test_full_sheet_dimension_and_far_row_cost_only_the_cells_used(tmp_path):
    # Excel and Gnumeric declare A1:XFD1048576 once one far cell is formatted; a row numbered
    # 2,000,000,000 used to be reached through two thousand million empty rows.
    rows = (
        f'<x:row r="1">{inline("A1", "name")}{inline("B1", "sales_increase_yuan")}'
        '<x:c r="XFD1" s="1"/></x:row>'
        f'<x:row r="2">{inline("A2", "甲公司")}{inline("B2", "800万")}</x:row>'
        '<x:row r="3"><x:c r="A3" s="1"/><x:c r="XFD3" s="1"/></x:row>'  # formatted, empty
        f'<x:row r="2000000000">{inline("A2000000000", "乙公司")}</x:row>'
    )
    path = package(tmp_path / "far.xlsx", hand_built(rows, dimension='<x:dimension ref="A1:XFD1048576"/>'))
    got = numbered(path)
    assert got == [
        (1, ["name", "sales_increase_yuan"]),
        (2, ["甲公司", "800万"]),
        (2_000_000_000, ["乙公司"]),
    ]
    assert sum(len(cells) for _, cells in got) == 5  # cells emitted: the work done
    with read_rows(path) as source:
        assert source.total is None  # the sheet's last row says nothing of the list's length


def test_a_row_wider_than_excel_is_a_broken_file(tmp_path):
    cells = "<x:c><x:v>1</x:v></x:c>" * 16_385  # no references: each follows the last
    path = package(tmp_path / "wide.xlsx", hand_built(f"<x:row>{cells}</x:row>"))
    with pytest.raises(TabularError) as err:
        numbered(path)
    assert "无法打开 Excel 文件“wide.xlsx”" in err.value.message


def test_one_huge_cell_is_refused_before_it_is_held(tmp_path, monkeypatch):
    # A zip bomb: 20 MB of one cell in a file of a few KB. With the row bound at 1 MB the reader
    # must stop after about 1 MB, not build the 20 MB string.
    monkeypatch.setattr(xlsx, "MAX_ROW_BYTES", 1 << 20)
    rows = f'<x:row r="1">{inline("A1", "name")}</x:row><x:row r="2">{inline("A2", "A" * (20 << 20))}</x:row>'
    path = package(tmp_path / "bomb.xlsx", hand_built(rows))
    assert path.stat().st_size < 100_000
    tracemalloc.start()
    try:
        with pytest.raises(TabularError) as err:
            numbered(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "bomb.xlsx" in err.value.message and "第 2 行超过 1 MB" in err.value.message
    assert peak < 8 << 20, f"peak {peak:,} bytes while refusing"


def test_parts_that_inflate_past_their_bound_are_refused_unread(tmp_path, monkeypatch):
    rows = f'<x:row r="1">{inline("A1", "name")}</x:row>'
    path = package(tmp_path / "big.xlsx", hand_built(rows, strings=HAND_STRINGS * 50))
    monkeypatch.setattr(xlsx_parts, "MAX_STRINGS_BYTES", 1000)
    with pytest.raises(TabularError) as err:
        numbered(path)
    assert "sharedStrings.xml" in err.value.message and "超过上限 1,000 字节" in err.value.message
    monkeypatch.setattr(xlsx_parts, "MAX_STRINGS_BYTES", 1 << 20)
    monkeypatch.setattr(xlsx_parts, "MAX_STRINGS", 100)  # 200 items: too many to hold
    with pytest.raises(TabularError) as err:
        numbered(path)
    assert "共享字符串超过 100 项" in err.value.message
    monkeypatch.setattr(xlsx, "MAX_SHEET_BYTES", 100)
    with pytest.raises(TabularError) as err:
        numbered(package(tmp_path / "sheet.xlsx", hand_built(rows)))
    assert "data.xml" in err.value.message and "超过上限 100 字节" in err.value.message


def test_a_cell_over_excels_limit_is_a_cell_error_and_the_rest_is_read(tmp_path):
    long = "长" * (MAX_CELL_CHARS + 1)
    strings = f"<si><t>name</t></si><si><t>{long}</t></si>"
    rows = (
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>'
        f'<x:row r="2">{inline("A2", long)}{inline("B2", "800万")}</x:row>'
        '<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c></x:row>'
        f'<x:row r="4">{inline("A4", "乙公司")}</x:row>'
    )
    got = numbered(package(tmp_path / "long.xlsx", hand_built(rows, strings=strings)))
    assert [n for n, _ in got] == [1, 2, 3, 4]
    for _, cells in got[1:3]:
        assert isinstance(cells[0], CellError) and "32,767" in cells[0].message
        assert len(cells[0]) < 20  # the text itself is not kept
    assert got[1][1][1] == "800万" and got[3][1] == ["乙公司"]


@pytest.mark.parametrize(
    "cell",
    [
        '<x:c r="A2" t="s"><x:v>99</x:v></x:c>',  # no such shared string
        '<x:c r="A2"><x:v>12abc</x:v></x:c>',  # a number that is none
        '<x:c r="A2" t="b"><x:v>yes</x:v></x:c>',
        '<x:c r="1A"><x:v>1</x:v></x:c>',  # a reference that is none
        '<x:c r="A2"><x:v>' + "9" * 5000 + "</x:v></x:c>",  # past Python's 4,300 digits
    ],
)
def test_one_malformed_cell_is_that_cells_error(tmp_path, cell):
    rows = (
        f'<x:row r="1">{inline("A1", "name")}{inline("B1", "x")}</x:row>'
        f'<x:row r="2">{cell}{inline("B2", "800万")}</x:row>'
        f'<x:row r="3">{inline("A3", "乙公司")}</x:row>'
    )
    got = numbered(package(tmp_path / "bad.xlsx", hand_built(rows, strings="<si><t>name</t></si>")))
    assert isinstance(got[1][1][0], CellError) and "已损坏" in got[1][1][0].message
    assert got[1][1][1] == "800万" and got[2] == (3, ["乙公司"])


def test_excel_escapes_are_decoded_as_excel_shows_them(tmp_path):
    strings = "<si><t>ABC_x000D_DEF</t></si><si><t>a_x005F_x000D_b</t></si>"
    rows = (
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>'
        f"{inline('C1', 'x_xD83D__xDE00_y')}{inline('D1', 'keep_x0001_this')}{inline('E1', '_x4E2D__x6587_')}"
        "</x:row>"
    )
    ((_, cells),) = numbered(package(tmp_path / "esc.xlsx", hand_built(rows, strings=strings)))
    # a literal "_x000D_" typed in Excel is saved as "_x005F_x000D_"; a control character XML cannot
    # hold again is kept as written
    assert cells == ["ABC\rDEF", "a_x000D_b", "x😀y", "keep_x0001_this", "中文"]


def test_xlsm_is_read_like_xlsx_and_never_written(tmp_path):
    src = tmp_path / "名单.xlsm"
    shutil.copy(REAL / "issue221.xlsm", src)
    assert numbered(src) == [(1, ["Cell_A1", "Cell_B1"]), (2, ["Cell_A2", "Cell_B2"])]
    with pytest.raises(TabularError) as err, write_rows(tmp_path / "out.xlsm"):
        pass
    assert "扩展名不受支持" in err.value.message


# Each real file: (what the reader must give for its first rows, as the saving program shows them).
REAL_FILES = {
    "has_x000D_.xlsx": [(1, ["ABC\r\nDEF"])],  # calamine's own expectation
    "encoded_entities.xlsx": [(1, ["&"])],
    "errors.xlsx": [(1, ["#DIV/0!"]), (2, ["#NAME?"]), (3, ["#VALUE!"])],
    "issue221.xlsm": [(1, ["Cell_A1", "Cell_B1"])],
    "date.xlsx": [(1, ["2021-01-01", "15"]), (2, ["2021-01-02", "16"]), (3, ["10 days, 15:10:10", "17"])],
    "rph.xlsx": [(1, ["課きく\u3000毛こ"])],  # phonetic runs left out (calamine expects the same)
    "LONumbers.xlsx": [
        (
            1,
            [
                "General",
                "1",
                "-1.2",
                "12.3",
                "-12.34",
                "123.45",
                "-123.456",
                "1234.567",
                "-1234.5678",
                "12345.6789",
            ],
        )
    ],
    "wps_fn.xlsx": [(1, ["Name", "Example", "Result"]), (2, ["EVALUATE", '=EVALUATE("1+1")', "2"])],
    "wps_write.xlsx": [(1, ["1", "2", "3"]), (2, ["True", "False", "", "sheetjs"])],
    "temperature.xlsx": [(1, ["label", "value"]), (2, ["celsius", "22.2222"]), (3, ["fahrenheit", "72"])],
    "empty_sheet.xlsx": [],
    "DataTypesFormats.xlsx": [(1, ["Date", "2020-07-23"]), (2, ["Date Time", "2020-07-23"])],
}


@pytest.mark.parametrize("name", sorted(REAL_FILES))
def test_real_files_read_as_their_program_shows_them_and_as_openpyxl_reads_them(name):
    path = REAL / name
    got = numbered(path, limit=10_000)
    assert got[: len(REAL_FILES[name])] == REAL_FILES[name]
    if name == "has_x000D_.xlsx":
        # openpyxl leaves Excel's escape in the text; the reader shows what Excel shows
        assert old_read(path)[0] == [(1, ["ABC_x000D_\nDEF"])]
    else:
        assert got == old_read(path)[0]


def test_every_real_file_is_kept_with_its_licence():
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    for path in REAL.glob("*.xls*"):
        assert path.name in readme and zipfile.is_zipfile(path)
    assert set(REAL_FILES) == {p.name for p in REAL.glob("*.xls*")}
    assert (REAL / "LICENSE-calamine-MIT.md").exists()
    assert (REAL / "LICENSE-SheetJS-test_files-Apache-2.0.txt").exists()
