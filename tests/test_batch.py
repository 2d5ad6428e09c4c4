"""Batch check: files as offices have them, results equal to the calculators' own."""

import csv
import io
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from assistant.outreach.batch import run_batch
from assistant.outreach.batch_layout import NAME, batch_measures, resolve_header, write_template
from assistant.sheets.tabular import Progress, TabularError
from calculators import check_profile
from calculators.fields import FIELDS

DATA = Path(__file__).parent / "data"
EVERY = DATA / "batch_every_measure.csv"
AS_OF = date(2024, 3, 15)
RESULT = re.compile(r"m\d+_|total_award_yuan|notes|errors")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "batch", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def profile_of(row: dict[str, str]) -> dict[str, str]:
    """The row's raw cells keyed by field name, as check_profile reads them (labels mapped)."""
    layout = resolve_header(list(row))
    cells = list(row.values())
    return {f: cells[i] for i, f in layout.columns.items() if f != NAME and cells[i] != ""}


def expected_cells(profile: dict[str, str]) -> dict[str, object]:
    """What the row's result columns must say, from calculators.check_profile itself."""
    result = check_profile(profile, as_of=AS_OF)
    by_measure = {e.measure: e for e in result.results}
    out: dict[str, object] = {"total_award_yuan": result.total_award_yuan}
    for m in batch_measures():
        est = by_measure.get(m)
        out[f"m{m}_award_yuan"] = "" if est is None or est.award_yuan is None else est.award_yuan
        if est is None:
            out[f"m{m}_eligible"] = ""
        elif est.eligible is None:  # measures 6 and 8: in scope or not; the amount is set elsewhere
            out[f"m{m}_eligible"] = {True: "是（金额另定）", False: "否"}.get(est.in_scope, "金额另定")
        else:
            out[f"m{m}_eligible"] = "是" if est.eligible else "否"
    return out


def normalise(row: dict[str, str]) -> dict[str, object]:
    return {k: Decimal(v) if k.endswith("_award_yuan") and v else v for k, v in row.items()}


@pytest.fixture(scope="module")
def every_out(tmp_path_factory) -> list[dict[str, str]]:
    out = tmp_path_factory.mktemp("batch") / "out.csv"
    summary = run_batch(EVERY, out, as_of=AS_OF, jobs=0)
    assert summary.failed == 0
    return read_csv(out)


def test_every_measure_equals_the_calculators(every_out):
    assert len(every_out) == 16
    for row in every_out:
        want = expected_cells(
            profile_of({k: v for k, v in row.items() if not k.startswith("m") or k == "months"})
        )
        got = normalise(row)
        for key, value in want.items():
            assert got[key] == value, (row["企业名称"], key)
    # Every measure with inputs is decided in some row, with an amount where the notice sets one.
    for m in batch_measures():
        decided = [r for r in every_out if r[f"m{m}_eligible"]]
        assert decided, f"measure {m} never computed"
        if m not in ("6", "8"):
            assert any(r[f"m{m}_eligible"] == "是" and Decimal(r[f"m{m}_award_yuan"]) > 0 for r in decided), m


def test_input_columns_come_first_unchanged_and_measure_9_is_kept_out_of_the_total(every_out):
    with EVERY.open(encoding="utf-8") as f:
        source = list(csv.DictReader(f))
    for src, out in zip(source, every_out, strict=True):
        assert all(out[k] == v for k, v in src.items())
    fdi = next(r for r in every_out if r["fdi_2024q1_usd"])
    assert Decimal(fdi["m9_award_yuan"]) > 0 and fdi["total_award_yuan"] == "0"
    assert "不计入企业合计" in fdi["notes"]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_gbk_and_bom_files_read_the_same(tmp_path, every_out, encoding):
    src = tmp_path / "in.csv"
    src.write_bytes(EVERY.read_text(encoding="utf-8").encode(encoding))
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            src.read_bytes().decode("utf-8")  # really not UTF-8
    out = tmp_path / "out.csv"
    run_batch(src, out, as_of=AS_OF, jobs=0)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # written with a BOM for Excel
    assert read_csv(out) == every_out


def test_xlsx_in_and_out(tmp_path, every_out):
    src = tmp_path / "in.xlsx"
    wb = Workbook()
    ws = wb.active
    with EVERY.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            ws.append(row)
    ws["B2"] = True  # typed cells as Excel keeps them: a boolean, a number, a date
    ws["D2"] = 36_500_000
    ws["P10"] = date(2024, 2, 17)  # 供热能源: the same day as its text "2024年2月17日"
    wb.save(src)
    out = tmp_path / "out.xlsx"
    summary = run_batch(src, out, as_of=AS_OF, jobs=0, field_names=True)  # scripts' headers
    assert summary.rows == 16 and summary.failed == 0
    rows = list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    header = list(rows[0])
    got = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    for want, have in zip(every_out, got, strict=True):
        for m in batch_measures():
            key = f"m{m}_award_yuan"
            assert (Decimal(want[key]) if want[key] else None) == (
                None if have[key] in (None, "") else Decimal(str(have[key]))
            )
        assert Decimal(want["total_award_yuan"]) == Decimal(str(have["total_award_yuan"]))


