"""Plain-text rendering of a Reply (line mode, transcripts, export). No textual here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from assistant.dialog.reply import ClauseView, FieldPrompt, ProfileTable, Reply
from calculators.fields import FIELDS
from calculators.format import format_yuan
from calculators.models import Estimate, Step

DISCLAIMER = "预估金额，以责任单位审核为准。"
VALIDITY_NOTE = "有效期："  # how the closing provision on validity starts among an estimate's notes


def format_value(name: str, value: object) -> str:
    """A field's value as people read it: "8,000,000 元", "是", "2024年2月5日", "新建投产入规"."""
    spec = FIELDS.get(name)
    if value is None:
        return "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    if spec is not None and spec.kind == "enum":
        words = spec.choices.get(str(value))
        return words[0] if words else str(value)
    if isinstance(value, Decimal | int):
        number = f"{value:,f}"
        if "." in number:
            number = number.rstrip("0").rstrip(".")
        unit = spec.unit if spec else ""
        return f"{number} {unit}".strip()
    return str(value)


def prompt_text(q: FieldPrompt) -> str:
    hint = []
    if q.kind == "bool":
        hint.append("请答“是”或“否”")
    elif q.choices:
        hint.append("可选：" + "、".join(q.choices))
    if q.unit:
        hint.append(f"单位：{q.unit}")
    if q.example:
        hint.append(f"例如：{q.example}")
    if q.can_assume:
        hint.append("不清楚可答“不知道”")
    return f"{q.question}（{'；'.join(hint)}）"


def clause_text(view: ClauseView, warned: bool = False) -> str:
    """The clause; ``warned``: the answer already said the clause is out of force (say it once)."""
    lines = []
    if not view.in_force and not warned:
        lines.append(f"【已失效】{view.in_force_message}")
    lines.append(view.heading)
    lines.append(view.text)
    if view.responsible_units:
        lines.append("责任单位：" + "、".join(view.responsible_units))
    if view.evidence:
        lines.append("依据材料：" + "；".join(view.evidence))
    lines.append(f"有效期：{view.validity}")
    return "\n".join(lines)


def step_text(step: Step) -> str:
    formula = step.formula.strip()
    if not formula or formula == "—":
        return f"{step.description}：{step.value}"
    return f"{step.description}：{formula} = {step.value}"


def headline(est: Estimate, conditions: list[str]) -> str:
    """The one-line answer: the amount (or why none), conditional where assumptions were made."""
    if est.award_yuan is None:
        text = f"第{est.measure}条《{est.title}》的金额由其他文件规定，本通知未给出标准。"
    elif est.eligible:
        label = "预计最高可获" if est.upper_bound else "预计可获"
        receiver = "" if est.paid_to_enterprise else "（该款项拨付乡镇或部门，不直接发给企业）"
        text = f"第{est.measure}条《{est.title}》：{label} {format_yuan(est.award_yuan)}{receiver}。"
    else:
        reasons = "；".join(f"{u.condition}——{u.reason}" for u in est.unmet) or "未达到奖励标准"
        text = f"第{est.measure}条《{est.title}》：按所给信息不符合奖励条件（{reasons}）。"
    if conditions:
        text = "，".join(conditions) + "，则" + text
    return text


def estimate_text(est: Estimate, conditions: list[str], validity_said: bool = False) -> str:
    """The estimate; ``validity_said``: the same answer already shows the clause's validity (its
    warning and the closing provision), so neither is repeated."""
    lines = []
    if not est.in_force.in_force and not validity_said:
        lines.append(f"【注意】{est.in_force.message}")
    lines.append(headline(est, conditions))
    if est.steps:
        lines.append("计算过程：")
        lines += [f"  {i}. {step_text(s)}（第{s.clause}条）" for i, s in enumerate(est.steps, 1)]
    if est.next_step:
        lines.append("提示：" + "；".join(est.next_step))
    if est.assumptions:
        lines.append("按以下理解计算：" + "；".join(est.assumptions))
    if est.responsible_units:
        lines.append("责任单位：" + "、".join(est.responsible_units))
    if est.evidence:
        lines.append("需准备：" + "；".join(est.evidence))
    lines += [
        f"说明：{n}"
        for n in est.notes
        if DISCLAIMER.rstrip("。") not in n and not (validity_said and n.startswith(VALIDITY_NOTE))
    ]
    if est.award_yuan is not None:
        lines.append(DISCLAIMER)
    return "\n".join(lines)


def table_text(table: ProfileTable) -> str:
    lines = ["体检结果：", "条款 | 措施 | 结论 | 金额"]
    for row in table.rows:
        amount = "—" if row.award_yuan is None else format_yuan(row.award_yuan)
        if row.award_yuan is not None and row.upper_bound and row.award_yuan > 0:
            amount = "最高 " + amount
        if not row.paid_to_enterprise and row.award_yuan:
            amount += "（拨付乡镇/部门）"
        lines.append(f"第{row.measure}条 | {row.title} | {row.status} | {amount}")
    lines.append(
        f"合计（企业可得，不含第9条工作经费）：{format_yuan(table.total_award_yuan)}{table.total_note}"
    )
    if table.work_funds_yuan:
        lines.append(f"第9条工作经费（拨付乡镇/部门）：{format_yuan(table.work_funds_yuan)}")
    lines += table.notes
    lines.append(DISCLAIMER)
    return "\n".join(lines)


def render_plain(reply: Reply, show_clause: bool = True) -> str:
    """The reply as text for a terminal line, a pipe or a screen reader, in reading order."""
    parts: list[str] = list(reply.messages)
    if len(reply.offered) > 1:  # one clause found: the line "已打开…" says it all
        offers = "\n".join(
            f"  {o.number}. 第{o.id}条 {o.title}" if o.id.isdigit() else f"  {o.number}. {o.title}"
            for o in reply.offered
        )
        parts.append("相关条款：\n" + offers + "\n（输入序号可查看其他条款）")
    # The clause's validity warning once per answer: a message may already carry it.
    view = reply.clause
    warned = view is not None and not view.in_force and any(view.in_force_message in m for m in parts)
    shown = view is not None and show_clause
    if view is not None and show_clause:
        parts.append(clause_text(view, warned))
    if reply.estimate is not None:
        same = view is not None and view.id == reply.estimate.measure and (warned or shown)
        parts.append(estimate_text(reply.estimate, reply.conditions, validity_said=same))
    if reply.table is not None:
        parts.append(table_text(reply.table))
    if reply.question is not None:
        parts.append("请问：" + prompt_text(reply.question))
    return "\n\n".join(p for p in parts if p)
