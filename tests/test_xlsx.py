"""The streaming XLSX reader gives what openpyxl's read-only path gave; the writer's files open in
openpyxl."""

import shutil
import subprocess
import warnings
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

import assistant.sheets.xlsx_writer as xlsx_writer
from assistant.sheets.tabular import TabularError, read_rows, write_rows
from assistant.sheets.xlsx import SheetReader, value_text
from assistant.sheets.xlsx_writer import XlsxWriter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def used(row: list[str]) -> list[str]:
    """A row up to its last non-empty cell: what the reader gives, where openpyxl pads."""
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    return row[:end]


def old_read(path: Path) -> tuple[list[tuple[int, list[str]]], int | None]:
    """The reading batch used before: openpyxl read-only, first worksheet, cells as text; its rows
    numbered, trailing empty cells and empty rows left out, as the streaming reader gives them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # hand-built packages lack parts openpyxl warns about
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            total = None if ws.max_row is None else max(ws.max_row - 1, 0)
            rows = [used([value_text(v) for v in row]) for row in ws.iter_rows(values_only=True)]
            return [(n, r) for n, r in enumerate(rows, start=1) if r], total
        finally:
            wb.close()


def new_read(path: Path) -> tuple[list[tuple[int, list[str]]], int | None]:
    with read_rows(path) as source:
        return list(source.numbered), source.total


def typed_workbook(path: Path, epoch1904: bool = False) -> None:
    """A workbook as Excel users have them: shared strings, typed cells, styles, a second sheet."""
    wb = Workbook()
    if epoch1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "企业名单"
    ws.append(["name", "sales_increase_yuan", "above_scale_industrial", "resumed_on", "备注"])
    ws.append(["将乐县某某机械有限公司", 800, True, date(2024, 2, 17), "  前后有空格  "])
    ws.append(["小数", 1.5, False, datetime(2024, 3, 1, 14, 30), 1e-05])
    ws.append(["大数", 36_500_000, None, time(12, 30), 1e20])
    ws.append(["负数与公式", -3, "是", timedelta(hours=30), "=1+1"])  # openpyxl stores no cached value
    ws["E6"] = "#N/A"  # an error cell
    ws["A8"] = "隔一行、跳列"  # row 7 left out, then a gap between columns A and D
    ws["D8"] = date(2023, 12, 20)
    ws["D8"].number_format = 'yyyy"年"m"月"d"日"'  # a custom date format
    ws["B9"] = 2 / 3
    ws["C9"] = "800"
    ws["C9"].number_format = "@"
    other = wb.create_sheet("说明")
    other.append(["这张表", "不应被读取"])
    wb.save(path)


@pytest.mark.parametrize("epoch1904", [False, True])
def test_typed_workbook_reads_as_openpyxl_read_it(tmp_path, epoch1904):
    path = tmp_path / "in.xlsx"
    typed_workbook(path, epoch1904)
    numbered, total = new_read(path)
    assert (numbered, total) == old_read(path)
    assert total == 8 and [n for n, _ in numbered] == [1, 2, 3, 4, 5, 6, 8, 9]  # row 7 left out
    rows = [r for _, r in numbered]
    assert rows[1] == ["将乐县某某机械有限公司", "800", "True", "2024-02-17", "前后有空格"]
    assert rows[2] == ["小数", "1.5", "False", "2024-03-01", "1e-05"]
    assert rows[3] == ["大数", "36500000", "", "12:30:00", "100000000000000000000"]
    assert rows[4] == ["负数与公式", "-3", "是", "1 day, 6:00:00"]  # up to the last non-empty cell
    assert rows[5] == ["", "", "", "", "#N/A"]
    assert rows[6] == ["隔一行、跳列", "", "", "2023-12-20"]
    assert rows[7] == ["", "0.6666666666666666", "800"]
    assert not any("不应被读取" in cell for row in rows for cell in row)


def package(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return path


def hand_built(sheet_data: str, *, dimension: str = "", strings: str = "", styles: str = "") -> dict:
    """A package as other programs write it: a chart sheet first, an absolute worksheet target,
    a namespace prefix on the sheet's elements, the 1904 date system."""
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/data.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    )
    rels = [
        f'<Relationship Id="rId9" Type="{REL}/chartsheet" Target="chartsheets/sheet1.xml"/>',
        f'<Relationship Id="rId3" Type="{REL}/worksheet" Target="/xl/worksheets/data.xml"/>',
    ]
    parts = {
        "[Content_Types].xml": types,
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr date1904="1"/><sheets>'
        '<sheet name="图表" sheetId="2" r:id="rId9"/><sheet name="数据" sheetId="1" r:id="rId3"/>'
        "</sheets></workbook>",
        "xl/chartsheets/sheet1.xml": f'<chartsheet xmlns="{MAIN}"/>',
        "xl/chartsheets/_rels/sheet1.xml.rels": f'<Relationships xmlns="{PKG}"/>',
        "xl/worksheets/data.xml": f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{MAIN}">'
        f"{dimension}<x:sheetData>{sheet_data}</x:sheetData></x:worksheet>",
    }
    if strings:
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{strings}</sst>'
        rels.append(f'<Relationship Id="rId4" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    if styles:
        parts["xl/styles.xml"] = f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>'
        rels.append(f'<Relationship Id="rId5" Type="{REL}/styles" Target="styles.xml"/>')
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>'
    return parts


HAND_STRINGS = (
    "<si><t>企业名称</t></si>"
    '<si><r><t xml:space="preserve">富文本 </t></r><r><rPr><b/></rPr><t>企业</t></r></si>'
    '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>'  # phonetic guide left out
    "<si><t>a_x005F_x000D_b</t></si>"
)
HAND_STYLES = (
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts>'
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>'
)
HAND_ROWS = (
    '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>'
    '<x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c></x:row>'
    # cells without references follow on from the last one; formulas with cached values
    '<x:row r="2"><x:c t="inlineStr"><x:is>'
    "<x:r><x:t>内联</x:t></x:r><x:r><x:t>富文本</x:t></x:r></x:is></x:c>"
    "<x:c><x:f>1+1</x:f><x:v>2</x:v></x:c>"
    '<x:c t="str"><x:f>A1&amp;"x"</x:f><x:v> 公式文本 </x:v></x:c>'
    '<x:c t="e"><x:f>NA()</x:f><x:v>#N/A</x:v></x:c></x:row>'
    '<x:row r="4"><x:c r="B4" s="1"><x:v>45000</x:v></x:c><x:c r="C4" s="2"><x:v>1</x:v></x:c>'
    '<x:c r="D4" t="b"><x:v>1</x:v></x:c><x:c r="F4"><x:v>1.25E+2</x:v></x:c></x:row>'
    '<x:row r="5"><x:c r="A5" t="s"><x:v/></x:c><x:c r="B5" t="inlineStr"/><x:c r="C5" s="2"/></x:row>'
)


def test_hand_built_package_reads_as_openpyxl_read_it(tmp_path):
    path = package(tmp_path / "hand.xlsx", hand_built(HAND_ROWS, strings=HAND_STRINGS, styles=HAND_STYLES))
    rows, total = new_read(path)
    old_rows, old_total = old_read(path)
    assert rows == old_rows and total is old_total is None  # no <dimension>: no total
    assert rows == [
        (1, ["企业名称", "富文本 企业", "漢字", "a_x000D_b"]),  # Excel's escape of a literal _x000D_
        (2, ["内联富文本", "2", "公式文本", "#N/A"]),
        (4, ["", "2027-03-16", "1904-01-02", "True", "", "125"]),  # 1904 date system; rows 3, 5 empty
    ]


def test_dimension_gives_the_total_and_a_placeholder_does_not(tmp_path):
    for dimension, total in (('<x:dimension ref="A1:F5"/>', 4), ('<x:dimension ref="A1"/>', None)):
        path = package(tmp_path / "d.xlsx", hand_built(HAND_ROWS, dimension=dimension, strings=HAND_STRINGS))
        rows, got = new_read(path)
        assert got == total
        assert len(rows) == 3 and rows[0][1][0] == "企业名称"
        if total:  # openpyxl trusts a placeholder "A1" and reads one cell
            assert rows == old_read(path)[0]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"this is not a workbook",
        lambda data: data[: len(data) // 2],  # cut short in the middle of the sheet
        lambda data: b"",
    ],
)
def test_damaged_file_is_a_tabular_error(tmp_path, damage):
    good = tmp_path / "good.xlsx"
    typed_workbook(good)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(damage(good.read_bytes()))
    with pytest.raises(TabularError) as err, read_rows(bad) as source:
        list(source.rows)
    assert "无法打开 Excel 文件“bad.xlsx”" in err.value.message and ".xlsx 格式" in err.value.message


