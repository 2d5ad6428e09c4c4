"""Readable Chinese plain text for an estimate and a profile check (calc, the chat, batch notes)."""

from __future__ import annotations

from calculators.format import format_yuan
from calculators.models import Estimate, ProfileResult


def headline(est: Estimate) -> str:
    """One line: the outcome of a measure."""
    if est.award_yuan is None:
        if est.in_scope is None:
            return "本条不设奖补金额"
        scope = "符合本通知所述范围" if est.in_scope else "不在本通知所述范围内"
        return f"金额由其他文件规定；{scope}"
    if not est.eligible:
        return "不符合奖励条件，金额 0 元"
    who = "" if est.paid_to_enterprise else "（工作经费，发给乡（镇）、部门，不是发给企业）"
    return f"{'预计最高' if est.upper_bound else '预计'} {format_yuan(est.award_yuan)}{who}"


def describe_estimate(est: Estimate) -> str:
    lines = [f"第{est.measure}条 {est.title}"]
    if not est.in_force.in_force:
        lines.append(f"【注意】{est.in_force.message}")
    for a in est.assumptions:
        lines.append(f"【假设】{a}，则：")
    lines.append(f"结果：{headline(est)}")
    if est.unmet:
        lines.append("未满足的条件：")
        lines += [f"  - {u.condition}：{u.reason}" for u in est.unmet]
    if est.steps:
        lines.append("计算过程：")
        for i, s in enumerate(est.steps, 1):
            formula = f"（{s.formula}）" if s.formula and s.formula != "—" else ""
            lines.append(f"  {i}. {s.description}{formula} → {s.value}")
    if est.next_step:
        lines.append("提示：")
        lines += [f"  - {n}" for n in est.next_step]
    if est.evidence:
        lines.append("依据材料：" + "；".join(est.evidence))
    lines.append("责任单位：" + "、".join(est.responsible_units))
    if est.in_force.in_force:
        lines.append(f"有效期：{est.in_force.message}")
    if est.notes:
        lines.append("说明：")
        lines += [f"  - {n}" for n in est.notes]
    return "\n".join(lines)


def describe_profile(result: ProfileResult, labels: dict[str, str] | None = None) -> str:
    """The whole-profile check: one line per measure, what is still needed, then the total."""
    labels = labels or {}
    head = f"企业：{result.name}" if result.name else "企业体检"
    lines = [f"{head}（测算日期 {result.as_of:%Y-%m-%d}）"]
    if result.validity is not None:
        lines.append(f"有效期：{result.validity.text}")
    for a in result.assumptions:
        lines.append(f"【假设】{a}")
    rows: dict[int, str] = {}
    no_award = []
    for est in result.results:
        if est.award_yuan is None and est.in_scope is None:
            no_award.append(est.measure)
            continue
        flag = "" if est.in_force.in_force else "（已过有效期）"
        rows[int(est.measure)] = f"第{est.measure}条 {est.title}{flag}：{headline(est)}"
    for mid, names in result.missing.items():
        rows[int(mid)] = f"第{mid}条：尚需 " + "、".join(labels.get(n, n) for n in names)
    lines += [rows[k] for k in sorted(rows)]
    if no_award:
        lines.append(f"第{'、'.join(no_award)}条：服务保障与安全生产措施，不设奖补金额")
    beside = f"；{result.total_note}" if result.total_note else ""
    lines.append(
        f"企业可得奖补合计：{format_yuan(result.total_award_yuan)}（预估金额，以责任单位审核为准{beside}）"
    )
    if result.work_funds_yuan:
        lines.append(
            f"另：第9条工作经费 {format_yuan(result.work_funds_yuan)}，发给乡（镇）、部门，不计入企业合计。"
        )
    return "\n".join(lines)
