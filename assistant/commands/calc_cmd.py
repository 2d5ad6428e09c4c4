"""``calc`` (one measure from a JSON object) and ``check`` (a whole enterprise profile).

Light on purpose: this module is imported for every ``policy-assistant`` run, and ``calc``
must start fast, so it never imports jieba or textual; calculators load inside ``run``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from assistant.commands import Command

_REF = re.compile(r"^(?:第|措施)?\s*([0-9零一二两三四五六七八九十]+)\s*(?:条|号措施|号)?(?:措施)?$")


def parse_measure(text: str) -> str | None:
    """ "1", "第1条", "第十三条", "措施5" → "1".."13"; None when it names no measure."""
    from corpus.text import normalise_input

    m = _REF.match(normalise_input(text))
    if not m:
        return None
    from calculators.numbers import parse_number

    value = parse_number(m.group(1))
    if value is None or value != value.to_integral_value() or not 1 <= value <= 13:
        return None
    return str(int(value))


def _as_of(text: str) -> date:
    from calculators.fields import parse_date

    try:
        return parse_date(text, "测算日期")
    except Exception as exc:  # InputError: shown by argparse as a Chinese error
        raise argparse.ArgumentTypeError(getattr(exc, "message", str(exc))) from None


def _configure_common(p: argparse.ArgumentParser, input_help: str) -> None:
    p.add_argument("--input", metavar="文件", help=input_help)
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果（金额为十进制字符串）")
    p.add_argument(
        "--as-of",
        metavar="日期",
        type=_as_of,
        default=None,
        help="按此日期判断措施是否在有效期内（默认今天），如 2024-03-15",
    )


def _configure_calc(p: argparse.ArgumentParser) -> None:
    p.add_argument("measure", nargs="?", metavar="条款", help="措施编号，如 1 或 第1条（1–13）")
    _configure_common(p, "从此 JSON 文件读取输入（默认读标准输入）")
    p.add_argument(
        "--schema", action="store_true", help="打印本条输入的 JSON Schema 并退出；不写条款时列出全部字段"
    )


def _configure_check(p: argparse.ArgumentParser) -> None:
    _configure_common(p, "企业信息 JSON 文件（任意字段组合，可含 name；默认读标准输入）")


def _refuse(message: str, field: str | None, as_json: bool) -> int:
    if as_json:
        print(json.dumps({"error": message, "field": field}, ensure_ascii=False))
    else:
        sys.stderr.write(f"错误：{message}\n")
    return 2


def _read_object(path: str | None) -> dict[str, Any]:
    """The input JSON object (bounded read); ValueError carries a Chinese message."""
    from assistant.fileio.json_input import parse_object, read_file, read_stdin

    if path:
        text = read_file(Path(path))
    else:
        if sys.stdin is None or sys.stdin.isatty():
            raise ValueError("没有输入：请用 --input 文件 指定 JSON 文件，或从标准输入传入 JSON 对象")
        text = read_stdin()
    return parse_object(text)


def _evaluate_safely(compute: Any, as_json: bool) -> Any:
    """``compute()``, or the exit status 2 after a Chinese message when hostile figures break it below
    the parsers (decimal overflow, Python's digit limit): an int return means it was refused."""
    from assistant.fileio.failures import explain
    from calculators import InputError

    try:
        return compute()
    except InputError as exc:
        return _refuse(exc.message, exc.field, as_json)
    except Exception as exc:
        message = explain(exc)
        if message is None:
            raise
        return _refuse(message, None, as_json)


def all_fields_schema() -> dict[str, Any]:
    """One JSON Schema over every measure's fields (what `check` and `report` accept), each
    field saying which measures use it."""
    from calculators import MEASURE_IDS, get_measure

    properties: dict[str, Any] = {
        "name": {"type": "string", "title": "企业名称", "description": "企业名称（可选）"}
    }
    defs: dict[str, Any] = {}
    used: dict[str, list[str]] = {}
    for m in MEASURE_IDS:
        schema = get_measure(m).input_model.model_json_schema()
        defs.update(schema.get("$defs", {}))
        for name, prop in schema.get("properties", {}).items():
            properties.setdefault(name, prop)
            used.setdefault(name, []).append(m)
    for name, measures in used.items():
        prop = dict(properties[name])
        prop["description"] = f"{prop.get('description', '')}（用于第{'、'.join(measures)}条）"
        properties[name] = prop
    out: dict[str, Any] = {
        "title": "全部测算字段",
        "description": "calc 按条款只取本条字段；check 与 report 接受任意组合。值可为数字或文字："
        "金额如 800万、1.2亿；是/否；日期如 2024-03-15。",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if defs:
        out["$defs"] = defs
    return out


def run_calc(args: argparse.Namespace) -> int:
    if args.measure is None:
        if args.schema:
            print(json.dumps(all_fields_schema(), ensure_ascii=False, indent=2))
            return 0
        return _refuse(
            "缺少条款编号：请写如 policy-assistant calc 1（1 到 13）；列出全部字段用 calc --schema",
            None,
            args.json,
        )
    measure = parse_measure(args.measure)
    if measure is None:
        return _refuse(
            f"没有“{args.measure}”这条措施：请输入 1 到 13 之间的编号，如 1 或 第1条", None, args.json
        )
    from calculators import evaluate, get_measure

    if args.schema:
        schema = get_measure(measure).input_model.model_json_schema()
        print(json.dumps(schema, ensure_ascii=False, indent=2))
        return 0
    try:
        data = _read_object(args.input)
    except ValueError as exc:
        return _refuse(str(exc), None, args.json)
    est = _evaluate_safely(lambda: evaluate(measure, data, args.as_of, strict=True), args.json)
    if isinstance(est, int):
        return est
    if args.json:
        print(est.model_dump_json(indent=2))
    else:
        from calculators.explain import describe_estimate

        print(describe_estimate(est))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from calculators import check_profile
    from calculators.fields import FIELDS

    try:
        data = _read_object(args.input)
    except ValueError as exc:
        return _refuse(str(exc), None, args.json)
    result = _evaluate_safely(lambda: check_profile(data, args.as_of), args.json)
    if isinstance(result, int):
        return result
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        from calculators.explain import describe_profile

        print(describe_profile(result, {n: s.label for n, s in FIELDS.items()}))
    return 0


COMMANDS = [
    Command("calc", "按条款测算奖补金额（输入为 JSON 对象）", _configure_calc, run_calc, order=20),
    Command("check", "企业体检：按企业信息测算所有可测算的条款并合计", _configure_check, run_check, order=21),
]