def test_damage_found_midway_through_the_rows_is_a_tabular_error(tmp_path):
    path = tmp_path / "long.xlsx"
    with write_rows(path) as out:
        for i in range(5_000):
            out.write([f"企业{i}", f"{i * 7919 % 10_007}万", "是"])
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    middle = info.header_offset + 100 + info.compress_size // 2
    data[middle : middle + 64] = bytes(64)  # the directory is intact; the sheet's data is not
    path.write_bytes(bytes(data))
    with read_rows(path) as source:
        got = []
        with pytest.raises(TabularError) as err:
            for row in source.rows:
                got.append(row)
    assert 0 < len(got) < 5_000 and "long.xlsx" in err.value.message


def test_broken_xml_and_missing_parts_are_tabular_errors(tmp_path):
    rows = '<x:row r="1"><x:c t="inlineStr"><x:is><x:t>企业名称</x:t></x:is></x:c></x:row><x:row><x:c>'
    cases = {"unclosed.xlsx": hand_built(rows)}  # a damaged cell is its row's error: test_xlsx_hostile
    cases["missing-part.xlsx"] = hand_built("")
    del cases["missing-part.xlsx"]["xl/worksheets/data.xml"]
    for name, parts in cases.items():
        with pytest.raises(TabularError) as err, read_rows(package(tmp_path / name, parts)) as source:
            list(source.rows)
        assert f"无法打开 Excel 文件“{name}”" in err.value.message
    charts_only = hand_built("")
    charts_only["xl/_rels/workbook.xml.rels"] = charts_only["xl/_rels/workbook.xml.rels"].replace(
        "/worksheet", "/chartsheet"
    )
    with pytest.raises(TabularError) as err:
        SheetReader(package(tmp_path / "charts.xlsx", charts_only))
    assert "没有工作表" in err.value.message


