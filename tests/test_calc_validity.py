"""Summaries tell the truth about time and certainty: which measures are in force on the day, a
total built on expired measures or on measure 2's "最高" amount says so beside it, and one answer
warns about validity once, quoting the closing provision verbatim."""

from __future__ import annotations

import json
from datetime import date

from assistant.dialog.answers import clause_view, follow_up, profile_table
from assistant.dialog.engine import DialogEngine
from assistant.dialog.render import render_plain, table_text
from calculators import check_profile
from calculators.explain import describe_profile
from calculators.validity import measure_list, measures_in_force
from corpus import load_notice
from tests.test_calc_cli import run

LATE = date(2026, 12, 1)
EARLY = date(2024, 3, 15)
CLOSING = "本措施有效期从2024年1月1日起至3月31日，有特殊执行日期规定的除外。"
PROFILE = {
    "above_scale_industrial": True,
    "sales_increase_yuan": "800万",
    "newly_commissioned_2024q1": False,
    "above_scale_manufacturing": True,
    "complies_with_industrial_policy": True,
    "strategic_emerging_2023": False,
    "power_2023q1_kwh": "100万",
    "power_2024q1_kwh": "120万",
    "enterprise_status": "existing",
    "continuous_reporting": True,
    "statisticians": 2,
    "months": 12,
}


def test_measure_list_joins_runs():
    assert measure_list(["1", "2", "3", "4", "6", "9", "10"]) == "第1–4、6、9、10条"
    assert measure_list(["1", "2"]) == "第1、2条"


def test_in_force_and_expired_as_of_the_day():
    late = measures_in_force(LATE)
    assert late.in_force == ["7"] and "1" in late.expired and "5" in late.expired and "8" in late.expired
    assert "在有效期内：第7条（长期有效）" in late.text and "已过有效期：第1–4、6、9–13条" in late.text
    early = measures_in_force(EARLY)
    assert early.expired == [] and len(early.in_force) == 13 and "已过有效期" not in early.text
    assert measures_in_force(date(2025, 1, 1)).in_force == ["5", "7"]


def test_total_on_expired_measures_and_upper_bound_says_so():
    late = check_profile(PROFILE, LATE)
    assert late.total_expired_measures == ["1", "2"] and late.total_upper_bound
    assert "已过有效期的第1、2条" in late.total_note and "上限" in late.total_note
    early = check_profile(PROFILE, EARLY)
    assert early.total_expired_measures == [] and "已过有效期" not in early.total_note
    assert early.total_upper_bound and "第2条“最高”" in early.total_note
    only_7 = check_profile({k: PROFILE[k] for k in list(PROFILE)[-4:]}, LATE)
    assert only_7.total_note == "" and not only_7.total_upper_bound


def test_check_text_states_validity_and_the_note_beside_the_total():
    text = describe_profile(check_profile(PROFILE, LATE))
    assert "截至2026年12月1日，在有效期内：第7条" in text
    total = next(line for line in text.splitlines() if line.startswith("企业可得奖补合计"))
    assert "已过有效期的第1、2条" in total and "上限估算" in total


def test_check_json_carries_validity(monkeypatch, capsys):
    argv = ["check", "--json", "--as-of", "2026-12-01"]
    code, out, _ = run(argv, json.dumps(PROFILE, ensure_ascii=False), monkeypatch, capsys)
    data = json.loads(out)
    assert code == 0 and data["validity"]["in_force"] == ["7"]
    assert data["total_expired_measures"] == ["1", "2"] and data["total_upper_bound"] is True


def test_chat_profile_table_marks_expired_rows_and_the_total():
    result = check_profile(PROFILE, LATE)
    titles = {c.id: c.title for c in load_notice().clauses}
    table = profile_table(result, {}, titles, {"6", "8"})
    rows = {r.measure: r.status for r in table.rows}
    assert rows["1"] != "符合" and "已过有效期" in rows["1"] and rows["7"] == "符合"
    text = table_text(table)
    total = next(line for line in text.splitlines() if line.startswith("合计"))
    assert "已过有效期的第1、2条" in total and "上限估算" in total
    assert "截至2026年12月1日，在有效期内：第7条" in text


def test_one_validity_warning_per_answer():
    engine = DialogEngine(as_of=LATE)
    first = render_plain(engine.reply("一季度销售额增长了800万，能奖励多少？"))
    assert first.count("不在有效期内") == 1
    second = render_plain(engine.reply("是"))
    assert "80,000 元" in second and second.count("不在有效期内") == 1


def test_clause_view_and_notes_quote_the_closing_provision_verbatim():
    notice = load_notice()
    assert CLOSING in notice.clause("final").text
    view = clause_view(notice, "1", LATE, [])
    assert f"“{CLOSING}”" in view.validity
    est = check_profile(PROFILE, LATE).results[0]
    assert f"有效期：“{CLOSING}”" in est.notes


def test_long_term_and_unstated_periods_are_shown_as_such():
    notice = load_notice()
    assert notice.validity("7").describe() == "长期有效"
    assert "至长期有效" not in clause_view(notice, "7", LATE, []).validity
    five = clause_view(notice, "5", LATE, []).validity
    assert "2024年1月1日至2025年12月31日" not in five and "未写明截止日期" in five and "读法" in five
    said = follow_up(notice, "validity", "5", LATE, None)
    assert "未写明截止日期" in said and "入库第二年" in said
