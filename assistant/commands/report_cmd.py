"""`policy-assistant report`: a printable report (HTML for A4, or Markdown) of a whole-profile check."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.cli import Command
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


_EXAMPLE = '{"name": "某公司", "sales_increase_yuan": "800万"}'


def _load_profile(path: Path) -> dict[str, object] | str:
    """The profile, or a Chinese message saying what is wrong with the file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return f"找不到企业资料文件“{path}”，请检查路径。"
    except UnicodeDecodeError:
        return f"企业资料文件“{path.name}”不是 UTF-8 文本，请另存为 UTF-8 编码的 JSON。"
    except OSError as exc:
        return f"无法读取企业资料文件“{path}”：{exc.strerror or exc}"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"企业资料文件不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）：应为如 {_EXAMPLE} 的对象。"
    if not isinstance(data, dict):
        return f"企业资料应为 JSON 对象（{{…}}），如 {_EXAMPLE}。"
    return data


def run(args: argparse.Namespace) -> int:
    from assistant.files import OutputError, atomic_write_text
    from assistant.report import profile_report, render_html, render_markdown
    from calculators import InputError

    as_of = parse_as_of(args.as_of)
    if as_of is False:
        return 2
    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".md"):
        sys.stderr.write("错误：报告文件的扩展名应为 .html（可打印的网页）或 .md（Markdown）。\n")
        return 2
    profile = _load_profile(Path(args.input))
    if isinstance(profile, str):
        sys.stderr.write(f"错误：{profile}\n")
        return 2
    try:
        report = profile_report(profile, as_of)
    except InputError as exc:
        where = f"（字段 {exc.field}）" if exc.field else ""
        sys.stderr.write(f"错误{where}：{exc.message}\n")
        return 2
    text = render_markdown(report) if suffix == ".md" else render_html(report)
    try:
        atomic_write_text(output, text)
    except OutputError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"错误：无法写入报告“{output}”：{exc.strerror or exc}\n")
        return 2
    sys.stderr.write(f"已生成报告：{output}\n")
    return 0


COMMANDS = [
    Command("report", "生成可打印的政策体检报告（HTML 适合 A4 打印，或 Markdown）", configure, run, order=45)
]
