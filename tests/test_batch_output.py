"""Batch output as offices and scripts open it: no formula injection, one atomic writer honouring
the umask (and leaving nothing behind on SIGTERM), Chinese XLSX headers, fitted widths, amount
formats, and the summary, near-miss and validity sheets."""

import csv
import os
import signal
import stat
import subprocess
import sys
import time
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assistant.dialog.export import write_atomically
from assistant.fileio.atomic import atomic_write_text
from assistant.outreach.batch import run_batch
from assistant.outreach.batch_layout import write_template
from assistant.sheets.tabular import csv_safe
from assistant.sheets.xlsx_writer import display_width

DATA = Path(__file__).parent / "data"
EVERY = DATA / "batch_every_measure.csv"
AS_OF = date(2024, 3, 15)
HOSTILE = ['=HYPERLINK("http://evil.example","点我")', "@SUM(1)", "+cmd|' /C calc'!A0", "-2+3"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def hostile_input(tmp_path) -> Path:
    rows = [[name, "是", "900万"] for name in HOSTILE] + [["正常企业", "是", "-5"]]
    return write_csv(tmp_path / "in.csv", ["name", "above_scale_industrial", "sales_increase_yuan"], rows)


# ---------------------------------------------------------------- formula injection


def test_csv_output_neutralises_formulas_but_not_amounts(tmp_path, hostile_input):
    out = tmp_path / "out.csv"
    run_batch(hostile_input, out, as_of=AS_OF, jobs=0)
    rows = read_csv(out)
    assert [r["name"] for r in rows[:4]] == ["'" + n for n in HOSTILE]
    for row in rows[:4]:
        assert (
            Decimal(row["m1_award_yuan"]) > 0 and Decimal(row["total_award_yuan"]) > 0
        )  # numbers stay numbers
    assert rows[4]["name"] == "正常企业"
    assert rows[4]["sales_increase_yuan"] == "-5"  # a plain negative number is no formula: kept as written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("\t=1+1", "'\t=1+1"),
        ("\r=1", "'\r=1"),
        ("=1", "'=1"),
        ("-", "'-"),
        ("-12.5", "-12.5"),
        ("+86", "+86"),
        ("将乐=1", "将乐=1"),
        (Decimal("-1500.50"), "-1500.5"),
        (Decimal("1E+5"), "100000"),
        (None, ""),
        (3, 3),
    ],
)
def test_csv_cell_rule(value, written):
    assert csv_safe(value) == written


def test_xlsx_output_keeps_formula_text_as_inline_text(tmp_path, hostile_input):
    out = tmp_path / "out.xlsx"
    run_batch(hostile_input, out, as_of=AS_OF, jobs=0)
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    ws = load_workbook(out).worksheets[0]
    names = [ws.cell(row=r, column=1) for r in range(2, 6)]
    assert [c.value for c in names] == HOSTILE  # verbatim: no quote needed, never a formula
    assert all(c.data_type == "s" for c in names)


# ---------------------------------------------------------------- one atomic writer


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_every_output_file_gets_the_umask_mode(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        outputs = [tmp_path / "r.csv", tmp_path / "r.xlsx"]
        for out in outputs:
            run_batch(EVERY, out, as_of=AS_OF, jobs=0)
        for name in ("t.csv", "t.xlsx"):
            write_template(tmp_path / name)
            outputs.append(tmp_path / name)
        outputs.append(atomic_write_text(tmp_path / "report.html", "<p>报告</p>"))
        outputs.append(write_atomically(str(tmp_path / "chat"), "# 记录"))
    finally:
        os.umask(old)
    assert outputs[-1].name == "chat.md"
    for path in outputs:
        assert _mode(path) == mode, path.name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in outputs)  # no .tmp left


