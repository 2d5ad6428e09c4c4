"""The command front: Chinese help for every subcommand, Chinese errors, no traceback."""

import re
import subprocess
import sys

import pytest

from assistant.cli import _discover, build_parser, main

CJK = re.compile(r"[\u4e00-\u9fff]")


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def test_top_level_help_is_chinese(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "用法" in out and "显示本帮助并退出" in out


@pytest.mark.parametrize("command", [c.name for c in _discover()])
def test_every_subcommand_has_chinese_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：policy-assistant " + command)
    assert "显示本帮助并退出" in out
    sub = next(a for a in build_parser()._actions if a.dest == "command").choices[command]
    for action in sub._actions:
        if action.help != "==SUPPRESS==":
            assert action.help and CJK.search(action.help), f"{command} {action.option_strings}"


def test_unknown_subcommand_is_a_chinese_error_with_status_2():
    proc = run("no-such-command")
    assert proc.returncode == 2
    assert "错误" in proc.stderr and "Traceback" not in proc.stderr
