"""Every `--help` fits an 80-column terminal with CJK counted double; `calc --schema` without a
measure lists every field."""

import json
import subprocess
import sys

import pytest

from assistant.cli import _discover
from assistant.commands.help_format import display_width, wrap
from calculators import MEASURE_IDS, get_measure
from calculators.fields import FIELDS

COMMANDS = [[], *([c.name] for c in _discover())]


def _help(args: list[str], columns: int) -> str:
    env = {"COLUMNS": str(columns), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", *args, "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0] if a else "top")
def test_help_fits_80_columns(args):
    text = _help(args, 80)
    too_wide = [line for line in text.splitlines() if display_width(line) > 80]
    assert not too_wide, too_wide
    assert "显示本帮助并退出" in text


def test_wrapping_keeps_every_character_and_closing_punctuation_off_line_starts():
    text = "按此日期判断措施是否在有效期内（默认今天），如 2024-03-15，" * 3
    lines = wrap(text, 30)
    assert all(display_width(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[0] in "，。）；" for line in lines)
    assert "2024-03-15" in "\n".join(lines).replace("\n", "")  # an ASCII word is never split
    assert display_width("企业a") == 5


def test_calc_schema_without_a_measure_lists_every_field():
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "calc", "--schema"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    used = {f for m in MEASURE_IDS for f in get_measure(m).fields}
    assert set(schema["properties"]) == used | {"name"} and used <= set(FIELDS)
    assert "第1、3条" in schema["properties"]["above_scale_industrial"]["description"]
    assert schema["properties"]["gas_2024q1_m3"]["title"] == FIELDS["gas_2024q1_m3"].label


def test_calc_without_a_measure_or_schema_says_what_is_expected():
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "calc"], capture_output=True, text=True, timeout=60, input=""
    )
    assert proc.returncode == 2 and "缺少条款编号" in proc.stderr and "calc --schema" in proc.stderr
