"""The printable report as one self-contained HTML page: A4, page numbers and the notice's
number in every page's footer (CSS @page margin boxes), nothing loaded from elsewhere."""

from __future__ import annotations

import html

from assistant.outreach.report import (
    _SPEAKERS,
    DISCLAIMER,
    Report,
    _clause_heading,
    _clause_or_none,
    _date,
    _lists,
    _status_class,
    amount_text,
    closing_quote,
    has_award,
    no_award_rows,
    status_text,
    summary_rows,
    total_caveat,
    validity_summary,
)
from calculators.format import format_yuan
from calculators.models import Estimate
from corpus import load_notice

_CSS = """
@page { size: A4; margin: 16mm 15mm 20mm;
  @bottom-left { content: FOOTER_LEFT; font-size: 8.5pt; color: #444; }
  @bottom-right { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 8.5pt;
    color: #444; } }
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
.status-expired { color: #8a5a00; font-weight: bold; }
.validity { margin: 4pt 0 8pt; padding: 4pt 8pt; border-left: 3pt solid #8a5a00; background: #fbf5e8; }
.caveat { font-size: 10pt; font-weight: normal; color: #8a5a00; }
table.no-award { font-size: 9pt; }
table.no-award td:first-child { width: 24%; }
table.no-award td:nth-child(2), table.no-award td:last-child { white-space: nowrap; }
.total { font-size: 12pt; font-weight: bold; border-top: 1.5pt solid #333; padding-top: 5pt; }
.amount { font-size: 12pt; font-weight: bold; }
blockquote.clause { margin: 4pt 0; padding: 5pt 9pt; background: #fafafa; border-left: 3pt solid #aaa;
  white-space: pre-wrap; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; }
ul { margin: 2pt 0 6pt; padding-left: 18pt; }
section.measure { border-top: 0.75pt solid #ccc; }
.transcript p { margin: 3pt 0; white-space: pre-wrap; }
.transcript .who { font-weight: bold; }
footer { margin-top: 16pt; font-size: 9pt; color: #444; border-top: 0.75pt solid #999; padding-top: 5pt;
  break-inside: avoid; page-break-inside: avoid; }
@media print {
  body { padding: 0; max-width: none; }
  h2 { background: none; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _css_string(text: str) -> str:
    """Text as a CSS string literal (the footer's content): quotes, backslashes, line ends escaped."""
    out = "".join(f"\\{ord(ch):x} " if ch in '"\\\n\r<>' else ch for ch in text)
    return f'"{out}"'


def render_html(report: Report) -> str:
    notice = load_notice()
    meta = notice.metadata
    footer = _css_string(f"{meta.number}　{report.heading}　{DISCLAIMER}")
    title = f"{report.heading}：{report.enterprise}" if report.enterprise else report.heading
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS.replace('FOOTER_LEFT', footer)}</style></head><body>",
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
    caveat = total_caveat(report)
    out += [
        "</tbody></table>",
        f'<p class="total">企业可得合计（不含第9条工作经费）：{_e(format_yuan(report.total_award_yuan))}'
        + (f'<span class="caveat">{_e(caveat)}</span>' if caveat else "")
        + "</p>",
        f'<p class="validity">{_e(validity_summary(report))}</p>',
    ]
    for est in report.estimates:
        if has_award(est):
            out += _html_measure(est, notice)
    rows = no_award_rows(report)
    if rows:
        out += [
            '<h2>未获奖励的措施</h2><table class="no-award"><thead><tr><th>措施</th><th>状态</th>'
            "<th>原因</th><th>有效期</th></tr></thead><tbody>",
            *(f"<tr>{''.join(f'<td>{_e(c)}</td>' for c in row)}</tr>" for row in rows),
            "</tbody></table>",
        ]
    if report.transcript:
        out += ['<h2>对话记录</h2><div class="transcript">']
        for speaker, text in report.transcript:
            who = _SPEAKERS.get(speaker, speaker)
            out.append(f'<p><span class="who">{_e(who)}：</span>{_e(text)}</p>')
        out.append("</div>")
    out += [
        "<footer><p><strong>适用于以上各条（通知原文）：</strong></p>",
        f'<blockquote class="clause">{"".join(_e(n) for n in closing_quote()[:-1])}</blockquote>',
        f"<p>{_e(closing_quote()[-1])}</p></footer>",
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
