"""Printable reports of estimates: Markdown and self-contained HTML (A4, print styles).

One renderer serves the whole-profile check (`report` command), and the chat's export of
the estimates it produced (ctrl+e), so a printed page and an exported file say the same.
Every amount shown is the calculators' own (`Estimate.award_yuan`), formatted by
`calculators.format.format_yuan`; the clause text comes from the corpus.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from calculators import check_profile, get_measure
from calculators.base import closing_notes
from calculators.fields import FIELDS
from calculators.format import format_yuan
from calculators.models import Estimate
from corpus import load_notice

DISCLAIMER = "预估金额，以责任单位审核为准"
_SPEAKERS = {"user": "提问", "assistant": "助手"}


@dataclass
class Report:
    """What a report shows, whichever front end produced the estimates."""

    heading: str
    as_of: date
    estimates: list[Estimate]
    enterprise: str | None = None
    missing: dict[str, list[str]] = field(default_factory=dict)
    total_award_yuan: Decimal = Decimal(0)
    transcript: list[tuple[str, str]] | None = None


def profile_report(profile: Mapping[str, object], as_of: date | None = None) -> Report:
    """Run the whole-profile check (``calculators.check_profile``) and wrap it for rendering.

    ``profile`` is the check's input: calculator fields plus an optional ``name``.
    Raises ``calculators.InputError`` for a refused value, as the check does.
    """
    day = as_of or date.today()
    name = profile.get("name")
    fields = {k: v for k, v in profile.items() if k != "name"}
    result = check_profile(fields, as_of=day)
    return Report(
        heading="政策体检报告",
        as_of=day,
        estimates=list(result.results),
        enterprise=str(name) if name not in (None, "") else None,
        missing=dict(result.missing),
        total_award_yuan=result.total_award_yuan,
    )


def estimates_report(
    heading: str,
    estimates: Sequence[Estimate],
    as_of: date | None = None,
    transcript: Sequence[tuple[str, str]] | None = None,
    enterprise: str | None = None,
) -> Report:
    """Wrap the estimates a conversation produced. A measure computed twice (an answer was
    changed) appears once, with its latest result; the total counts the enterprise's own money
    only (``paid_to_enterprise``), as the profile check's total does."""
    latest: dict[str, Estimate] = {}
    for est in estimates:
        latest.pop(est.measure, None)
        latest[est.measure] = est
    ordered = sorted(latest.values(), key=lambda e: _measure_key(e.measure))
    total = sum(
        (e.award_yuan for e in ordered if e.eligible and e.award_yuan is not None and e.paid_to_enterprise),
        Decimal(0),
    )
    return Report(
        heading=heading,
        as_of=as_of or date.today(),
        estimates=ordered,
        enterprise=enterprise,
        total_award_yuan=total,
        transcript=list(transcript) if transcript else None,
    )


def render_estimates_markdown(
    title: str,
    estimates: Sequence[Estimate],
    as_of: date | None = None,
    transcript: Sequence[tuple[str, str]] | None = None,
) -> str:
    """The chat's Markdown export: ``transcript`` is (speaker, text), speaker "user"/"assistant"."""
    return render_markdown(estimates_report(title, estimates, as_of, transcript))


def _measure_key(measure: str) -> tuple[int, str]:
    return (int(measure), "") if measure.isdigit() else (99, measure)


def _date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def status_text(est: Estimate) -> str:
    """The measure's status in a few words, as the summary table shows it."""
    if est.eligible is None:
        if not get_measure(est.measure).fields:
            return "不涉及奖励金额"
        return {True: "属本条范围（金额另定）", False: "不在本条范围"}.get(est.in_scope, "金额另定")  # type: ignore[arg-type]
    if est.eligible:
        status = "有条件符合" if est.assumptions else "符合条件"
        # Not a plain green "符合条件" for money no longer paid: the status says so itself.
        return status if est.in_force.in_force else f"按原规则{status}（已过有效期）"
    return "暂不符合"


def amount_text(est: Estimate) -> str:
    if est.award_yuan is None:
        return "—"
    text = format_yuan(est.award_yuan)
    if est.eligible and est.upper_bound:
        text = "预计最高 " + text
    if not est.paid_to_enterprise:
        text += "（拨付乡镇或部门，不计入企业合计）"
    return text


