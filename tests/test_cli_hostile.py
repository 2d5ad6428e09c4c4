"""Every command under hostile input and faults (issue 11): a Chinese message saying what is expected,
status 2, never a traceback, English or "内部错误"."""

import decimal
import errno
import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from tests.conftest import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{5,} [A-Za-z]{3,}")  # a phrase of English words, e.g. "Exceeds the limit"
GOOD = '{"above_scale_industrial": "是", "sales_increase_yuan": "800万"}'


def limit_memory() -> None:
    # A reader that is not bounded fails here with MemoryError instead of filling the machine.
    resource.setrlimit(resource.RLIMIT_AS, (1 << 31, 1 << 31))


def run(*args: str, stdin: bytes = b"", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "POLICY_ASSISTANT_DEBUG": "", **(env or {})},
        preexec_fn=limit_memory,
    )


def assert_refused(proc: subprocess.CompletedProcess, *says: str) -> str:
    err = proc.stderr.decode("utf-8", "replace") + proc.stdout.decode("utf-8", "replace")
    assert proc.returncode == 2, err[-2000:]
    prose = re.sub(r"policy-assistant [^，。；\n]*", "", err)  # command examples are not prose
    assert "Traceback" not in err and "内部错误" not in err and not ENGLISH.search(prose), err[-2000:]
    assert CJK.search(err)
    for word in says:
        assert word in err, err[-2000:]
    return err


@pytest.mark.parametrize(
    ("stdin", "says"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "嵌套层数过深"),  # RecursionError in json
        (b'{"sales_increase_yuan": "\xff\xfe800"}', "不是有效的 UTF-8"),
        (b'{"above_scale_industrial": "\\u662f", "sales_increase_yuan": ' + b"9" * 5000 + b"}", "4,300"),
        (b'{"above_scale_industrial": "\\u662f", "sales_increase_yuan": "\\ud800"}', "\\ud800"),
    ],
    ids=["deep-json", "invalid-utf8", "5000-digits", "lone-surrogate"],
)
@pytest.mark.parametrize("command", [["calc", "1"], ["calc", "1", "--json"], ["check"]])
def test_hostile_json_is_refused_in_chinese(command, stdin, says):
    proc = run(*command, stdin=stdin)
    err = assert_refused(proc, says)
    if "--json" in command:  # still the documented {"error", "field"} on standard output
        assert set(json.loads(proc.stdout)) == {"error", "field"}
    assert "Exceeds" not in err


def test_input_from_a_device_or_a_huge_file_is_bounded(tmp_path):
    assert_refused(run("calc", "1", "--input", "/dev/zero"), "不是普通文件")
    assert_refused(run("report", "--input", "/dev/zero", "-o", str(tmp_path / "r.html")), "不是普通文件")
    huge = tmp_path / "huge.json"
    with huge.open("wb") as f:
        f.write(b'{"name": "' + b"x" * (11 << 20) + b'"}')
    assert_refused(run("check", "--input", str(huge)), "超过 10 MB")
    # standard input: read to 10 MB, then refused
    assert_refused(run("calc", "1", stdin=b" " * (11 << 20)), "超过 10 MB")


def test_decimal_overflow_below_the_parsers_is_a_chinese_refusal(monkeypatch, capsys):
    import calculators

    def overflowing(*args, **kwargs):
        raise decimal.Overflow([decimal.Overflow])

    monkeypatch.setattr(calculators, "evaluate", overflowing)
    monkeypatch.setattr(calculators, "check_profile", overflowing)
    for argv in (["calc", "1"], ["calc", "1", "--json"], ["check"]):
        monkeypatch.setattr(sys, "stdin", __import__("io").StringIO(GOOD))
        assert main(argv) == 2
        out = capsys.readouterr()
        assert "数值过大" in out.err + out.out and "Overflow" not in out.err + out.out


def test_an_unknown_exception_still_says_internal_but_hostile_ones_never_do(monkeypatch, capsys):
    import assistant.commands.calc_cmd as calc_cmd

    monkeypatch.setenv("POLICY_ASSISTANT_DEBUG", "")
    monkeypatch.setattr(calc_cmd, "_read_object", lambda path: (_ for _ in ()).throw(RecursionError()))
    assert main(["calc", "1"]) == 2 and "嵌套层数过深" in capsys.readouterr().err


def enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_no_space_left_names_the_file_in_chinese(tmp_path, monkeypatch, capsys):
    import assistant.sheets.tabular as tabular

    src = tmp_path / "in.csv"
    src.write_text("name,above_scale_industrial,sales_increase_yuan\n甲公司,是,800万\n", encoding="utf-8")
    monkeypatch.setattr(tabular._CsvWriter, "write", enospc)
    out = tmp_path / "结果.csv"
    assert main(["batch", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and "结果.csv" in err and "No space" not in err
    assert not out.exists()
    import assistant.fileio.atomic as files

    monkeypatch.setattr(files, "atomic_write_text", enospc)  # the one writer of every output file
    profile = tmp_path / "p.json"
    profile.write_text(GOOD, encoding="utf-8")
    assert main(["report", "--input", str(profile), "-o", str(tmp_path / "报告.html")]) == 2
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and "报告.html" in err and "No space" not in err


def test_template_never_replaces_a_file_without_force(tmp_path):
    names = tmp_path / "名单.xlsx"
    names.write_bytes(b"a person's 2,000-row list")
    err = assert_refused(run("batch", "--template", str(names)), "已存在", "--force")
    assert names.read_bytes() == b"a person's 2,000-row list" and "名单.xlsx" in err
    proc = run("batch", "--template", str(names), "--force")
    assert proc.returncode == 0 and names.read_bytes().startswith(b"PK")  # now a workbook
    fresh = tmp_path / "新模板.csv"
    assert run("batch", "--template", str(fresh)).returncode == 0 and fresh.exists()


def test_report_over_its_own_input_is_refused(tmp_path):
    profile = tmp_path / "企业.md"  # a JSON profile under a report's name
    profile.write_text(GOOD, encoding="utf-8")
    # the same file under another spelling of its path
    for output in (str(profile), str(tmp_path / "." / "企业.md")):
        assert_refused(run("report", "--input", str(profile), "-o", output), "不能与 --input")
    assert profile.read_text(encoding="utf-8") == GOOD


# -- chat --plain and search through a pipe ----------------------------------------------------------


def test_plain_chat_answers_input_errors_with_their_message_and_no_traceback():
    proc = run("chat", "--plain", "--as-of", "2024-03-15", stdin="用电多了99999999999999度\n".encode())
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode == 0 and "Traceback" not in out + err
    assert "处理这句话时出错" not in out and "超过10万亿" in out


def test_plain_chat_refuses_bad_bytes_per_line_and_endless_input():
    proc = run("chat", "--plain", "--as-of", "2024-03-15", stdin=b"\xff\xfe\n\xe7\x94\xb5\xe8\xb4\xb9\n")
    out = proc.stdout.decode()
    assert proc.returncode == 0 and "不是有效的 UTF-8" in out and "电费" in out  # the next line answered
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run(
            [sys.executable, "-m", "assistant", "chat", "--plain"],
            stdin=zero,
            capture_output=True,
            timeout=120,
            cwd=ROOT,
            preexec_fn=limit_memory,
        )
    assert_refused(proc, "没有换行")


def test_search_from_stdin_is_bounded_and_refuses_bad_lines():
    proc = run("search", "--json", stdin=b"\xff\n" + "天然气补多少\n".encode())
    lines = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 0 and "UTF-8" in lines[0]["error"] and lines[1]["hits"][0]["id"] == "3"
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run(
            [sys.executable, "-m", "assistant", "search", "--json"],
            stdin=zero,
            capture_output=True,
            timeout=120,
            cwd=ROOT,
            preexec_fn=limit_memory,
        )
    assert proc.returncode == 0 and "16 MB" in proc.stdout.decode()


def test_every_oserror_cause_people_meet_is_chinese():
    from assistant.fileio.failures import os_error_text

    for code in (errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EDQUOT, errno.ENOENT, errno.EISDIR):
        text = os_error_text(OSError(code, os.strerror(code)), Path("out.csv"))
        assert "“out.csv”" in text and not ENGLISH.search(text) and os.strerror(code) not in text


def test_plain_chat_logs_a_bug_in_one_line_without_traceback(monkeypatch, capsys):
    import io
    import logging

    from assistant.dialog.engine import DialogEngine

    def broken(self, text):
        raise RuntimeError("a bug")

    monkeypatch.setenv("POLICY_ASSISTANT_DEBUG", "")
    monkeypatch.setattr(DialogEngine, "_reply", broken)
    monkeypatch.setattr(sys, "stdin", io.StringIO("电费有补贴吗\n"))
    log = logging.getLogger("assistant.dialog.engine")
    handlers, propagate = list(log.handlers), log.propagate
    try:
        assert main(["chat", "--plain"]) == 0
    finally:
        log.handlers[:], log.propagate = handlers, propagate
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out and "处理这句话时出错" in out.out
    assert len(out.err.strip().splitlines()) == 1  # one line saying it was logged