def test_report_command_writes_through_the_same_writer(tmp_path):
    profile = tmp_path / "p.json"
    profile.write_text('{"name": "甲", "above_scale_industrial": "是", "sales_increase_yuan": "800万"}')
    out = tmp_path / "r.html"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os,sys; os.umask(0o022); from assistant.cli import main; sys.exit(main())",
            "report",
            "--input",
            str(profile),
            "-o",
            str(out),
            "--as-of",
            "2024-03-15",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert _mode(out) == 0o644


def _big_list(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            ["name", "above_scale_industrial", "sales_2023q1_yuan", "sales_2024q1_yuan", "gas_2024q1_m3"]
        )
        for i in range(rows):
            w.writerow([f"企业{i}", "是", f"{2000 + i % 977}万", f"{2800 + i % 1313}万", str(900 + i % 200)])
    return path


@pytest.mark.parametrize(("suffix", "jobs"), [(".csv", "0"), (".xlsx", "2")])
def test_sigterm_mid_write_leaves_no_temporary_file(tmp_path, suffix, jobs):
    src = _big_list(tmp_path / "big.csv", 300_000)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / f"结果{suffix}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "batch", str(src), "-o", str(out), "--jobs", jobs],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        # Readiness: the temporary file exists and has grown (rows are being written).
        while not any(p.stat().st_size > 0 for p in folder.glob(".*.tmp")):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the batch never started writing"
            time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert list(folder.iterdir()) == []  # neither a hidden .tmp nor a half-written result


# ---------------------------------------------------------------- the XLSX as an office opens it


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "结果.xlsx"
    run_batch(EVERY, out, as_of=date(2026, 12, 1), jobs=0)
    return load_workbook(out)


def test_xlsx_headers_are_chinese_and_field_names_on_request(tmp_path, workbook):
    header = [c.value for c in workbook.worksheets[0][1]]
    assert header[0] == "企业名称" and "规上工业企业" in header
    assert header[-4:] == ["企业合计（元，不含措施9）", "合计说明", "说明", "错误"]
    assert "措施1预估金额（元）" in header and not any("_" in str(h) for h in header)
    out = tmp_path / "names.xlsx"
    run_batch(EVERY, out, as_of=AS_OF, jobs=0, field_names=True)
    names = [c.value for c in load_workbook(out, read_only=True).worksheets[0][1]]
    assert "m1_award_yuan" in names and names[-4:] == ["total_award_yuan", "total_note", "notes", "errors"]
    csv_out = tmp_path / "o.csv"
    run_batch(EVERY, csv_out, as_of=AS_OF, jobs=0)
    assert "m1_award_yuan" in read_csv(csv_out)[0]  # CSV keeps the field names scripts read


def test_xlsx_widths_fit_names_notes_and_errors(workbook):
    ws = workbook.worksheets[0]
    header = [c.value for c in ws[1]]
    for title in ("企业名称", "说明", "错误"):
        col = header.index(title) + 1
        letter = ws.cell(row=1, column=col).column_letter
        longest = max(display_width(ws.cell(row=r, column=col).value) for r in range(2, ws.max_row + 1))
        assert ws.column_dimensions[letter].width >= min(longest, 58), title
    assert display_width("企业名称") == 8 and display_width("ab") == 2


def test_xlsx_amounts_are_numbers_with_thousands_separators(workbook):
    ws = workbook.worksheets[0]
    header = [c.value for c in ws[1]]
    col = header.index("措施1预估金额（元）") + 1
    amounts = [
        ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=col).value
    ]
    assert amounts and all(isinstance(c.value, int | float) and c.number_format == "#,##0" for c in amounts)


def test_xlsx_validity_and_total_caveats_as_of_its_date(workbook):
    ws = workbook["有效期说明"]
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r and r[0]}
    assert rows["措施7 营造良好统计氛围"][2] == "有效期内"
    assert rows["措施1 落实增产增效奖励"][2] == "已过有效期"
    assert "截至2026年12月1日" in ws.cell(row=1, column=3).value
    assert rows["通知原文"][1] == "本措施有效期从2024年1月1日起至3月31日，有特殊执行日期规定的除外。"
    result = workbook.worksheets[0]
    header = [c.value for c in result[1]]
    note_col, total_col = header.index("合计说明") + 1, header.index("企业合计（元，不含措施9）") + 1
    first = [c.value for c in result[2]]
    assert first[total_col - 1] > 0 and "措施1已过有效期" in first[note_col - 1]