def summary_rows(report: Report) -> list[tuple[str, str, str, str]]:
    """(measure, status, amount, css class) for every measure, computed or still missing, in order."""
    rows: list[tuple[tuple[int, str], tuple[str, str, str, str]]] = []
    for est in report.estimates:
        row = (_clause_heading(est), status_text(est), amount_text(est), _status_class(est))
        rows.append((_measure_key(est.measure), row))
    for measure, fields in report.missing.items():
        labels = "、".join(_field_label(f) for f in fields)
        title = get_measure(measure).title
        rows.append(
            (_measure_key(measure), (f"第{measure}条 {title}", "尚缺信息", f"需补充：{labels}", "status-na"))
        )
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def _status_class(est: Estimate) -> str:
    if est.eligible is None:
        return "status-na"
    if est.eligible and not est.in_force.in_force:
        return "status-expired"
    return "status-ok" if est.eligible else "status-no"


def has_award(est: Estimate) -> bool:
    """Measures shown in full: an award, or (6 and 8) in scope with the amount set elsewhere."""
    return bool(est.eligible) or (est.eligible is None and est.in_scope is True)


def _day_list(measures: list[str]) -> str:
    return "、".join(sorted(dict.fromkeys(measures), key=_measure_key))


def validity_summary(report: Report) -> str:
    """As of the report's date: which of its measures are in force and which have expired."""
    notice = load_notice()
    shown = [e.measure for e in report.estimates if e.measure.isdigit()]
    shown += [m for m in report.missing if m.isdigit()]
    live = [m for m in shown if notice.validity(m).covers(report.as_of)]
    by_period: dict[str, list[str]] = {}
    for m in shown:
        if m not in live:
            by_period.setdefault(notice.validity(m).describe(), []).append(m)
    parts = [f"截至{_date(report.as_of)}，"]
    parts.append(f"有效期内的措施：第{_day_list(live)}条" if live else "本报告所列措施均已过有效期")
    if by_period:
        expired = "；".join(f"第{_day_list(ms)}条（有效期{period}）" for period, ms in by_period.items())
        parts.append(f"；已过有效期的措施：{expired}，按原规则测算，仅供核对以往兑现和培训参考")
    return "".join(parts) + "。"


def total_caveat(report: Report) -> str:
    """Beside the total: built on expired measures, or on a "最高" amount (an upper bound) —
    the sentence check and 体检 show (calculators.validity), dated by the report."""
    from calculators.validity import total_note

    counted = [e for e in report.estimates if e.eligible and e.award_yuan and e.paid_to_enterprise]
    note = total_note(counted)[2]
    return f"（截至{_date(report.as_of)}，{note}）" if note else ""


def no_award_rows(report: Report) -> list[tuple[str, str, str, str]]:
    """(measure, status, why, validity) for the measures without an award: one compact table."""
    rows = []
    for est in report.estimates:
        if has_award(est):
            continue
        why = [f"{u.condition}：{u.reason}" if u.reason else u.condition for u in est.unmet]
        if est.in_force.in_force:
            why += list(est.next_step)  # advice only where the measure can still be claimed
        if not why and est.eligible is None and not get_measure(est.measure).fields:
            why = ["本条为工作要求，不设企业奖励"]
        state = "有效期内" if est.in_force.in_force else "已过有效期"
        rows.append((_clause_heading(est), status_text(est), "；".join(why) or "—", state))
    return rows


def _field_label(name: str) -> str:
    spec = FIELDS.get(name)
    return spec.label if spec else name


def _clause_heading(est: Estimate) -> str:
    return f"第{est.measure}条 {est.title}" if est.measure.isdigit() else est.title


