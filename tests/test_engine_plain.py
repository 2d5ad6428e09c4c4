"""The engine without textual, and `policy-assistant chat --plain` through a pipe."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

ENV_CHECK = """
import sys
from datetime import date
from assistant.dialog.engine import DialogEngine
engine = DialogEngine(as_of=date(2024, 3, 15))
engine.reply("一季度销售额增长了800万，能奖励多少？")
engine.reply("是")
assert engine.estimates["1"].award_yuan == 80000
print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
"""


def test_engine_never_imports_textual():
    out = subprocess.run(
        [sys.executable, "-c", ENV_CHECK], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[]"


def plain(lines: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--plain", "--as-of", "2024-03-15", *args],
        input=lines,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_plain_mode_reads_until_eof_and_exits_0():
    out = plain("一季度销售额增长了800万，能奖励多少？\n是\n要什么材料\n\n怎么注册公司\n")
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # jieba's loading chatter stays silent
    text = out.stdout
    assert "已记下：一季度销售额同比增长额 8,000,000 元" in text
    assert "预计可获 80,000 元（8 万元）" in text
    assert "以企业实际开具发票销售额为参考依据" in text
    assert "请输入问题或回答" in text  # the empty line
    assert "本通知未涉及" in text
    assert "Traceback" not in text


def test_plain_mode_profile_command_and_expired_date():
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--plain", "--as-of", "2026-11-28", "体检"],
        input="否\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "开始政策体检" in out.stdout


def test_plain_mode_bad_date_is_refused_in_chinese():
    out = plain("", "--as-of", "2024-02-30")
    assert out.returncode == 2
    assert "不存在" in out.stderr and "Traceback" not in out.stderr


def test_piped_input_on_a_terminal_is_answered_line_by_line_not_a_stuck_screen():
    """`echo 问题 | policy-assistant` at a terminal: the app could read no keys, so line mode."""
    import os
    import pty
    import threading

    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--as-of", "2024-03-15"],
        input="电费有补贴吗\n".encode(),
        stdout=slave,
        stderr=slave,
        timeout=60,
    )
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    text = b"".join(chunks).decode("utf-8", "ignore")
    assert proc.returncode == 0
    assert "第2条" in text and "\x1b[?1049h" not in text  # answered in line mode, no full screen
