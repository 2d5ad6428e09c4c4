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


QUICK_LINES = [
    ["chat"],
    ["chat", "--as-of", "2024-03-15"],
    ["chat", "--as-of", "2024年3月15日", "--plain"],
    ["chat", "--pla"],  # an abbreviation, as argparse allows
    ["chat", "体检"],
]
NOISY_LINES = [
    ["chat", "--help"],
    ["chat", "-h", "--plain"],
    ["chat", "--as-of", "2024-02-30"],
    ["chat", "--as-of"],
    ["chat", "--no-such-option"],
    ["chat", "--plain", "extra", "--what"],
]


def _full(args: list[str], capsys) -> tuple[object, str, str]:
    try:
        result = vars(build_parser().parse_args(args))
    except SystemExit as exc:
        result = exc.code
    out = capsys.readouterr()
    return result, out.out, out.err


@pytest.mark.parametrize("args", QUICK_LINES + NOISY_LINES, ids=" ".join)
def test_the_chats_quick_parser_reads_and_says_what_the_whole_one_does(args, capsys):
    """``chat`` is parsed by its own parser alone (it starts faster); whatever it would print, the
    whole parser prints instead: the same namespace, help, errors and exit status either way."""
    from assistant.cli import _parse

    expected = _full(args, capsys)
    try:
        parser, namespace = _parse(list(args))
        result: object = vars(namespace)
    except SystemExit as exc:
        result = exc.code
    out = capsys.readouterr()
    assert (result, out.out, out.err) == expected
    if args in QUICK_LINES:
        sub = next(a for a in parser._actions if a.dest == "command")
        assert list(sub.choices) == ["chat"]  # the quick parser did it
