"""The ``policy-assistant`` command: a Chinese argparse front over the subcommand modules."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

# pydantic looks for plugins on the first model it builds, scanning every installed distribution's
# entry points (≈3 ms before the chat's first answer); this tool uses none. setdefault: a person
# who wants theirs can still set the variable.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import assistant.commands
from assistant.commands import Command
from assistant.commands.help_format import WidthAwareHelpFormatter

# argparse's own messages are English; these are the ones people meet.
_ERROR_TRANSLATIONS = (
    ("the following arguments are required: ", "缺少必需的参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("expected one argument", "需要一个参数值"),
    ("invalid choice: ", "无效的选项："),
    ("choose from ", "可选："),
    ("invalid int value: ", "不是整数："),
    ("argument ", "参数 "),
    ("not allowed with argument ", "不能与此参数同时使用："),
    ("ambiguous option: ", "选项不明确："),
    ("could match ", "可能是 "),
)


class ChineseHelpFormatter(WidthAwareHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001, ANN201 - argparse's signature
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """ArgumentParser whose help and errors are in Chinese; errors exit with status 2."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> None:  # type: ignore[override]
        for en, zh in _ERROR_TRANSLATIONS:
            message = message.replace(en, zh)
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}：错误：{message}\n运行 `{self.prog} --help` 查看用法。\n")
        sys.exit(2)


def _discover(only: str | None = None) -> list[Command]:
    found: list[Command] = []
    for info in pkgutil.iter_modules(assistant.commands.__path__):
        if only is not None and info.name != f"{only}_cmd":
            continue
        module = importlib.import_module(f"assistant.commands.{info.name}")
        found.extend(getattr(module, "COMMANDS", []))
    return sorted((c for c in found if only is None or c.name == only), key=lambda c: (c.order, c.name))


def build_parser(only: str | None = None) -> ChineseArgumentParser:
    """The whole command line; ``only``: with that one subcommand alone (see ``_parse``)."""
    parser = ChineseArgumentParser(
        prog="policy-assistant",
        description=(
            "将乐县《关于促进2024年一季度稳定工业经济运行若干措施》（将政办规〔2024〕2号）\n"
            "政策问答与奖补测算助手。不带子命令运行即打开对话界面。"
        ),
    )
    sub = parser.add_subparsers(
        dest="command", title="子命令", metavar="子命令", parser_class=ChineseArgumentParser
    )
    for command in _discover(only):
        p = sub.add_parser(command.name, help=command.help, description=command.help)
        command.configure(p)
        p.set_defaults(_run=command.run)
    return parser


# Parsed by a parser of this subcommand alone: the chat's start waits for its parser, and
# building every subcommand's (importing and configuring each module) cost it ≈10 ms.
_QUICK = ("chat",)


def _parse(args_list: list[str]) -> tuple[ChineseArgumentParser, argparse.Namespace]:
    """The parsed command line. A line for a ``_QUICK`` subcommand is tried with its parser alone;
    if that one would print anything (help, an error), the whole parser does it instead, so what
    people see never depends on the shortcut."""
    if args_list[0] in _QUICK:
        import contextlib
        import io

        quick = build_parser(only=args_list[0])
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                return quick, quick.parse_args(args_list)
        except SystemExit:
            pass
    parser = build_parser()
    return parser, parser.parse_args(args_list)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        args_list = ["chat"]  # no subcommand: open the conversation
    try:
        parser, args = _parse(args_list)
        run = getattr(args, "_run", None)
        if run is None:
            parser.print_help()
            return 2
        return int(run(args) or 0)
    except KeyboardInterrupt:
        sys.stderr.write("\n已中断。\n")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        from assistant.fileio.failures import explain

        # Hostile input and full disks are not bugs: they get a Chinese message and status 2.
        message = explain(exc)
        if message is not None:
            sys.stderr.write(f"错误：{message}\n")
            return 2
        if os.environ.get("POLICY_ASSISTANT_DEBUG"):
            raise
        sys.stderr.write(f"内部错误（{type(exc).__name__}）：{exc}\n请将此信息和所用命令反馈给维护人员。\n")
        return 1
