"""Printable reports of estimates: Markdown and self-contained HTML (A4, print styles).

One renderer serves the whole-profile check (`report` command), and the chat's export of
the estimates it produced (ctrl+e), so a printed page and an exported file say the same.
Every amount shown is the calculators' own (`Estimate.award_yuan`), formatted by
`calculators.format.format_yuan`; the clause text comes from the corpus.
"""

from __future__ import annotations

import html
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
        return "有条件符合" if est.assumptions else "符合条件"
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
    return "status-ok" if est.eligible else "status-no"


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
    out += ["", f"**企业可得合计（不含第9条工作经费）：{format_yuan(report.total_award_yuan)}**", ""]
    for est in report.estimates:
        out += _markdown_measure(est, notice)
    if report.transcript:
        out += ["## 对话记录", ""]
        for speaker, text in report.transcript:
            who = _SPEAKERS.get(speaker, speaker)
            # Kept as written (line breaks, spacing), only raw HTML defused.
            lines = str(text).replace("<", "\\<").splitlines()
            body = "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
            out += [f"**{_md(who)}**：", "", body, ""]
    out += ["---", "", "**适用于以上各条：**", "", *[f"- {_md(n)}" for n in _closing()], ""]
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
        ("下一步", list(est.next_step)),
        ("说明", [n for n in est.notes if n not in _closing()]),
        ("责任单位", ["、".join(units)] if units else []),
        ("需准备的佐证材料", list(evidence)),
    ]
    return [(t, items) for t, items in pairs if items]


def _closing() -> list[str]:
    """The closing provisions every estimate repeats: the report prints them once, at the end."""
    return closing_notes()


def _clause_or_none(notice: object, clause_id: str) -> object | None:
    try:
        return notice.clause(clause_id)  # type: ignore[attr-defined]
    except KeyError:
        return None


# ---------------------------------------------------------------- HTML

_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
  "SimSun", sans-serif; color: #1a1a1a; font-size: 10.5pt; line-height: 1.6; margin: 0 auto;
  max-width: 190mm; padding: 12mm 8mm; background: #fff; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 18pt 0 6pt; padding: 3pt 0 3pt 8pt; border-left: 4pt solid #8b1a1a;
  background: #f6f1f0; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 10pt 0 3pt; color: #5a1010; break-after: avoid; page-break-after: avoid; }
.meta { margin: 0 0 8pt; color: #333; }
.meta div { margin: 1pt 0; }
.disclaimer { border: 1pt solid #b8860b; background: #fff8e1; padding: 5pt 8pt; margin: 8pt 0;
  font-weight: bold; }
.expired { border-left: 3pt solid #b00020; background: #fdecee; padding: 4pt 8pt; margin: 4pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 9.5pt; }
th, td { border: 0.75pt solid #999; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.ref { white-space: nowrap; }
table.summary td:first-child { width: 36%; }
table.summary td:nth-child(2) { width: 20%; }
table.steps td:first-child { width: 30%; }
table.steps td:nth-child(3) { width: 20%; }
tr { break-inside: avoid; page-break-inside: avoid; }
.status-ok { color: #0a6b2b; font-weight: bold; }
.status-no { color: #8a1c1c; }
.status-na { color: #555; }
.total { font-size: 12pt; font-weight: bold; border-top: 1.5pt solid #333; padding-top: 5pt; }
.amount { font-size: 12pt; font-weight: bold; }
blockquote.clause { margin: 4pt 0; padding: 5pt 9pt; background: #fafafa; border-left: 3pt solid #aaa;
  white-space: pre-wrap; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; }
ul { margin: 2pt 0 6pt; padding-left: 18pt; }
section.measure { border-top: 0.75pt solid #ccc; }
.transcript p { margin: 3pt 0; white-space: pre-wrap; }
.transcript .who { font-weight: bold; }
footer { margin-top: 16pt; font-size: 9pt; color: #444; border-top: 0.75pt solid #999; padding-top: 5pt; }
@media print {
  body { padding: 0; max-width: none; }
  h2 { background: none; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(report: Report) -> str:
    notice = load_notice()
    meta = notice.metadata
    title = f"{report.heading}：{report.enterprise}" if report.enterprise else report.heading
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(report.heading)}</h1>",
        '<div class="meta">',
        f"<div>文件：《{_e(meta.title)}》（{_e(meta.number)}）</div>",
    ]
    if report.enterprise:
        out.append(f"<div>企业：<strong>{_e(report.enterprise)}</strong></div>")
    out += [f"<div>测算日期：{_e(_date(report.as_of))}</div>", "</div>"]
    out.append(f'<div class="disclaimer">{_e(DISCLAIMER)}。</div>')
    out += [
        "<h2>汇总</h2>",
        '<table class="summary"><thead><tr><th>措施</th><th>状态</th><th>预估金额</th></tr></thead><tbody>',
    ]
    for heading, status, amount, css in summary_rows(report):
        out.append(
            f'<tr><td>{_e(heading)}</td><td class="{css}">{_e(status)}</td>'
            f'<td class="{"num" if css != "status-na" or amount == "—" else ""}">{_e(amount)}</td></tr>'
        )
    out += [
        "</tbody></table>",
        f'<p class="total">企业可得合计（不含第9条工作经费）：{_e(format_yuan(report.total_award_yuan))}</p>',
    ]
    for est in report.estimates:
        out += _html_measure(est, notice)
    if report.transcript:
        out += ['<h2>对话记录</h2><div class="transcript">']
        for speaker, text in report.transcript:
            who = _SPEAKERS.get(speaker, speaker)
            out.append(f'<p><span class="who">{_e(who)}：</span>{_e(text)}</p>')
        out.append("</div>")
    out += [
        "<footer><p><strong>适用于以上各条：</strong></p><ul>",
        *[f"<li>{_e(n)}</li>" for n in _closing()],
        "</ul></footer>",
        "</body></html>",
        "",
    ]
    return "\n".join(out)


def _html_measure(est: Estimate, notice: object) -> list[str]:
    out = [f'<section class="measure" id="m{_e(est.measure)}"><h2>{_e(_clause_heading(est))}</h2>']
    if not est.in_force.in_force:
        out.append(f'<p class="expired">{_e(est.in_force.message)}</p>')
    out.append(
        f'<p>状态：<span class="{_status_class(est)}">{_e(status_text(est))}</span>'
        f'　预估金额：<span class="amount">{_e(amount_text(est))}</span></p>'
    )
    out.append(f"<p>有效期：{_e(est.in_force.period)}</p>")
    if est.steps:
        out.append(
            '<h3>计算过程</h3><table class="steps"><thead>'
            "<tr><th>步骤</th><th>算式</th><th>结果</th><th>依据</th></tr>"
        )
        out.append("</thead><tbody>")
        for s in est.steps:
            out.append(
                f"<tr><td>{_e(s.description)}</td><td>{_e(s.formula)}</td>"
                f'<td class="num">{_e(s.value)}</td><td class="ref">第{_e(s.clause)}条</td></tr>'
            )
        out.append("</tbody></table>")
    for title, items in _lists(est):
        out.append(f"<h3>{_e(title)}</h3><ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>")
    clause = _clause_or_none(notice, est.measure)
    if clause is not None:
        out.append(f'<h3>条款原文</h3><blockquote class="clause">{_e(clause.text)}</blockquote>')
    out.append("</section>")
    return out