BAD_HEADER = (
    "name,sales_increase_yuan,above_scale_industrial,resumed_on,heat_supplier,continuous_supply_q1,"
    "months,statisticians,enterprise_status,continuous_reporting\n"
)
BAD_ROWS = (
    BAD_HEADER
    + """好企业甲,800万,是,,,,,,,
坏数字,八百万块多,是,,,,,,,
好企业乙,"1,200,000",是,,,,,,,
坏日期,,,2024-02-30,是,是,,,,
坏月份,900万,是,,,,13,2,在库,是
好企业丙,600万,否,,,,,,,
"""
)


def test_bad_rows_are_reported_and_the_rest_computed(tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(BAD_ROWS, encoding="utf-8")
    proc = cli(str(src), "-o", str(out), "--as-of", "2024-03-15")
    assert proc.returncode == 1, proc.stderr
    assert "3 行有错误" in proc.stderr and "Traceback" not in proc.stderr
    rows = {r["name"]: r for r in read_csv(out)}
    assert len(rows) == 6
    assert rows["坏数字"]["errors"].startswith("第3行：") and "销售额" in rows["坏数字"]["errors"]
    assert rows["坏日期"]["errors"].startswith("第5行：") and "2024年2月30日" in rows["坏日期"]["errors"]
    assert rows["坏月份"]["errors"].startswith("第6行：") and "月数" in rows["坏月份"]["errors"]
    for bad in ("坏数字", "坏日期", "坏月份"):
        assert rows[bad]["total_award_yuan"] == ""  # incomplete: no total until fixed
    # The bad month does not hide the row's good sales figure.
    assert rows["坏月份"]["m1_award_yuan"] == "90000"
    for good, profile in (
        ("好企业甲", {"sales_increase_yuan": "800万", "above_scale_industrial": "是"}),
        ("好企业乙", {"sales_increase_yuan": "1,200,000", "above_scale_industrial": "是"}),
        ("好企业丙", {"sales_increase_yuan": "600万", "above_scale_industrial": "否"}),
    ):
        assert rows[good]["errors"] == ""
        result = check_profile(profile, as_of=AS_OF)
        assert Decimal(rows[good]["total_award_yuan"]) == result.total_award_yuan
        assert Decimal(rows[good]["m1_award_yuan"]) == result.results[0].award_yuan


def test_unknown_answer_gives_the_calculators_assumption(tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("企业名称,规上工业企业,一季度销售额同比增长额\n某厂,不知道,650万\n", encoding="utf-8")
    run_batch(src, out, as_of=AS_OF, jobs=0)
    (row,) = read_csv(out)
    result = check_profile({"above_scale_industrial": "不知道", "sales_increase_yuan": "650万"}, as_of=AS_OF)
    assert Decimal(row["m1_award_yuan"]) == result.results[0].award_yuan == 60000
    assert FIELDS["above_scale_industrial"].assumption_text in row["notes"]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("sales_increase_yuan,above_scale_industrial\n800万,是\n", "in.csv", "企业名称"),
        ("企业名称,备注\n某厂,无\n", "in.csv", "测算字段"),
        ("name,sales_increase_yuan\n某厂,800万\n", "in.txt", ".csv 或 .xlsx"),
        ("this is not a workbook", "in.xlsx", "Excel"),
        ("", "in.csv", "空的"),
        ("name,sales_increase_yuan,一季度销售额同比增长额\n某厂,1,2\n", "in.csv", "同一项"),
    ],
)
def test_unusable_file_exit_2_in_chinese_and_output_untouched(tmp_path, content, name, message):
    src, out = tmp_path / name, tmp_path / "out.csv"
    src.write_text(content, encoding="utf-8")
    out.write_text("earlier results", encoding="utf-8")
    proc = cli(str(src), "-o", str(out))
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert out.read_text(encoding="utf-8") == "earlier results"
    assert [p.name for p in tmp_path.iterdir()] == sorted([name, "out.csv"]) or set(
        p.name for p in tmp_path.iterdir()
    ) == {name, "out.csv"}  # no temporary file left behind


