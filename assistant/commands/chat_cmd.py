"""``policy-assistant chat``: the conversation, in the terminal app or (``--plain``) line by line."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from datetime import date

from assistant.commands import Command

# The everyday spelling of --as-of, read without importing calculators (pydantic, ≈0.15 s that
# the terminal app's first frame would wait for). Its years are those parse_date accepts
# (DATE_RANGE, 2000–2100); a test checks both readings agree. Every other spelling, and every
# refusal with its Chinese message, is parse_date's.
_ISO_DAY = re.compile(r"(20[0-9][0-9]|2100)-[0-9][0-9]-[0-9][0-9]")


def _as_of(text: str) -> date:
    if _ISO_DAY.fullmatch(text):
        with contextlib.suppress(ValueError):  # 2024-02-30: parse_date says why in Chinese
            return date.fromisoformat(text)
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
# One line is at most this many bytes (the engine answers only 500 characters); the rest of an
# over-long line is skipped, but no more than _MAX_SKIP bytes: `--plain < /dev/zero` must end.
MAX_LINE_BYTES = 64 << 10
_MAX_SKIP = 16 << 20
_BAD_BYTES = "这一行不是有效的 UTF-8 文本，无法读取：请以 UTF-8 编码输入（终端或文件的编码设为 UTF-8）。"


class _Lines:
    """Standard input line by line, bounded, decoded strictly; (None, message) for a refused line."""

    def __init__(self) -> None:
        self._buffer = getattr(sys.stdin, "buffer", None)  # tests give a StringIO: text already

    def next(self) -> tuple[str | None, str | None] | None:
        """(line, None), (None, Chinese message) for a line that cannot be taken, or None at the end."""
        if self._buffer is None:
            text = sys.stdin.readline(MAX_LINE_BYTES)
            return (text.rstrip("\r\n"), None) if text else None
        raw = self._buffer.readline(MAX_LINE_BYTES)
        if not raw:
            return None
        if not raw.endswith(b"\n") and len(raw) >= MAX_LINE_BYTES:
            skipped = 0
            while skipped < _MAX_SKIP:
                more = self._buffer.readline(MAX_LINE_BYTES)
                skipped += len(more)
                if not more or more.endswith(b"\n"):
                    break
            else:
                raise _Endless()
            too_long = f"这一行超过 {MAX_LINE_BYTES >> 10} KB，未处理：请只输入问题或回答（不超过 500 字）。"
            return None, too_long
        try:
            return raw.decode("utf-8").rstrip("\r\n"), None
        except UnicodeDecodeError:
            return None, _BAD_BYTES


class _Endless(Exception):
    """Standard input gave over 16 MB without a line break (e.g. /dev/zero): no conversation."""


def _quiet_engine_log() -> None:
    """Line mode writes to the person's terminal: an engine bug is logged in one line, no traceback."""
    import logging

    class _OneLine(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            record.exc_info = record.exc_text = None
            return f"（已记录：{record.getMessage()[:200]}）"

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    log = logging.getLogger("assistant.dialog.engine")
    log.addHandler(handler)
    log.propagate = False


def _run_plain(as_of: date | None, first: str | None) -> int:
    from assistant.dialog.engine import DialogEngine
    from assistant.dialog.render import render_plain

    _quiet_engine_log()
    engine = DialogEngine(as_of=as_of)
    lines = _Lines()
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
                    # readline's prompt: redrawn right when a line is edited; a terminal line is typed
                    got = (input("> ")[: MAX_LINE_BYTES // 4], None)
                else:
                    got = lines.next()  # one line at a time: each is answered before the next is read
            except (KeyboardInterrupt, EOFError):
                got = None
            except UnicodeDecodeError:
                got = (None, _BAD_BYTES)
            except _Endless:
                sys.stderr.write(
                    f"错误：标准输入超过 {_MAX_SKIP >> 20} MB 仍没有换行，不像是对话，已停止读取："
                    "请每行输入一句话。\n"
                )
                return 2
            if got is None:
                break
            line, refused = got
            if line is None:
                out.write(f"\n{refused}\n")
                out.flush()
                continue
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
    from assistant.tui import dataclass_table, gc_pause, regex_table

    gc_pause.pause()  # textual's import is the app's start too
    regex_table.prefill()  # textual's own patterns as well (≈60 compiled at its import)
    dataclass_table.install()  # and its dataclasses' methods (≈150)
    from assistant.tui.app import PolicyApp

    PolicyApp(as_of=args.as_of, first=first).run()
    return 0


COMMANDS = [
    Command("chat", "与政策助手对话（默认打开终端界面；--plain 为逐行模式）", configure, run, order=5)
]