# ---------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    """Text in a Markdown table cell or line: no pipes breaking cells, no stray emphasis."""
    text = " ".join(str(text).split())
    for ch in "\\|*_<>[]`":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(report: Report) -> str:
    notice = load_notice()
    meta = notice.metadata
    out: list[str] = [f"# {_md(report.heading)}", ""]
    out.append(f"- 文件：《{meta.title}》（{meta.number}）")
    if report.enterprise:
        out.append(f"- 企业：{_md(report.enterprise)}")
    out.append(f"- 测算日期：{_date(report.as_of)}")
    out += ["", f"> {DISCLAIMER}。", "", "## 汇总", "", "| 措施 | 状态 | 预估金额 |", "|---|---|---|"]
    for heading, status, amount, _ in summary_rows(report):
        out.append(f"| {_md(heading)} | {_md(status)} | {_md(amount)} |")
    total = f"企业可得合计（不含第9条工作经费）：{format_yuan(report.total_award_yuan)}{total_caveat(report)}"
    out += ["", f"**{_md(total)}**", "", f"> {_md(validity_summary(report))}", ""]
    for est in report.estimates:
        if has_award(est):
            out += _markdown_measure(est, notice)
    rows = no_award_rows(report)
    if rows:
        out += ["## 未获奖励的措施", "", "| 措施 | 状态 | 原因 | 有效期 |", "|---|---|---|---|"]
        out += [f"| {' | '.join(_md(c) for c in row)} |" for row in rows]
        out.append("")
    if report.transcript:
        out += ["## 对话记录", ""]
        for speaker, text in report.transcript:
            who = _SPEAKERS.get(speaker, speaker)
            # Kept as written (line breaks, spacing), only raw HTML defused.
            lines = str(text).replace("<", "\\<").splitlines()
            body = "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
            out += [f"**{_md(who)}**：", "", body, ""]
    quote, disclaimer = closing_quote()[:-1], closing_quote()[-1]
    out += ["---", "", "**适用于以上各条（通知原文）：**", "", *[f"> {_md(n)}" for n in quote], ""]
    out += [f"{_md(disclaimer)}", ""]
    return "\n".join(out)


def _markdown_measure(est: Estimate, notice: object) -> list[str]:
    out = [f"## {_md(_clause_heading(est))}", ""]
    if not est.in_force.in_force:
        out += [f"> **{_md(est.in_force.message)}**", ""]
    out.append(f"- 状态：{status_text(est)}")
    out.append(f"- 预估金额：{_md(amount_text(est))}")
    out.append(f"- 有效期：{_md(est.in_force.period)}")
    out.append("")
    if est.steps:
        out += ["### 计算过程", "", "| 步骤 | 算式 | 结果 | 依据 |", "|---|---|---|---|"]
        for s in est.steps:
            out.append(f"| {_md(s.description)} | {_md(s.formula)} | {_md(s.value)} | 第{_md(s.clause)}条 |")
        out.append("")
    for title, items in _lists(est):
        out += [f"### {title}", "", *[f"- {_md(i)}" for i in items], ""]
    clause = _clause_or_none(notice, est.measure)
    if clause is not None:
        out += ["### 条款原文", "", *[f"> {line}" for line in clause.text.splitlines()], ""]
    return out


def _lists(est: Estimate) -> list[tuple[str, list[str]]]:
    """The measure's lists that are not empty, in reading order."""
    clause = _clause_or_none(load_notice(), est.measure)
    evidence = est.evidence or (clause.evidence if clause else [])
    units = est.responsible_units or (clause.responsible_units if clause else [])
    unmet = [f"{u.condition}：{u.reason}" if u.reason else u.condition for u in est.unmet]
    pairs = [
        ("未满足的条件", unmet),
        ("假设", list(est.assumptions)),
        ("下一步", list(est.next_step) if est.in_force.in_force else []),  # no advice once expired
        ("说明", [n for n in est.notes if n not in _closing()]),
        ("责任单位", ["、".join(units)] if units else []),
        ("需准备的佐证材料", list(evidence)),
    ]
    return [(t, items) for t, items in pairs if items]


def _closing() -> list[str]:
    """The closing provisions every estimate repeats (left out of each measure's notes)."""
    return closing_notes()


def closing_quote() -> list[str]:
    """What the report prints once, at the end: the notice's closing provisions verbatim, one
    sentence a line (no word of ours inside the quotation), then the estimate disclaimer."""
    text = load_notice().clause("final").text
    sentences = [part + "。" for part in text.split("。") if part.strip()]
    return [*sentences, f"{DISCLAIMER}。"]


def _clause_or_none(notice: object, clause_id: str) -> object | None:
    try:
        return notice.clause(clause_id)  # type: ignore[attr-defined]
    except KeyError:
        return None
