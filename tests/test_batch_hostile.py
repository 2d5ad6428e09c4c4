"""Batch under hostile files (issue 11): CSV as offices save it, one bad cell, a killed worker."""

import csv
import decimal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import assistant.sheets.csv_input as csv_input
from assistant.outreach.batch import run_batch
from assistant.sheets.tabular import TabularError, read_rows
from tests.conftest import ROOT
from tests.test_xlsx import hand_built, package

AS_OF = date(2024, 3, 15)
HEADER = ["name", "above_scale_industrial", "sales_increase_yuan"]
ROWS = [["甲公司", "是", "800万"], ["乙公司", "是", "600万"]]


def results(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def run(src: Path, tmp_path: Path, jobs: int = 0) -> tuple[list[dict[str, str]], object]:
    out = tmp_path / "out.csv"
    summary = run_batch(src, out, as_of=AS_OF, jobs=jobs)
    return results(out), summary


# -- CSV as offices save it ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-16", "\t"), ("utf-8", ";"), ("utf-8", "\t"), ("gbk", ";")],
    ids=["excel-unicode-text", "semicolon", "tab", "gbk-semicolon"],
)
def test_separators_and_utf16_are_read(tmp_path, encoding, sep):
    src = tmp_path / "in.csv"
    text = "\r\n".join(sep.join(r) for r in [HEADER, *ROWS]) + "\r\n"
    src.write_bytes(text.encode(encoding))  # Python's utf-16 writes the BOM, as Excel does
    rows, summary = run(src, tmp_path)
    assert summary.failed == 0 and [r["name"] for r in rows] == ["甲公司", "乙公司"]
    assert [r["m1_award_yuan"] for r in rows] == ["80000", "60000"]


def test_euro_sign_in_gbk_text_is_read(tmp_path):
    # Excel on Chinese Windows writes code page 936, where € is the single byte 0x80.
    src = tmp_path / "in.csv"
    name = "欧元".encode("gbk") + b"\x80" + "公司".encode("gbk")  # Python's gbk codec has no €
    src.write_bytes(",".join(HEADER).encode() + b"\n" + name + ",是,800万".encode("gbk"))
    rows, _ = run(src, tmp_path)
    assert rows[0]["name"] == "欧元€公司" and rows[0]["m1_award_yuan"] == "80000"


def test_big5_is_refused_not_read_as_garbage(tmp_path):
    src = tmp_path / "名單.csv"
    lines = [HEADER, ["將樂縣金森林業股份有限公司", "是", "800萬"]]
    lines.append(["福建將樂縣華福鋼鐵有限公司", "否", "1650萬"])
    src.write_bytes("\n".join(",".join(r) for r in lines).encode("big5"))
    with pytest.raises(TabularError) as err:
        run(src, tmp_path)
    assert "Big5" in err.value.message and "CSV UTF-8" in err.value.message
    assert not (tmp_path / "out.csv").exists()


def test_simplified_gbk_with_some_traditional_names_is_still_gbk(tmp_path):
    src = tmp_path / "in.csv"
    lines = [HEADER, ["將樂縣華福鋼鐵有限公司", "是", "800万"], *ROWS]
    src.write_bytes("\n".join(",".join(r) for r in lines).encode("gbk"))
    rows, _ = run(src, tmp_path)
    assert rows[0]["name"] == "將樂縣華福鋼鐵有限公司"


def test_an_unclosed_quote_is_a_chinese_message_not_the_field_limit(tmp_path, monkeypatch):
    src = tmp_path / "in.csv"
    # A quote that never closes swallows the rest of the file into one field.
    src.write_text(",".join(HEADER) + '\n"甲公司,是,800万\n' + "乙公司,是,600万\n" * 20_000, encoding="utf-8")
    rows, summary = run(src, tmp_path)  # 200 KB: past csv's own 131,072 limit, within ours
    assert summary.failed == 1 and "32,767" in rows[0]["errors"] and "第2行A列" in rows[0]["errors"]
    monkeypatch.setattr(csv_input, "MAX_ROW_BYTES", 100_000)
    with pytest.raises(TabularError) as err:
        run(src, tmp_path)
    assert "引号" in err.value.message and "field" not in err.value.message


def test_an_endless_line_is_refused_with_bounded_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_input, "MAX_ROW_BYTES", 1 << 16)
    src = tmp_path / "in.csv"
    src.write_text(",".join(HEADER) + "\n" + "x" * (1 << 18), encoding="utf-8")
    with pytest.raises(TabularError) as err, read_rows(src) as source:
        list(source.numbered)
    assert "第 2 行超过" in err.value.message


def test_a_folder_or_a_pipe_is_refused(tmp_path):
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # reading it would block (or, for /dev/zero, never end)
    with pytest.raises(TabularError) as err:
        run(fifo, tmp_path)
    assert "不是普通文件" in err.value.message
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(TabularError) as err:
        run(folder, tmp_path)
    assert "不是普通文件" in err.value.message


# -- one bad cell does not lose the batch ---------------------------------------------------------