WRITTEN = [
    ["name", "m1_award_yuan", "total_award_yuan", "notes", "flag", "when"],
    ["甲 & 乙 <有限公司>", Decimal("80000"), Decimal("1234567890.12"), "控制\x01字符\x0b已去掉", True, None],
    ["  前后空格  ", Decimal("1E+3"), 42, "多行\n说明\r\n第二行", False, date(2024, 2, 17)],
    ["", None, Decimal("0"), "", "", 1.25],
    ["乙", Decimal("15000.000"), Decimal("308600.0"), "", "", None],  # 0.05 元 × 度 leaves zeros
]


def test_writer_output_opens_in_openpyxl_cell_for_cell(tmp_path):
    path = tmp_path / "out.xlsx"
    with write_rows(path, sheet_title="结果") as out:
        for row in WRITTEN:
            out.write(row)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert wb.sheetnames == ["结果"] and ws.freeze_panes == "A2" and ws["A1"].font.b and not ws["A2"].font.b
    got = [list(r) for r in ws.iter_rows(values_only=True)]
    assert got[0] == WRITTEN[0]
    assert got[1] == ["甲 & 乙 <有限公司>", 80000, 1234567890.12, "控制字符已去掉", True, None]
    assert got[2] == ["  前后空格  ", 1000, 42, "多行\n说明\r\n第二行", False, "2024-02-17"]
    assert got[3] == [None, None, 0, None, None, 1.25]
    assert got[4][:3] == ["乙", 15000, 308600]
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>1234567890.12</v>" in sheet and "<v>1000</v>" in sheet  # exact digits, no exponent
    assert "<v>308600</v>" in sheet and ".0<" not in sheet  # written as the CSV writes them
    # read-only openpyxl (no <dimension> while streaming) still sees every row at full width
    assert [list(r) for r in load_workbook(path, read_only=True).worksheets[0].values] == got


def test_writer_output_reads_back_through_the_reader(tmp_path):
    path = tmp_path / "out.xlsx"
    with write_rows(path) as out:
        for row in WRITTEN:
            out.write(row)
    rows, total = new_read(path)
    assert (rows, total) == old_read(path) and total is None
    assert rows[1][1][:3] == ["甲 & 乙 <有限公司>", "80000", "1234567890.12"]
    assert rows[2][1][:3] == ["前后空格", "1000", "42"]


def test_failed_or_oversized_output_leaves_no_file(tmp_path, monkeypatch):
    with pytest.raises(RuntimeError), write_rows(tmp_path / "out.xlsx") as out:
        out.write(["name"])
        raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(xlsx_writer, "EXCEL_MAX_ROWS", 3)
    with pytest.raises(TabularError) as err, write_rows(tmp_path / "out.xlsx") as out:
        for i in range(5):
            out.write([f"企业{i}"])
    assert "请把输出文件改为 .csv" in err.value.message
    assert list(tmp_path.iterdir()) == []


def test_sheet_title_is_made_valid_for_excel(tmp_path):
    path = tmp_path / "t.xlsx"
    with XlsxWriter(path, "结果:2024/一季度[全部]?这个名字很长很长很长很长很长很长很长很长") as out:
        out.write(["x"])
    (title,) = load_workbook(path).sheetnames
    assert len(title) <= 31 and not set(title) & set("[]:*?/\\") and title.startswith("结果_2024_一季度")


def test_memory_stays_flat_while_reading(tmp_path):
    path = tmp_path / "long.xlsx"
    with write_rows(path) as out:
        out.write(["name", "sales_increase_yuan"])
        for i in range(20_000):
            out.write([f"企业{i:05d}", f"{i}万"])
    reader = SheetReader(path)
    try:
        largest = 0
        for i, row in enumerate(reader.rows()):
            assert row == (["name", "sales_increase_yuan"] if i == 0 else [f"企业{i - 1:05d}", f"{i - 1}万"])
            largest = max(largest, len(reader._data))  # rows parsed but not yet dropped
        assert i == 20_000 and largest < 1_000
    finally:
        reader.close()


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice 未安装")
def test_libreoffice_converts_the_output(tmp_path):
    path = tmp_path / "out.xlsx"
    with write_rows(path) as out:
        for row in WRITTEN:
            out.write(row)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run(
        [office, "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = (tmp_path / "out.csv").read_text(encoding="utf-8", errors="replace")
    assert "80000" in text and "1234567890.12" in text
