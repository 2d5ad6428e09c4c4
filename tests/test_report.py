"""Printable report: each measure's amount and clause, escaped, self-contained; the chat's export."""

import html
import json
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from assistant.outreach.report import (
    DISCLAIMER,
    estimates_report,
    has_award,
    profile_report,
    render_estimates_markdown,
    render_markdown,
)
from assistant.outreach.report_html import render_html
from calculators import check_profile, evaluate
from calculators.format import format_yuan
from corpus import load_notice
from tests.conftest import SAMPLE_PROFILE

AS_OF = date(2024, 3, 15)
PROFILE = SAMPLE_PROFILE | {
    "name": "将乐<示例>机械 & 电子有限公司",
    "sales_2023q1_yuan": "2980万",
    "sales_2024q1_yuan": "3650万",
    "specialized_sme_approved_on": "2023-12-20",
    "enterprise_status": "在库",
    "statisticians": 2,
    "months": 12,
}


class _Balance(HTMLParser):
    """Checks that every opened element is closed in order (void elements aside)."""

    VOID = frozenset({"meta", "br", "link", "img", "hr", "input"})

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "link", "img", "iframe"):
            self.external.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack[-5:], tag)
        self.stack.pop()


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(profile_report(PROFILE, AS_OF))


def _text(page: str) -> str:
    return html.unescape(page)


def test_html_holds_each_measure_amount_clause_and_sources(page):
    result = check_profile(PROFILE, as_of=AS_OF)
    notice = load_notice()
    text = _text(page)
    assert notice.metadata.title in text and notice.metadata.number in text
    computed = [e for e in result.results if e.award_yuan is not None]
    assert {e.measure for e in computed} >= {"1", "2", "3", "5", "7", "9"}
    shown = [e for e in result.results if has_award(e)]
    assert {e.measure for e in shown} >= {"1", "2", "3", "5", "7", "9"}
    for est in shown:
        clause = notice.clause(est.measure)
        assert html.escape(clause.text) in page, est.measure  # the clause, escaped, in full
        assert f'id="m{est.measure}"' in page
        for unit in est.responsible_units:
            assert unit in text
        for item in est.evidence:
            assert item in text
        for step in est.steps:
            assert html.escape(step.formula) in page
    for est in result.results:
        if not has_award(est):  # one row of the compact table, not a page of its own
            assert f'id="m{est.measure}"' not in page
            assert f"<td>第{est.measure}条 {html.escape(est.title)}</td>" in page
    for est in computed:
        assert format_yuan(est.award_yuan) in text, est.measure
    assert f"企业可得合计（不含第9条工作经费）：{format_yuan(result.total_award_yuan)}" in text
    assert DISCLAIMER in text and "2024年3月15日" in text


def test_html_is_self_contained_printable_and_escaped(page):
    assert "@page { size: A4" in page and "@media print" in page
    checker = _Balance()
    checker.feed(page)
    checker.close()
    assert checker.stack == [] and checker.external == []
    assert "将乐&lt;示例&gt;机械 &amp; 电子有限公司" in page
    assert "<示例>" not in page


def test_missing_measures_are_listed_with_what_they_need():
    report = profile_report({"name": "某厂", "sales_increase_yuan": "800万"}, AS_OF)
    text = _text(render_html(report))
    md = render_markdown(report)
    assert "尚缺信息" in text and "规上工业企业" in text  # measure 1 still needs the yes/no
    assert "| 第1条 落实增产增效奖励 | 尚缺信息 | 需补充：规上工业企业 |" in md


def test_expired_measure_says_so_first():
    report = profile_report(
        {"sales_increase_yuan": "800万", "above_scale_industrial": "是"}, date(2026, 1, 5)
    )
    text = _text(render_html(report))
    est = evaluate("1", {"sales_increase_yuan": "800万", "above_scale_industrial": "是"}, date(2026, 1, 5))
    assert not est.in_force.in_force
    assert est.in_force.message in text
    assert text.index(est.in_force.message) < text.index("计算过程")


def test_markdown_report_matches_the_check(tmp_path):
    md = render_markdown(profile_report(PROFILE, AS_OF))
    result = check_profile(PROFILE, as_of=AS_OF)
    for est in result.results:
        if est.award_yuan is not None and est.eligible:
            assert format_yuan(est.award_yuan) in md
    assert "将乐\\<示例\\>机械 & 电子有限公司" in md
    shown = [e for e in result.results if has_award(e)]
    assert md.count("## 第") == len(shown) < len(result.results)
    assert md.count("## 未获奖励的措施") == 1
    for est in result.results:
        if not has_award(est):
            assert f"| 第{est.measure}条 {est.title} |" in md


def test_estimates_export_keeps_the_latest_per_measure_and_own_money_only():
    first = evaluate("1", {"above_scale_industrial": "是", "sales_increase_yuan": "600万"}, AS_OF)
    changed = evaluate("1", {"above_scale_industrial": "是", "sales_increase_yuan": "800万"}, AS_OF)
    fdi = evaluate("9", {"fdi_2024q1_usd": "350万美元"}, AS_OF)
    transcript = [("user", "销售额增长了600万"), ("assistant", "预计 60,000 元"), ("user", "<改成800万>")]
    md = render_estimates_markdown("政策问答记录", [first, fdi, changed], AS_OF, transcript)
    report = estimates_report("政策问答记录", [first, fdi, changed], AS_OF, transcript)
    assert [e.measure for e in report.estimates] == ["1", "9"]
    assert report.total_award_yuan == changed.award_yuan == 80000  # measure 9 is the township's
    assert md.count("## 第1条") == 1 and format_yuan(changed.award_yuan) in md
    assert "## 对话记录" in md and "> 销售额增长了600万" in md and "\\<改成800万>" in md
    assert md == render_markdown(report)


