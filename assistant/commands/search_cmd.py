"""``search``, ``clause`` and ``clauses``: find clauses for a question, show one, list them all.

Light at import: search (jieba and the index, read from the cache) is imported inside ``run``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from assistant.commands import Command

if TYPE_CHECKING:
    from assistant.search.index import SearchResult
    from corpus.models import Clause, Notice

MAX_TOP = 15
_EXAMPLES = '示例：\n  policy-assistant search "电费有补贴吗"\n  policy-assistant search "第5条" --json\n'
_EXAMPLES += "  printf '天然气补多少\\n统计员奖励\\n' | policy-assistant search --json   （每行一个问题）"


def clause_label(clause_id: str) -> str:
    return {"preamble": "通知开头", "final": "通知结尾"}.get(clause_id, f"第{clause_id}条")


def _fail(message: str) -> int:
    sys.stderr.write(message.rstrip("\n") + "\n")
    return 2


def _result_json(result: SearchResult) -> dict[str, object]:
    return {
        "query": result.query,
        "tokens": result.tokens,
        # The kind of out-of-scope question (corpus/scope.yaml) when a signal word declined it.
        "declined": result.declined,
        "hits": [
            {
                "id": h.id,
                "title": h.title,
                "score": h.score,
                "responsible_units": h.responsible_units,
                "snippet": h.snippet,
                "matched": h.matched,
            }
            for h in result.hits
        ],
    }


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _print_result(result: SearchResult) -> None:
    if not result.hits:
        from assistant.search.vocabulary import vocabulary

        signal = vocabulary().scope.get(result.declined or "")
        reason = f"{signal.reason}。" if signal else ""
        print(f"通知中没有找到与“{result.query}”相关的条款。{reason}")
        print("本通知讲的是将乐县2024年一季度稳定工业经济运行的措施（增产、用电、用气、用热、入规、统计、")
        print("外贸外资等奖励）；可运行 `policy-assistant clauses` 查看全部条款。")
        return
    for rank, h in enumerate(result.hits, 1):
        print(f"{rank}. {clause_label(h.id)} {h.title}（相关度 {h.score:.2f}）")
        print(f"   责任单位：{'、'.join(h.responsible_units)}")
        print(f"   {h.snippet}")


_MAX_LINE = 64 << 10


def _stdin_lines() -> Iterator[tuple[str, str | None]]:
    """(query, None) per line, or (the line's start, a Chinese problem): invalid UTF-8 and over-long
    lines are that line's error; a line is read at most 64 KB at a time, so /dev/zero cannot fill memory."""
    buffer = getattr(sys.stdin, "buffer", None)
    while True:
        raw = buffer.readline(_MAX_LINE) if buffer is not None else sys.stdin.readline(_MAX_LINE)
        if not raw:
            return
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogatepass")
        if len(raw) >= _MAX_LINE and not raw.endswith(b"\n"):
            yield "", f"这一行超过 {_MAX_LINE >> 10} KB，未查询：请每行输入一个问题"
            for _ in range(256):  # skip the rest of the line, up to 16 MB; past that, stop reading
                more = (buffer or sys.stdin).readline(_MAX_LINE)
                if not more or more[-1:] in ("\n", b"\n"):
                    break
            else:
                yield "", "标准输入超过 16 MB 仍没有换行，已停止读取：请每行输入一个问题"
                return
            continue
        try:
            yield raw.decode("utf-8").rstrip("\r\n"), None
        except UnicodeDecodeError:
            yield "", "这一行不是有效的 UTF-8 文本：请以 UTF-8 编码输入问题"


def _configure_search(p: argparse.ArgumentParser) -> None:
    p.epilog = _EXAMPLES
    p.add_argument(
        "query", nargs="*", metavar="问题", help="要查询的问题；不给则从标准输入每行读一个问题，逐行输出 JSON"
    )
    p.add_argument("--top", type=int, default=3, metavar="K", help=f"最多显示几条（1–{MAX_TOP}，默认 3）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def _run_search(args: argparse.Namespace) -> int:
    if not 1 <= args.top <= MAX_TOP:
        return _fail(f"--top 应为 1 到 {MAX_TOP} 之间的整数，例如 --top 5")
    from assistant.search.index import QueryError, search

    if not args.query:  # batch mode: one JSON object per input line, a bad line does not stop the batch
        for query, problem in _stdin_lines():
            try:
                if problem:
                    raise QueryError(problem)
                _print_json(_result_json(search(query, top=args.top)))
            except QueryError as exc:
                _print_json({"query": query[:200], "tokens": [], "hits": [], "error": str(exc)})
            sys.stdout.flush()
        return 0
    try:
        result = search(" ".join(args.query), top=args.top)
    except QueryError as exc:
        return _fail(f"无法查询：{exc}")
    if args.json:
        _print_json(_result_json(result))
    else:
        _print_result(result)
    return 0


def _clause_json(notice: Notice, clause: Clause) -> dict[str, object]:
    validity = notice.validity(clause.id)
    return {
        "id": clause.id,
        "label": clause_label(clause.id),
        "title": clause.title,
        "section": notice.section_title(clause.section) or None,
        "text": clause.text,
        "responsible_units": clause.responsible_units,
        "evidence": clause.evidence,
        "references": clause.references,
        "computable": clause.computable,
        "validity": {
            "start": validity.start.isoformat(),
            "end": validity.end.isoformat() if validity.end else None,
            "note": validity.note,
            "description": validity.describe(),
        },
    }


def _configure_clause(p: argparse.ArgumentParser) -> None:
    p.epilog = (
        "示例：\n  policy-assistant clause 5\n  policy-assistant clause 第五条 --json\n"
        "  policy-assistant clause final"
    )
    p.add_argument(
        "clause_id",
        metavar="条款",
        help="条款编号：1–13、第5条、第五条、5号措施，或 preamble（开头）、final（结尾）",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def _run_clause(args: argparse.Namespace) -> int:
    from assistant.search.clause_ref import parse_clause_ref
    from corpus import load_notice

    raw = args.clause_id
    shown = raw if len(raw) <= 20 else raw[:20] + "…"
    shown = "".join(ch if ch.isprintable() else "?" for ch in shown)
    clause_id = parse_clause_ref(raw) if len(raw) <= 100 else None
    if clause_id is None:
        return _fail(
            f"找不到条款“{shown}”。请输入 1 到 13 的条款编号（如 5、第5条、第五条），"
            "或 preamble（通知开头）、final（通知结尾）；运行 `policy-assistant clauses` 查看全部条款。"
        )
    notice = load_notice()
    data = _clause_json(notice, notice.clause(clause_id))
    if args.json:
        _print_json(data)
        return 0
    print(f"{data['label']} {data['title']}")
    if data["section"]:
        print(f"所属部分：{data['section']}")
    print(f"有效期：{data['validity']['description']}")  # type: ignore[index]
    print(f"责任单位：{'、'.join(data['responsible_units'])}")  # type: ignore[arg-type]
    if data["evidence"]:
        print(f"兑现依据：{'；'.join(data['evidence'])}")  # type: ignore[arg-type]
    if data["references"]:
        print(f"引用文件：{'、'.join(data['references'])}")  # type: ignore[arg-type]
    print()
    print(data["text"])
    return 0


def _configure_clauses(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def _run_clauses(args: argparse.Namespace) -> int:
    from corpus import load_notice

    notice = load_notice()
    if args.json:
        _print_json([_clause_json(notice, c) for c in notice.clauses])
        return 0
    print(f"《{notice.metadata.title}》（{notice.metadata.number}）共 {len(notice.clauses)} 段：")
    for c in notice.clauses:
        print(f"{clause_label(c.id):<6}{c.title}  —— {'、'.join(c.responsible_units)}")
    return 0


COMMANDS = [
    Command("search", "按问题查找相关条款（如：电费有补贴吗）", _configure_search, _run_search, order=10),
    Command("clause", "显示一条条款全文（如：clause 第五条）", _configure_clause, _run_clause, order=11),
    Command("clauses", "列出全部条款及责任单位", _configure_clauses, _run_clauses, order=12),
]
