"""`policy-assistant batch`: check a list of enterprises from a CSV or XLSX file."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Literal

from assistant.commands import Command


def parse_as_of(text: str | None) -> date | Literal[False] | None:
    """The --as-of date (None: today); False after a Chinese message when it cannot be read.

    Shared by batch, report and train.
    """
    if not text:
        return None
    from calculators import InputError
    from calculators.fields import parse_date

    try:
        return parse_date(text, "--as-of 日期")
    except InputError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return False


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", nargs="?", metavar="输入文件", help="企业名单（.csv 或 .xlsx），每行一家企业")
    p.add_argument("-o", "--output", metavar="输出文件", help="结果文件（.csv 或 .xlsx）")
    p.add_argument(
        "--as-of", metavar="日期", help="按此日期判断措施是否在有效期内（默认今天），如 2024-03-15"
    )
    p.add_argument(
        "--jobs", type=int, metavar="进程数", help="并行测算的进程数（默认按文件大小自动选择；0 为单进程）"
    )
    p.add_argument("--template", metavar="模板文件", help="生成空白模板（含列名、中文列名和一行示例）后退出")
    p.add_argument("--force", action="store_true", help="与 --template 同用：模板文件已存在时覆盖它")
    p.add_argument(
        "--field-names",
        action="store_true",
        help="XLSX 结果也以字段名作表头（默认中文列名；CSV 总用字段名，供脚本读取）",
    )


def expired_note(measures: set[str], as_of: date) -> str:
    """Which measures were out of force on the day the list was checked, and how to check another day."""
    from corpus import load_notice

    notice = load_notice()
    by_period: dict[str, list[str]] = {}
    for m in sorted(measures, key=lambda m: (len(m), m)):
        by_period.setdefault(notice.validity(m).describe(), []).append(m)
    periods = "；".join(f"措施{'、'.join(ms)}（有效期{period}）" for period, ms in by_period.items())
    return (
        f"提示（有效期）：截至{as_of:%Y年%-m月%-d日}，以下措施已不在有效期内：{periods}。"
        "结果按原规则测算，供核对以往兑现和培训参考；如需按当时日期测算，可加 --as-of 2024-03-15。"
    )


def run(args: argparse.Namespace) -> int:
    from assistant.outreach.batch import run_batch
    from assistant.outreach.batch_layout import write_template
    from assistant.sheets.tabular import TabularError

    as_of = parse_as_of(args.as_of)
    if as_of is False:
        return 2
    try:
        if args.template:
            if args.input or args.output:
                sys.stderr.write(
                    "错误：--template 单独使用，例如 policy-assistant batch --template 模板.xlsx\n"
                )
                return 2
            template = Path(args.template).expanduser()
            if template.exists() and not args.force:
                # It may be a person's filled-in list of 2,000 enterprises: never replaced silently.
                sys.stderr.write(
                    f"错误：文件“{template}”已存在，未覆盖。请换一个文件名；确需覆盖时加 --force，"
                    f"例如 policy-assistant batch --template {args.template} --force\n"
                )
                return 2
            if template.exists() and not template.is_file():
                sys.stderr.write(f"错误：“{template}”不是普通文件（是文件夹或设备），请换一个文件名。\n")
                return 2
            write_template(template)
            sys.stderr.write(
                f"已生成模板：{args.template}（第1行列名，第2行中文列名，第3行为示例，使用前请删除示例行）\n"
            )
            return 0
        if not args.input or not args.output:
            sys.stderr.write(
                "错误：需要输入文件和 -o 输出文件，例如 policy-assistant batch 名单.xlsx -o 结果.xlsx；"
                "或用 --template 模板.xlsx 生成模板。\n"
            )
            return 2
        if Path(args.input).resolve() == Path(args.output).resolve():
            sys.stderr.write("错误：输出文件不能与输入文件相同，请另取一个文件名。\n")
            return 2
        if args.jobs is not None and not 0 <= args.jobs <= 32:
            sys.stderr.write("错误：--jobs 应在 0 到 32 之间，如 --jobs 2。\n")
            return 2
        summary = run_batch(
            Path(args.input), Path(args.output), as_of=as_of, jobs=args.jobs, field_names=args.field_names
        )
    except TabularError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return 2
    except OSError as exc:
        from assistant.fileio.failures import os_error_text

        where = exc.filename or (args.template or args.output)
        sys.stderr.write(f"错误：{os_error_text(exc, where)}\n")
        return 2
    for notice in summary.notices:
        sys.stderr.write(notice + "\n")
    if summary.unknown_columns:
        sys.stderr.write(
            f"提示：以下列未识别，已原样保留、不参与测算：{'、'.join(summary.unknown_columns)}\n"
        )
    if summary.example_rows:
        rows = "、".join(f"第{n}行" for n in summary.example_rows[:5])
        sys.stderr.write(
            f"注意：{rows}是模板的示例行（企业名称以“示例：”开头），已照常测算，统计前请删除。\n"
        )
    if summary.expired_measures:
        sys.stderr.write(expired_note(summary.expired_measures, as_of or date.today()) + "\n")
    people_xlsx = str(args.output).lower().endswith(".xlsx") and not args.field_names
    column = "“错误”列" if people_xlsx else " errors 列"  # XLSX for people is headed in Chinese
    sys.stderr.write(
        f"完成：共 {summary.rows:,} 行，其中 {summary.failed:,} 行有错误（见{column}）。"
        f"结果已写入 {args.output}\n"
    )
    return 1 if summary.failed else 0


COMMANDS = [
    Command("batch", "批量测算：读取企业名单（CSV/XLSX），逐家写出各措施结果", configure, run, order=40)
]
