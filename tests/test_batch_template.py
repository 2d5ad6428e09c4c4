"""The batch template and a batch run without openpyxl at run time (issue 13).

The template used to be an openpyxl Workbook; that writer is kept here as the reference, and the
file our own writer makes must read back, in openpyxl, with the same cells, bold fonts, widths,
number formats and frozen panes.
"""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from assistant.outreach.batch_layout import (
    EXAMPLE_PREFIX,
    NAME,
    NAME_LABEL,
    _consistent_example,
    template_fields,
    write_template,
)
from assistant.sheets.tabular import read_rows
from calculators import check_profile
from calculators.fields import FIELDS
from tests.conftest import ROOT

AS_OF = date(2024, 3, 15)


def openpyxl_template(path: Path) -> None:
    """The template as assistant/outreach/batch_layout.py wrote it with openpyxl before issue 13."""
    fields = template_fields()
    names = [NAME, *fields]
    labels = [NAME_LABEL, *(FIELDS[f].label for f in fields)]
    example = [f"{EXAMPLE_PREFIX}某某机械有限公司（使用前请删除本行）", *_consistent_example(fields)]
    wb = Workbook()
    ws = wb.active
    ws.title = "企业名单"
    for row in (names, labels, example):
        ws.append(row)
    for cell in (*ws[1], *ws[2]):
        cell.font = Font(bold=True)
    for i, label in enumerate(labels, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, 2 * len(label) + 2))
        ws.cell(row=3, column=i).number_format = "@"
    ws.freeze_panes = "B3"
    help_ws = wb.create_sheet("填写说明")
    help_ws.append(["列名", "中文名", "填写说明", "示例"])
    help_ws.append([NAME, NAME_LABEL, "企业名称（必填列）", ""])
    for f in template_fields():
        spec = FIELDS[f]
        help_ws.append([f, spec.label, spec.question, spec.example])
    help_ws.column_dimensions["A"].width = 30
    help_ws.column_dimensions["B"].width = 28
    help_ws.column_dimensions["C"].width = 70
    wb.save(path)


def as_openpyxl_sees_it(path: Path) -> list[tuple]:
    """Each sheet: title, frozen panes, size, set widths, and every cell's value, boldness, format."""
    wb = load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        widths = {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth}
        cells = [
            (c.coordinate, c.value, bool(c.font.b), c.number_format) for row in ws.iter_rows() for c in row
        ]
        sheets.append((ws.title, ws.freeze_panes, ws.max_row, ws.max_column, widths, cells))
    return sheets


def test_template_reads_back_in_openpyxl_as_the_openpyxl_template_did(tmp_path):
    ours, reference = tmp_path / "ours.xlsx", tmp_path / "reference.xlsx"
    write_template(ours)
    openpyxl_template(reference)
    got, want = as_openpyxl_sees_it(ours), as_openpyxl_sees_it(reference)
    assert got == want
    # What the comparison covers, so that it cannot pass on two empty books.
    (title, freeze, rows, columns, widths, cells), help_sheet = got
    assert (title, freeze, rows, columns) == ("企业名单", "B3", 3, len(template_fields()) + 1)
    assert {bold for _, _, bold, _ in cells[: 2 * columns]} == {True}
    assert {(bold, fmt) for _, _, bold, fmt in cells[2 * columns :]} == {(False, "@")}
    assert len(widths) == columns and help_sheet[0] == "填写说明" and help_sheet[1] is None
    assert help_sheet[4] == {"A": 30, "B": 28, "C": 70}


def test_template_reads_in_batch_as_the_openpyxl_template_did(tmp_path):
    ours, reference = tmp_path / "ours.xlsx", tmp_path / "reference.xlsx"
    write_template(ours)
    openpyxl_template(reference)
    with read_rows(ours) as a, read_rows(reference) as b:
        assert (list(a.numbered), a.total) == (list(b.numbered), b.total)


# A child interpreter runs the command as a person would, then reports which openpyxl modules
# were ever imported.
_CHILD = """
import json, sys
from assistant.cli import main
codes = [main(args) for args in json.loads(sys.argv[1])]
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "openpyxl")
print(json.dumps({"codes": codes, "openpyxl": loaded}))
"""


def test_a_batch_run_on_xlsx_never_imports_openpyxl(tmp_path):
    # A list as Excel saves it: a real date cell (a serial under a date format) and a number.
    wb = Workbook()
    ws = wb.active
    ws.append(["name", "above_scale_industrial", "sales_increase_yuan", "resumed_on", "heat_supplier"])
    ws.append(["将乐县甲公司", "是", 8_000_000, date(2024, 2, 5), "是"])
    ws["D2"].number_format = 'yyyy"年"m"月"d"日"'
    source = tmp_path / "名单.xlsx"
    wb.save(source)
    out, template = tmp_path / "结果.xlsx", tmp_path / "模板.xlsx"
    runs = [
        ["batch", str(source), "-o", str(out), "--as-of", AS_OF.isoformat(), "--jobs", "0", "--field-names"],
        ["batch", "--template", str(template)],
    ]
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(runs)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report == {"codes": [0, 0], "openpyxl": []}
    # The run did read the date cell (the serial became 2024-02-05) and wrote the result.
    with read_rows(out) as result:
        header, row = list(result.rows)[:2]
    got = dict(zip(header, row, strict=False))
    assert (
        got["resumed_on"] == "2024-02-05" and got.get("errors", "") == ""
    )  # trailing empty cells are dropped
    want = check_profile(
        {
            "above_scale_industrial": "是",
            "sales_increase_yuan": "8000000",
            "resumed_on": "2024-02-05",
            "heat_supplier": "是",
        },
        as_of=AS_OF,
    )
    assert got["total_award_yuan"] == str(want.total_award_yuan) != "0"
    assert template.exists()