def test_xlsx_in_force_list_says_so_and_upper_bound_is_named(tmp_path):
    out = tmp_path / "r.xlsx"
    run_batch(EVERY, out, as_of=AS_OF, jobs=0)
    wb = load_workbook(out)
    summary = {r[0]: r for r in wb["汇总"].iter_rows(values_only=True)}
    total = summary["企业合计（不含措施9工作经费）"]
    assert "已过有效期" not in (total[5] or "") and "措施2的“最高”金额，合计为上限" in total[5]
    assert all(
        r[2] == "有效期内" for r in wb["有效期说明"].iter_rows(min_row=2, max_row=14, values_only=True)
    )


def test_summary_sheet_counts_and_totals_equal_the_rows(tmp_path):
    out, csv_out = tmp_path / "r.xlsx", tmp_path / "r.csv"
    bad = write_csv(
        tmp_path / "in.csv",
        ["name", "above_scale_industrial", "sales_increase_yuan", "gas_2024q1_m3", "in_county"],
        [
            ["甲", "是", "900万", "", ""],
            ["乙", "是", "八百万块多", "", ""],
            ["丙", "是", "1500万", "2万", "是"],
        ],
    )
    run_batch(bad, out, as_of=AS_OF, jobs=0)
    run_batch(bad, csv_out, as_of=AS_OF, jobs=0)
    rows = read_csv(csv_out)
    summary = {r[0]: r for r in load_workbook(out)["汇总"].iter_rows(values_only=True)}
    assert summary["读取的企业行数"][1] == 3 and summary["有错误的行数"][1] == 1
    m1 = [Decimal(r["m1_award_yuan"]) for r in rows if r["m1_eligible"] == "是"]
    assert summary["措施1 落实增产增效奖励"][1:3] == (len(m1), sum(m1))
    totals = [Decimal(r["total_award_yuan"]) for r in rows if r["total_award_yuan"]]
    assert Decimal(summary["企业合计（不含措施9工作经费）"][2]) == sum(totals) > 0


def test_near_miss_sheet_lists_threshold_only_misses_closest_first(tmp_path):
    header = [
        "name",
        "above_scale_industrial",
        "sales_increase_yuan",
        "gas_2024q1_m3",
        "in_county",
        "specialized_sme_approved_on",
        "power_2023q1_kwh",
        "power_2024q1_kwh",
        "newly_commissioned_2024q1",
        "above_scale_manufacturing",
    ]
    rows = [
        ["差得多", "是", "300万", "", "", "", "", "", "", ""],  # 40 % short
        ["差一点", "是", "490万", "", "", "", "", "", "", ""],  # 2 % (the threshold is 500万)
        ["不是规上", "否", "499万", "", "", "", "", "", "", ""],  # another condition fails: not listed
        ["用气差一点", "是", "", "990", "是", "无", "", "", "", ""],  # 1 %
        ["用电差一点", "", "", "", "", "", "100万", "104万", "否", "是"],  # 4 % of 5 %: 20 %
        ["达标", "是", "900万", "", "", "", "", "", "", ""],
    ]
    src = write_csv(tmp_path / "in.csv", header, rows)
    out = tmp_path / "r.xlsx"
    run_batch(src, out, as_of=AS_OF, jobs=0)
    listed = list(load_workbook(out)["接近门槛"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in listed] == ["用气差一点", "差一点", "用电差一点", "差得多"]
    assert [r[3] for r in listed] == ["1.00%", "2.00%", "20.00%", "40.00%"]
    assert listed[1][2] == "措施1" and "100,000 元" in listed[1][4]  # the calculator's own guidance
    assert all(r[5] == "有效期内" for r in listed)
