"""Batch files' shape: which column is which field, the output's columns, and the template.

Headers may be the calculators' field names or their Chinese labels (``FieldSpec.label``),
plus ``name``/企业名称; the template carries both (row 1 names, row 2 labels) and batch reads
it back as it is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.sheets.tabular import TabularError, atomic_path, write_rows
from calculators import MEASURE_IDS, InputError, check_profile, get_measure
from calculators.fields import FIELDS

NAME = "name"
NAME_LABEL = "企业名称"
# The template's example row begins so; batch computes it but flags it, lest it be counted.
EXAMPLE_PREFIX = "示例："
_NAME_ALIASES = ("name", "企业名称", "企业", "名称", "单位名称", "企业全称")
RESULT_LABELS = {"eligible": "是否符合", "award_yuan": "预估金额（元）"}
TAIL_COLUMNS = ("total_award_yuan", "total_note", "notes", "errors")
TAIL_LABELS = ("企业合计（元，不含措施9）", "合计说明", "说明", "错误")


def _key(text: str) -> str:
    """A header cell as compared: NFKC, no spaces, lower case, a trailing "（元）"-style unit dropped."""
    s = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    if s.endswith(")") and "(" in s:
        s = s[: s.rindex("(")]
    return s


def _aliases() -> dict[str, str]:
    table = {_key(a): NAME for a in _NAME_ALIASES}
    for spec in FIELDS.values():
        table[_key(spec.name)] = spec.name
        table[_key(spec.label)] = spec.name
    return table


def batch_measures() -> list[str]:
    """Measures that take inputs, in order: each gets its two result columns."""
    return [m for m in MEASURE_IDS if get_measure(m).fields]


def template_fields() -> list[str]:
    """Calculator fields in interview order, measure by measure, each once."""
    seen: dict[str, None] = {}
    for m in batch_measures():
        for f in get_measure(m).fields:
            seen.setdefault(f, None)
    return list(seen)


@dataclass
class Layout:
    """How the input's columns map onto the check: column index → field name (or ``name``)."""

    header: list[str]
    columns: dict[int, str]
    unknown: list[str] = field(default_factory=list)


def resolve_header(header: Sequence[str]) -> Layout:
    """Map the header row; refuse a file the check cannot read (no name column, no field column)."""
    table = _aliases()
    columns: dict[int, str] = {}
    unknown: list[str] = []
    seen: dict[str, str] = {}
    for i, cell in enumerate(header):
        if not cell:
            continue
        target = table.get(_key(cell))
        if target is None:
            unknown.append(cell)
            continue
        if target in seen:
            raise TabularError(f"列“{seen[target]}”和“{cell}”是同一项（{target}），请删去其中一列。")
        seen[target] = cell
        columns[i] = target
    if NAME not in seen:
        raise TabularError(
            "找不到企业名称列：第一行（表头）须有一列名为“name”或“企业名称”。"
            "可用 `policy-assistant batch --template 模板.xlsx` 生成模板。"
        )
    if len(seen) == 1:
        raise TabularError(
            "表头中没有可识别的测算字段列（如“sales_increase_yuan”或“一季度销售额同比增长额”）。"
            "可用 `policy-assistant batch --template 模板.xlsx` 生成模板。"
        )
    return Layout(list(header), columns, unknown)


def is_label_row(row: Sequence[str], layout: Layout) -> bool:
    """The template's second header row: every mapped cell is a header name of its own column."""
    table = _aliases()
    mapped = [(i, f) for i, f in layout.columns.items() if i < len(row) and row[i]]
    return bool(mapped) and all(table.get(_key(row[i])) == f for i, f in mapped)


def output_header(layout: Layout, measures: Sequence[str]) -> list[str]:
    cols = [f"m{m}_{kind}" for m in measures for kind in RESULT_LABELS]
    return [*layout.header, *cols, *TAIL_COLUMNS]


def output_labels(layout: Layout, measures: Sequence[str]) -> list[str]:
    labels = {i: (NAME_LABEL if f == NAME else FIELDS[f].label) for i, f in layout.columns.items()}
    head = [labels.get(i, cell) for i, cell in enumerate(layout.header)]
    cols = [f"措施{m}{label}" for m in measures for label in RESULT_LABELS.values()]
    return [*head, *cols, *TAIL_LABELS]


def write_template(path: Path) -> None:
    """An empty batch file: row 1 field names, row 2 Chinese labels, row 3 a filled example.

    Batch reads it back as it is: the label row is recognised and skipped, the example row is
    computed (it shows what the results look like) and flagged in its notes and on stderr.
    """
    fields = template_fields()
    names = [NAME, *fields]
    labels = [NAME_LABEL, *(FIELDS[f].label for f in fields)]
    example = [f"{EXAMPLE_PREFIX}某某机械有限公司（使用前请删除本行）", *_consistent_example(fields)]
    if path.suffix.lower() == ".xlsx":
        _write_xlsx_template(path, names, labels, example)
        return
    with write_rows(path) as out:
        for row in (names, labels, example):
            out.write(row)


def _consistent_example(fields: list[str]) -> list[str]:
    """The fields' own examples, less any the check refuses together (e.g. an increase that is
    not the difference of the two quarters' sales): the example row must compute cleanly."""
    values = {f: FIELDS[f].example for f in fields}
    for _ in range(len(fields)):
        try:
            check_profile(values)
            break
        except InputError as exc:
            if exc.field not in values:
                raise
            values[exc.field] = ""
            values = {k: v for k, v in values.items() if v != ""}
    return [values.get(f, "") for f in fields]


def _write_xlsx_template(path: Path, names: list[str], labels: list[str], example: list[str]) -> None:
    from assistant.sheets.xlsx_book import SheetLayout, write_book

    names_sheet = SheetLayout(
        title="企业名单",
        rows=[names, labels, example],
        bold_rows=2,
        text_rows=frozenset({3}),  # text: 800万 and 2024-02-05 stay as typed
        widths=[max(12, min(40, 2 * len(label) + 2)) for label in labels],
        freeze="B3",  # both header rows and the name column stay in view
    )
    help_rows = [["列名", "中文名", "填写说明", "示例"], [NAME, NAME_LABEL, "企业名称（必填列）", ""]]
    help_rows += [[f, FIELDS[f].label, FIELDS[f].question, FIELDS[f].example] for f in template_fields()]
    help_sheet = SheetLayout(title="填写说明", rows=help_rows, widths=[30, 28, 70])
    with atomic_path(path) as tmp:
        write_book(tmp, [names_sheet, help_sheet])
