"""`policy-assistant report`: a printable report (HTML for A4, or Markdown) of a whole-profile check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.commands import Command
from assistant.commands.batch_cmd import parse_as_of


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--input", required=True, metavar="企业资料.json", help="企业资料（JSON 对象：name 及测算字段）"
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="报告文件", help="报告文件：.html（可打印 A4）或 .md"
    )
    p.add_argument(
        "--as-of", metavar="日期", help="按此日期判断措施是否在有效期内（默认今天），如 2024-03-15"
    )


def _load_profile(path: Path) -> dict[str, object] | str:
    """The profile, or a Chinese message saying what is wrong with the file (read bounded)."""
    from assistant.fileio.json_input import JsonInputError, parse_object, read_file

    try:
        return parse_object(read_file(path))
    except JsonInputError as exc:
        return f"企业资料文件“{path.name}”：{exc.message}"


def run(args: argparse.Namespace) -> int:
    from assistant.fileio.atomic import OutputError, atomic_write_text
    from assistant.outreach.report import profile_report, render_markdown
    from assistant.outreach.report_html import render_html
    from calculators import InputError

    as_of = parse_as_of(args.as_of)
    if as_of is False:
        return 2
    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".md"):
        sys.stderr.write("错误：报告文件的扩展名应为 .html（可打印的网页）或 .md（Markdown）。\n")
        return 2
    source = Path(args.input)
    if source.expanduser().resolve() == output.expanduser().resolve():
        sys.stderr.write("错误：报告文件不能与 --input 企业资料文件相同（会覆盖资料），请另取一个文件名。\n")
        return 2
    profile = _load_profile(source)
    if isinstance(profile, str):
        sys.stderr.write(f"错误：{profile}\n")
        return 2
    try:
        report = profile_report(profile, as_of)
    except InputError as exc:
        where = f"（字段 {exc.field}）" if exc.field else ""
        sys.stderr.write(f"错误{where}：{exc.message}\n")
        return 2
    except Exception as exc:  # what hostile figures break below the parsers
        from assistant.fileio.failures import explain

        message = explain(exc)
        if message is None:
            raise
        sys.stderr.write(f"错误：{message}\n")
        return 2
    text = render_markdown(report) if suffix == ".md" else render_html(report)
    try:
        atomic_write_text(output, text)
    except OutputError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return 2
    except OSError as exc:
        from assistant.fileio.failures import os_error_text

        sys.stderr.write(f"错误：无法写入报告。{os_error_text(exc, output)}\n")
        return 2
    sys.stderr.write(f"已生成报告：{output}\n")
    return 0


COMMANDS = [
    Command("report", "生成可打印的政策体检报告（HTML 适合 A4 打印，或 Markdown）", configure, run, order=45)
]