def test_missing_input_and_wrong_output_suffix(tmp_path):
    proc = cli(str(tmp_path / "none.csv"), "-o", str(tmp_path / "o.csv"))
    assert proc.returncode == 2 and "找不到输入文件" in proc.stderr
    proc = cli(str(EVERY), "-o", str(tmp_path / "o.pdf"))
    assert proc.returncode == 2 and "输出文件" in proc.stderr
    assert not (tmp_path / "o.pdf").exists()


def test_failure_mid_file_leaves_no_half_written_output(tmp_path, monkeypatch):
    import assistant.outreach.batch as batch

    out = tmp_path / "out.csv"
    calls = {"n": 0}
    real = batch.RowChecker.check

    def flaky(self, number, row):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full")
        return real(self, number, row)

    monkeypatch.setattr(batch.RowChecker, "check", flaky)
    with pytest.raises(OSError):
        run_batch(EVERY, out, as_of=AS_OF, jobs=0)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_template_has_both_headers_and_reads_back_cleanly(tmp_path, suffix):
    template = tmp_path / f"template{suffix}"
    write_template(template)
    if suffix == ".csv":
        with template.open(encoding="utf-8-sig", newline="") as f:
            names, labels, example = list(csv.reader(f))
    else:
        ws = load_workbook(template, read_only=True).worksheets[0]
        names, labels, example = ([c or "" for c in r] for r in ws.iter_rows(values_only=True))
    assert names[0] == "name" and labels[0] == "企业名称"
    assert set(names[1:]) == set(FIELDS)
    assert labels[1:] == [FIELDS[n].label for n in names[1:]]
    out = tmp_path / f"out{suffix}"
    summary = run_batch(template, out, as_of=AS_OF, jobs=0)
    assert summary.rows == 1 and summary.failed == 0 and summary.skipped_header_rows == 1
    assert summary.example_rows == [3]  # computed, but flagged lest it be counted
    profile = {n: v for n, v in zip(names[1:], example[1:], strict=True) if v}
    result = check_profile(profile, as_of=AS_OF)
    if suffix == ".csv":
        rows = read_csv(out)
        assert rows[0]["name"] == "企业名称"  # the label row is mirrored
        assert Decimal(rows[1]["total_award_yuan"]) == result.total_award_yuan > 0
        assert rows[1]["notes"].startswith("模板示例行")
        assert not any("模板示例行" in r["notes"] for r in read_csv(run_every(tmp_path)))


def run_every(tmp_path: Path) -> Path:
    out = tmp_path / "every.csv"
    run_batch(EVERY, out, as_of=AS_OF, jobs=0)
    return out


def test_worker_processes_give_the_same_file(tmp_path):
    src = tmp_path / "in.csv"
    lines = EVERY.read_text(encoding="utf-8").splitlines()
    src.write_text("\n".join([lines[0], *(lines[1:] * 80)]) + "\n", encoding="utf-8")  # 1,280 rows
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    run_batch(src, one, as_of=AS_OF, jobs=0)
    run_batch(src, two, as_of=AS_OF, jobs=2)
    assert one.read_bytes() == two.read_bytes()


def test_progress_bar_draws_on_a_terminal_only():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty, log = Tty(), io.StringIO()
    for stream in (tty, log):
        p = Progress(1000, stream)
        for _ in range(1000):
            p.advance()
        p.finish()
    assert "100%" in tty.getvalue() and "1,000/1,000" in tty.getvalue()
    assert log.getvalue() == ""  # short file, not a terminal: silent


def test_header_labels_and_names_both_map():
    layout = resolve_header(
        ["企业名称", "sales_increase_yuan", "规上工业企业", "2024年一季度天然气使用量（立方米）", "x"]
    )
    assert sorted(layout.columns.values()) == sorted(
        ["name", "sales_increase_yuan", "above_scale_industrial", "gas_2024q1_m3"]
    )
    assert layout.unknown == ["x"]
    with pytest.raises(TabularError):
        resolve_header(["x", "y"])


def test_measures_out_of_force_are_named_once_with_their_periods(tmp_path):
    out = tmp_path / "o.csv"
    late = cli(str(EVERY), "-o", str(out), "--as-of", "2025-06-30")
    note = next(line for line in late.stderr.splitlines() if line.startswith("提示（有效期）"))
    assert "截至2025年6月30日" in note and "--as-of" in note
    assert "措施1、2、3" in note and "2024年1月1日至2024年3月31日" in note
    assert "措施5" not in note  # 5 runs to the end of 2025, 7 is long-standing
    assert "措施7" not in note
    in_force = cli(str(EVERY), "-o", str(out), "--as-of", "2024-03-15")
    assert "提示（有效期）" not in in_force.stderr