def test_chat_export_is_this_renderer():
    engine_mod = pytest.importorskip("assistant.dialog.engine")
    engine = engine_mod.DialogEngine(as_of=AS_OF)
    for text in ("一季度销售额增长了800万能拿多少", "是"):
        engine.reply(text)
    assert engine.estimates, "the conversation should have produced an estimate"
    expected = render_estimates_markdown(
        "政策问答记录", list(engine.estimates.values()), as_of=AS_OF, transcript=engine.transcript
    )
    assert engine.transcript_markdown() == expected
    assert format_yuan(engine.estimates["1"].award_yuan) in expected


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "report", *args], capture_output=True, text=True, timeout=120
    )


def test_report_command_writes_html_and_md(tmp_path):
    src = tmp_path / "p.json"
    src.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    for name in ("r.html", "r.md"):
        proc = _cli("--input", str(src), "-o", str(tmp_path / name), "--as-of", "2024-03-15")
        assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == render_html(profile_report(PROFILE, AS_OF))
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == render_markdown(profile_report(PROFILE, AS_OF))


@pytest.mark.parametrize(
    ("content", "output", "message"),
    [
        ('{"sales_increase_yuan": "很多"}', "r.html", "sales_increase_yuan"),
        ("{not json", "r.html", "JSON"),
        ("[1, 2]", "r.html", "JSON 对象"),
        ('{"name": "x"}', "r.pdf", ".html"),
        ('{"no_such_field": 1}', "r.md", "no_such_field"),
    ],
)
def test_report_command_refuses_bad_input_in_chinese(tmp_path, content, output, message):
    src = tmp_path / "p.json"
    src.write_text(content, encoding="utf-8")
    proc = _cli("--input", str(src), "-o", str(tmp_path / output))
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / output).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]


def test_report_command_missing_input_file(tmp_path):
    proc = _cli("--input", str(tmp_path / "none.json"), "-o", str(tmp_path / "r.html"))
    assert proc.returncode == 2 and "找不到" in proc.stderr
    assert not Path(tmp_path / "r.html").exists()


# ---------------------------------------------------------------- printed as people read it

LATE = date(2026, 12, 1)


def test_every_printed_page_carries_the_notice_number_and_its_page_number(page):
    number = load_notice().metadata.number
    footer = page[page.index("@page") : page.index("}", page.index("@bottom-right"))]
    assert "@bottom-left" in footer and number in footer
    assert 'counter(page) " 页，共 " counter(pages)' in footer


def test_footer_text_cannot_break_out_of_its_css_string():
    from assistant.outreach.report_html import _css_string

    assert _css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'


def test_no_next_step_advice_for_a_measure_expired_on_the_report_date():
    profile = {
        "above_scale_industrial": "是",
        "sales_increase_yuan": "650万",
        "in_county": "是",
        "gas_2024q1_m3": "999",
        "specialized_sme_approved_on": "无",
    }
    then = profile_report(profile, AS_OF)
    advice = [s for e in then.estimates for s in e.next_step]
    assert advice, "the profile should have near-miss advice while in force"
    for report, shown in ((then, True), (profile_report(profile, LATE), False)):
        for text in (_text(render_html(report)), render_markdown(report)):
            assert ("下一步" in text or advice[-1] in text) is shown
            assert all((a in text) is shown for a in advice)


def test_summary_states_validity_as_of_its_date_and_the_totals_caveats():
    late = profile_report(PROFILE, LATE)
    for text in (re.sub(r"<[^>]+>", "", _text(render_html(late))), render_markdown(late)):
        assert "截至2026年12月1日，有效期内的措施：第7条" in text
        assert "已过有效期的措施：第1、2、3" in text and "2024年1月1日至2024年3月31日" in text
        assert f"{format_yuan(late.total_award_yuan)}（截至2026年12月1日，含已过有效期的第1–3、5条" in text
        assert "含第2条“最高”标准金额，合计为上限估算" in text
    then = _text(render_html(profile_report(PROFILE, AS_OF)))
    assert "已过有效期" not in then.split("企业可得合计")[1].split("</p>")[0]
    assert "合计为上限" in then


def test_expired_award_is_not_shown_as_a_plain_green_pass():
    late = render_html(profile_report(PROFILE, LATE))
    summary = late[late.index('<table class="summary">') : late.index("</table>")]
    green = re.findall(r'<tr><td>(第\d+条)[^<]*</td><td class="status-ok">', summary)
    assert green == ["第7条"]  # the one measure in force on the day
    assert "按原规则符合条件（已过有效期）" in summary and 'class="status-expired"' in summary
    then = render_html(profile_report(PROFILE, AS_OF))
    assert 'class="status-ok">符合条件<' in then


def test_closing_provisions_are_quoted_verbatim_once_at_the_end(page):
    final = load_notice().clause("final").text
    footer = page[page.index("<footer>") :]
    assert html.escape(final) in footer and "取高者" not in footer  # no word of ours inside the quote
    md = render_markdown(profile_report(PROFILE, AS_OF))
    tail = md[md.index("通知原文") :]
    assert "".join(line[2:] for line in tail.splitlines() if line.startswith("> ")) == final
