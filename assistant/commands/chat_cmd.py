"""``policy-assistant chat``: the conversation, in the terminal app or (``--plain``) line by line."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from assistant.cli import Command


def _as_of(text: str) -> date:
    from calculators import InputError
    from calculators.fields import parse_date

    try:
        return parse_date(text, "测算日期")
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--plain",
        action="store_true",
        help="逐行模式：从标准输入读取，每行一句，打印回答，读完即退出（适合管道、读屏软件和脚本）",
    )
    p.add_argument(
        "--as-of", type=_as_of, metavar="日期", help="按此日期判断措施是否有效（默认今天），如 2024-03-15"
    )
    p.add_argument("words", nargs="*", metavar="命令", help="可选：体检（直接开始政策体检）")


_EXIT_WORDS = frozenset({"退出", "exit", "quit", "q"})


def _run_plain(as_of: date | None, first: str | None) -> int:
    from assistant.dialog.render import render_plain
    from assistant.engine import DialogEngine

    engine = DialogEngine(as_of=as_of)
    shown: str | None = None  # print a clause's full text once per opening, not on every turn
    out = sys.stdout
    typing = sys.stdin.isatty()  # a person at the keyboard: prompt, echo nothing, answer each line
    out.write(f"政策助手（{engine.notice.metadata.number}）。输入问题，或“帮助”查看用法；“退出”结束。\n")
    from assistant.dialog.answers import validity_note

    note = validity_note(engine.notice, date.today(), as_of)
    if note:
        out.write(note + "\n")
    if typing:
        # Line editing (←→, ctrl+a/e) and this session's history (↑↓) for input(); no history
        # file: a session holds an enterprise's figures. Not when piped: nothing to edit there.
        import readline  # noqa: F401
    pending = [first] if first else []
    while True:
        if pending:
            line = pending.pop()
        else:
            try:
                if typing:
                    out.write("\n")
                    raw = input("> ") + "\n"  # readline's prompt: redrawn right when a line is edited
                else:
                    raw = sys.stdin.readline()  # one line at a time: each is answered before the next
            except (KeyboardInterrupt, EOFError):
                raw = ""
            if not raw:
                break
            line = raw.rstrip("\n")
        if not typing:
            out.write(f"\n> {line}\n")
        if line.strip().lower() in _EXIT_WORDS and engine.state != "quiz":
            break
        reply = engine.reply(line)
        # A quiz's clause is for the side panel; in line mode it would bury the question.
        show_clause = reply.clause is not None and reply.clause.id != shown and engine.state != "quiz"
        if show_clause:
            shown = reply.clause.id  # type: ignore[union-attr]
        out.write(render_plain(reply, show_clause=show_clause) + "\n")
        out.flush()
    if typing:
        out.write("\n再见。\n")
    return 0


def run(args: argparse.Namespace) -> int:
    first = "体检" if args.words and args.words[0] in ("体检", "check") else None
    if args.words and first is None:
        sys.stderr.write(f"无法识别的命令：{' '.join(args.words)}（可用：体检）\n")
        return 2
    # The terminal app reads keys from stdin: with a pipe there it could never be used (nor quit).
    if args.plain or not sys.stdin.isatty() or not sys.stdout.isatty():
        return _run_plain(args.as_of, first)
    from assistant.tui.app import PolicyApp

    PolicyApp(as_of=args.as_of, first=first).run()
    return 0


COMMANDS = [
    Command("chat", "与政策助手对话（默认打开终端界面；--plain 为逐行模式）", configure, run, order=5)
]
