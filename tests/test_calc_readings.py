"""Readings the calculators apply are said, in the trace where they apply and in the README, each
with the notice's own words; optional fields (entry month, 2024 new build) checked when given."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from calculators import InputError, evaluate, needed_fields
from calculators.readings import READINGS, key_phrase, read
from corpus import load_notice
from tests.conftest import ROOT

AS_OF = date(2024, 3, 15)
NEW_PLANT = {"newly_commissioned_2024q1": True, "complies_with_industrial_policy": True}
GROWTH = {
    "newly_commissioned_2024q1": False,
    "above_scale_manufacturing": True,
    "complies_with_industrial_policy": True,
    "strategic_emerging_2023": False,
}

# One input per reading under which the reading decides the result, so the trace must say it.
EXAMPLES: dict[str, tuple[str, dict[str, object]]] = {
    "m1_zero_base": (
        "1",
        {"above_scale_industrial": True, "sales_2023q1_yuan": 0, "sales_2024q1_yuan": "600万"},
    ),
    "m1_whole_steps": ("1", {"above_scale_industrial": True, "sales_increase_yuan": "650万"}),
    "m2_policy": ("2", GROWTH | {"power_2023q1_kwh": "100万", "power_2024q1_kwh": "120万"}),
    "m2_policy_new_plant": ("2", NEW_PLANT | {"power_2024q1_kwh": "50万"}),
    "m2_exact_growth": ("2", GROWTH | {"power_2023q1_kwh": 1_000_000, "power_2024q1_kwh": 1_049_990}),
    "m2_new_plant_base": ("2", NEW_PLANT | {"power_2023q1_kwh": "30万", "power_2024q1_kwh": "50万"}),
    "m2_new_plant_no_strategic": (
        "2",
        NEW_PLANT | {"strategic_emerging_2023": True, "power_2024q1_kwh": "50万"},
    ),
    "m2_paths_exclusive": ("2", NEW_PLANT | {"power_2024q1_kwh": "50万"}),
    "m2_minimum": ("2", NEW_PLANT | {"power_2024q1_kwh": 100_000}),
    "m3_minimum": (
        "3",
        {
            "above_scale_industrial": True,
            "in_county": True,
            "gas_2024q1_m3": 1000,
            "specialized_sme_approved_on": None,
        },
    ),
    "m3_deadline": (
        "3",
        {
            "above_scale_industrial": True,
            "in_county": True,
            "gas_2024q1_m3": 5000,
            "specialized_sme_approved_on": "2022-06-01",
        },
    ),
    "m5_both_conditions": ("5", {"in_cultivation_pool": True, "counted_2024": True, "entry_type": "upgrade"}),
    "m5_old_upgrade": ("5", {"in_cultivation_pool": True, "counted_2024": True, "entry_type": "upgrade"}),
    "m5_new_build_2024": (
        "5",
        {"in_cultivation_pool": True, "counted_2024": True, "entry_type": "new_build"},
    ),
    "m5_refund_silent": ("5", {"in_cultivation_pool": True, "counted_2024": True, "entry_type": "upgrade"}),
    "m7_entry_year": (
        "7",
        {"enterprise_status": "new_entry", "continuous_reporting": True, "statisticians": 1, "months": 10},
    ),
    "m8_zero_base": ("8", {"exporter_type": "production", "export_2023_usd": 0, "export_2024_usd": "120万"}),
    "m9_whole_steps": ("9", {"fdi_2024q1_usd": "250万"}),
}


def trace(mid: str, data: dict[str, object]) -> str:
    est = evaluate(mid, data, AS_OF)
    return "\n".join(f"{s.description} {s.formula} {s.value}" for s in est.steps)


def test_every_reading_has_an_example():
    assert set(EXAMPLES) == set(READINGS)


@pytest.mark.parametrize("rid", sorted(READINGS))
def test_reading_rests_on_the_notice_words_and_is_said_in_the_trace(rid):
    r = READINGS[rid]
    assert r.words in load_notice().clause(r.measure).text  # verbatim
    mid, data = EXAMPLES[rid]
    assert mid == r.measure
    said = trace(mid, data)
    assert key_phrase(rid) in said and f"（原文：“{r.words}”）" in said


@pytest.mark.parametrize("rid", sorted(READINGS))
def test_readme_lists_every_reading_with_its_words(rid):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 解读说明") :]
    assert f"- {READINGS[rid].text}。原文：“{READINGS[rid].words}”" in section


def test_read_is_what_the_trace_says():
    assert read("m9_whole_steps").startswith("读法：每满100万美元计一档")


def test_new_plant_never_says_no_power_last_year_and_names_its_figure():
    said = trace("2", NEW_PLANT | {"power_2023q1_kwh": "30万", "power_2024q1_kwh": "50万"})
    assert "上年同期无用电" not in said
    assert "500,000 千瓦时（2024年一季度用电量）× 0.01" in said and "不参与新投产口径计算" in said
    strategic = evaluate(
        "2", NEW_PLANT | {"strategic_emerging_2023": True, "power_2024q1_kwh": "50万"}, AS_OF
    )
    assert strategic.award_yuan == D(5000)  # 0.01, not 0.1
    assert any(s.value == "不适用0.1元标准" for s in strategic.steps)


def test_policy_compliance_is_marked_as_a_reading_where_it_decides():
    est = evaluate(
        "2", NEW_PLANT | {"complies_with_industrial_policy": False, "power_2024q1_kwh": "50万"}, AS_OF
    )
    assert est.award_yuan == 0 and "读法" in est.unmet[0].condition and "读作“符合”" in est.unmet[0].reason


@pytest.mark.parametrize(
    ("after", "shown"), [(1_049_990, "4.999%"), (1_049_999, "4.9999%"), (1_050_000, "5%")]
)
def test_growth_display_never_contradicts_the_exact_test(after, shown):
    est = evaluate("2", GROWTH | {"power_2023q1_kwh": 1_000_000, "power_2024q1_kwh": after}, AS_OF)
    rate = next(s.value for s in est.steps if s.description == "计算用电同比增长率")
    assert rate == shown
    if est.unmet:
        assert f"同比增长 {shown}，未达 5%" in est.unmet[0].reason
        gap = next(n for n in est.next_step if "个百分点" in n)
        assert "还差 0 个百分点" not in gap and "还差 0." in gap


def test_zero_base_sales_keep_their_amount_and_say_why():
    est = evaluate("1", EXAMPLES["m1_zero_base"][1], AS_OF)
    assert est.award_yuan == D(60_000)


def test_entry_month_checks_the_months_when_given():
    data = {"enterprise_status": "new_entry", "continuous_reporting": True, "statisticians": 2, "months": 9}
    given = evaluate("7", data | {"entry_month": 4}, AS_OF)
    assert given.award_yuan == D(2700) and any("4月至12月" in s.formula for s in given.steps)
    with pytest.raises(InputError) as exc:
        evaluate("7", data | {"months": 10, "entry_month": 4}, AS_OF)
    assert exc.value.field == "months" and "最多计 9 个月" in exc.value.message
    unchecked = evaluate("7", data | {"months": 12}, AS_OF)  # not given: as stated, and said so
    assert unchecked.award_yuan == D(3600) and any("未核对" in s.value for s in unchecked.steps)


def test_optional_fields_are_asked_by_the_interview_only():
    new = {"enterprise_status": "new_entry", "continuous_reporting": True, "statisticians": 2, "months": 9}
    assert needed_fields("7", new) == ["entry_month"]
    assert needed_fields("7", new | {"entry_month": None}) == []  # "不知道": asked once
    assert needed_fields("7", new | {"enterprise_status": "existing"}) == []
    assert evaluate("7", new, AS_OF).award_yuan == D(2700)
    build = {"in_cultivation_pool": True, "counted_2024": True, "entry_type": "new_build"}
    assert needed_fields("5", build) == ["built_2024"]
    assert evaluate("5", build, AS_OF).award_yuan == D(100_000)
    late = evaluate("5", build | {"built_2024": False}, AS_OF)
    assert late.award_yuan == 0 and late.unmet[0].field == "built_2024"


def test_measure_5_does_not_gloss_lao_shang_gui_nor_invent_a_refund():
    est = evaluate("5", EXAMPLES["m5_old_upgrade"][1], AS_OF)
    said = trace("5", EXAMPLES["m5_old_upgrade"][1])
    assert "（规下转规上）企业" not in said and "通知未下定义" in said
    assert not any("退还" in n for n in est.next_step)


def test_measure_6_cites_clause_12_for_whom_to_ask():
    est = evaluate(
        "6", {"sector": "服务业", "in_statistics_2023q1": True, "received_other_award": False}, AS_OF
    )
    step = next(s for s in est.steps if s.description == "咨询部门")
    assert step.clause == "12" and "发改局（服务业）" in step.formula and step.value == "服务业：县发改局"
    assert (
        "分别挂靠工信局（工业、商贸业）、住建局（建筑业）、发改局（服务业）"
        in load_notice().clause("12").text
    )
