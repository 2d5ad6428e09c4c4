"""``policy-assistant ask``: one question answered once, as the chat would answer it first.

For scripts and other front ends (a hotline system, a chat bot), and to see what was understood:
with ``--json`` one object {"question", "clauses", "out_of_scope", "read", "derived", "asks",
"estimate", "messages"} ("read": what the question stated, the third sales figure included;
"derived": a year's level worked out from the other year's and "多了X"); with no question, one
question per line from standard input, one object per line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import date
from typing import IO, TYPE_CHECKING

from assistant.commands import Command

if TYPE_CHECKING:
    from assistant.dialog.engine import DialogEngine

# A line longer than this is not one question; the rest of it is skipped, not read into memory.
MAX_LINE_BYTES = 8192
_EXAMPLES = (
    '示例：\n  policy-assistant ask "一季度销售额增长了800万能奖多少"\n'
    '  policy-assistant ask "外资到资350万美元" --json --as-of 2024-03-15\n'
    "  printf '天然气用了5万方\\n统计员2名\\n' | policy-assistant ask\n"
    "  （不给问题时每行读一个问题，逐行输出 JSON）"
)


def _as_of(text: str) -> date:
    from calculators.fields import parse_date

    try:
        return parse_date(text, "测算日期")
    except Exception as exc:  # InputError: shown by argparse as a Chinese error
        raise argparse.ArgumentTypeError(getattr(exc, "message", str(exc))) from None


def configure(p: argparse.ArgumentParser) -> None:
    p.epilog = _EXAMPLES
    p.add_argument("question", nargs="*", metavar="问题", help="要问的问题；不给则从标准输入每行读一个问题")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（读出的数据、条款、追问、测算结果）")
    p.add_argument(
        "--as-of", metavar="日期", type=_as_of, default=None, help="按此日期判断措施是否有效（默认今天）"
    )


def answer(engine: DialogEngine, question: str) -> dict[str, object]:
    """The first reply of a fresh conversation to ``question``, as the JSON object ``ask`` prints."""
    from assistant.dialog.reading import json_value

    engine.reset()
    reply = engine.reply(question)
    return {
        "question": question,
        "clauses": [o.id for o in reply.offered],
        "out_of_scope": engine.last_out_of_scope,
        "read": {name: json_value(value) for name, value in engine.last_read.items()},
        "derived": {name: json_value(value) for name, value in engine.last_derived.items()},
        "asks": reply.question.name if reply.question is not None else None,
        "estimate": reply.estimate.model_dump(mode="json") if reply.estimate is not None else None,
        "messages": reply.messages,
    }


def _lines(stream: IO[bytes]) -> Iterator[tuple[str, str | None]]:
    """(text, error) per input line; a line over MAX_LINE_BYTES or not UTF-8 gives an error."""
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        too_long = len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n")
        while too_long and raw and not raw.endswith(b"\n"):
            raw = stream.readline(MAX_LINE_BYTES + 1)  # skip the rest of the line
        if too_long:
            yield "", f"这一行超过 {MAX_LINE_BYTES} 字节，不像一个问题；请每行只写一个问题。"
            continue
        try:
            yield raw.decode("utf-8-sig").rstrip("\r\n"), None
        except UnicodeDecodeError:
            yield "", "这一行不是 UTF-8 编码的文字，无法读取；请以 UTF-8 保存后重试（GBK 文件可先转换）。"


def run(args: argparse.Namespace) -> int:
    import logging

    logging.getLogger("jieba").setLevel(logging.ERROR)  # jieba's start-up notes go to stderr
    from assistant.dialog.engine import DialogEngine
    from assistant.dialog.render import render_plain

    engine = DialogEngine(as_of=args.as_of)
    out = sys.stdout
    if args.question:
        question = " ".join(args.question)
        if args.json:
            out.write(json.dumps(answer(engine, question), ensure_ascii=False) + "\n")
        else:
            out.write(render_plain(engine.reply(question)) + "\n")
        return 0
    for text, error in _lines(sys.stdin.buffer):
        if error is not None:
            result = {"question": None, "clauses": [], "out_of_scope": False, "read": {}, "derived": {},
                      "asks": None, "estimate": None, "messages": [error], "error": error}  # fmt: skip
        else:
            result = answer(engine, text)
        out.write(json.dumps(result, ensure_ascii=False) + "\n")  # stdin: always one object a line
        out.flush()
    return 0


COMMANDS = [
    Command("ask", "回答一个问题一次（如对话的第一句回复），--json 输出读出的数据", configure, run, order=15),
]