def test_a_50_mb_csv_cell_is_its_rows_error(tmp_path):
    src = tmp_path / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerows([HEADER, ROWS[0], ["大公司", "是", "8" * (50 << 20)], ROWS[1]])
    rows, summary = run(src, tmp_path)
    assert summary.rows == 3 and summary.failed == 1
    assert [r["m1_award_yuan"] for r in rows] == ["80000", "", "60000"]
    assert rows[1]["errors"].startswith("第3行C列：") and "32,767" in rows[1]["errors"]
    assert len(rows[1]["sales_increase_yuan"]) < 20  # the 50 MB are not copied to the output


def test_a_50_mb_xlsx_cell_and_a_damaged_cell_are_their_rows_errors(tmp_path):
    def cell(ref, text):
        return f'<x:c r="{ref}" t="inlineStr"><x:is><x:t>{text}</x:t></x:is></x:c>'

    def row(n, values):
        cells = "".join(cell(f"{c}{n}", v) for c, v in zip("ABC", values, strict=True))
        return f'<x:row r="{n}">{cells}</x:row>'

    sheet = row(1, HEADER) + row(2, ROWS[0])
    sheet += f'<x:row r="3">{cell("A3", "大公司")}{cell("B3", "是")}{cell("C3", "8" * (50 << 20))}</x:row>'
    sheet += f'<x:row r="4">{cell("A4", "坏单元格")}<x:c r="B4" t="s"><x:v>42</x:v></x:c></x:row>'
    sheet += row(5, ROWS[1]) + row(6, ["丙公司", "是", "700万"])
    src = package(tmp_path / "in.xlsx", hand_built(sheet))
    rows, summary = run(src, tmp_path)
    assert [r["name"] for r in rows] == ["甲公司", "大公司", "坏单元格", "乙公司", "丙公司"]
    assert summary.failed == 2
    assert rows[1]["errors"].startswith("第3行C列：") and rows[2]["errors"].startswith("第4行B列：")
    assert "已损坏" in rows[2]["errors"]
    assert [rows[i]["m1_award_yuan"] for i in (0, 3, 4)] == ["80000", "60000", "70000"]


def test_an_overflowing_figure_is_its_rows_error(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        "\n".join(",".join(r) for r in [HEADER, ROWS[0], ["大公司", "是", "一" + "亿" * 200], ROWS[1]]),
        encoding="utf-8",
    )
    rows, summary = run(src, tmp_path)
    assert summary.failed == 1 and rows[1]["errors"].startswith("第3行：")
    assert [rows[i]["m1_award_yuan"] for i in (0, 2)] == ["80000", "60000"]


def test_decimal_overflow_below_the_parsers_is_its_rows_error(tmp_path, monkeypatch):
    import assistant.outreach.batch as batch

    real = batch.evaluate

    def overflowing(mid, data, as_of):
        if data.get("sales_increase_yuan") == decimal.Decimal(6_000_000):
            raise decimal.Overflow([decimal.Overflow])
        return real(mid, data, as_of)

    monkeypatch.setattr(batch, "evaluate", overflowing)
    src = tmp_path / "in.csv"
    lines = [HEADER, *ROWS, ["丙公司", "是", "700万"]]
    src.write_text("\n".join(",".join(r) for r in lines), encoding="utf-8")
    rows, summary = run(src, tmp_path)
    assert summary.failed == 1 and rows[1]["errors"].startswith("第3行：数值过大")
    assert [rows[i]["m1_award_yuan"] for i in (0, 2)] == ["80000", "70000"]


# -- a killed worker ------------------------------------------------------------------------------

KILL_A_WORKER = """
import os, signal, sys
from datetime import date
from pathlib import Path
import assistant.outreach.batch as batch

parent = os.getpid()
real = batch.RowChecker.check

def check(self, number, row):
    if row[0] == "OOM" and os.getpid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer does
    return real(self, number, row)

batch.RowChecker.check = check  # workers are forked: they inherit it
summary = batch.run_batch(Path(sys.argv[1]), Path(sys.argv[2]), as_of=date(2024, 3, 15), jobs=2)
print(summary.rows, summary.failed)
print("\\n".join(summary.notices))
"""


def test_a_killed_worker_does_not_hang_the_batch(tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    names = [f"企业{i}" for i in range(3_000)]
    names[1_700] = "OOM"  # in the fourth chunk of 500: chunks before it are already done
    lines = [",".join(HEADER)] + [f"{n},是,{(i % 5 + 5) * 100}万" for i, n in enumerate(names)]
    src.write_text("\n".join(lines), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", KILL_A_WORKER, str(src), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,  # multiprocessing.Pool waited for the lost chunk forever
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    counts, notice = proc.stdout.split("\n", 1)
    assert counts == "3000 0" and "测算进程意外退出" in notice
    rows = results(out)
    assert [r["name"] for r in rows] == names  # every row, in order, once
    assert [r["m1_award_yuan"] for r in rows[1_699:1_702]] == ["90000", "50000", "60000"]


def test_a_cell_error_survives_the_trip_to_a_worker_process(tmp_path):
    src = tmp_path / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, ROWS[0], ["长名" * 20_000, "是", "800万"], ROWS[1]])
    rows, summary = run(src, tmp_path, jobs=2)
    assert summary.failed == 1 and rows[1]["name"] == "（单元格内容过长，未读取）"
    assert rows[1]["errors"].startswith("第3行A列：单元格内容有 40,000 个字符")
