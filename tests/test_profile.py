"""Interview support and the whole-profile check: what is still needed, what already fails, the total."""

from datetime import date
from decimal import Decimal as D

import pytest

from calculators import InputError, check_profile, get_measure, needed_fields, precheck

AS_OF = date(2024, 3, 15)


@pytest.mark.parametrize(
    ("mid", "known", "needed"),
    [
        ("1", {}, ["above_scale_industrial", "sales_increase_yuan"]),
        ("1", {"above_scale_industrial": True}, ["sales_increase_yuan"]),
        ("1", {"sales_increase_yuan": "800万"}, ["above_scale_industrial"]),
        ("1", {"sales_2023q1_yuan": "4000万"}, ["above_scale_industrial", "sales_2024q1_yuan"]),
        ("1", {"above_scale_industrial": "是", "sales_2023q1_yuan": 1, "sales_2024q1_yuan": 2}, []),
        ("2", {}, list(get_measure("2").fields)),
        ("2", {"newly_commissioned_2024q1": "是"}, ["complies_with_industrial_policy", "power_2024q1_kwh"]),
        (
            "2",
            {"newly_commissioned_2024q1": "否", "power_2023q1_kwh": "120万度"},
            [
                "above_scale_manufacturing",
                "complies_with_industrial_policy",
                "strategic_emerging_2023",
                "power_2024q1_kwh",
            ],
        ),
        (
            "3",
            {"specialized_sme_approved_on": None},
            ["above_scale_industrial", "in_county", "gas_2024q1_m3"],
        ),
        ("8", {}, ["exporter_type"]),
        ("8", {"exporter_type": "生产型"}, ["export_2023_usd", "export_2024_usd"]),
        ("8", {"exporter_type": "trade"}, ["has_agency_agreement"]),
        ("9", {}, ["fdi_2024q1_usd"]),
        ("11", {}, []),
    ],
)
def test_needed_fields(mid, known, needed):
    assert needed_fields(mid, known) == needed


@pytest.mark.parametrize(
    ("mid", "known", "field"),
    [
        ("1", {"above_scale_industrial": "否"}, "above_scale_industrial"),
        ("1", {"sales_increase_yuan": "300万"}, "sales_increase_yuan"),  # a figure taken from the question
        ("1", {"sales_increase_yuan": "500万"}, None),  # exactly at the threshold: nothing fails
        (
            "2",
            {"newly_commissioned_2024q1": False, "above_scale_manufacturing": False},
            "above_scale_manufacturing",
        ),
        ("2", {"newly_commissioned_2024q1": True, "above_scale_manufacturing": False}, None),
        (
            "2",
            {"newly_commissioned_2024q1": False, "power_2023q1_kwh": "120万", "power_2024q1_kwh": "125万"},
            "power_2024q1_kwh",
        ),
        ("2", {"power_2023q1_kwh": "120万", "power_2024q1_kwh": "125万"}, None),  # might be a new plant
        ("3", {"gas_2024q1_m3": 999}, "gas_2024q1_m3"),
        ("3", {"in_county": "不是"}, "in_county"),
        ("4", {"resumed_on": "2024-02-18"}, "resumed_on"),
        ("4", {"resumed_on": "2024-02-17"}, None),
        ("5", {"counted_2024": "否"}, "counted_2024"),
        ("7", {"statisticians": 0}, "statisticians"),
        ("8", {"exporter_type": "trade", "has_agency_agreement": False}, "has_agency_agreement"),
        ("9", {"fdi_2024q1_usd": 1}, None),
    ],
)
def test_precheck(mid, known, field):
    unmet = precheck(mid, known)
    assert (unmet.field if unmet else None) == field
    if unmet:
        assert unmet.reason and unmet.condition


def test_an_early_failure_evaluates_without_the_rest():
    from calculators import evaluate

    est = evaluate("3", {"in_county": False}, AS_OF)
    assert est.eligible is False and est.award_yuan == 0 and est.unmet[0].field == "in_county"
    est = evaluate("6", {"in_statistics_2023q1": False}, AS_OF)
    assert est.eligible is None and est.award_yuan is None and est.in_scope is False


def test_profile_computes_what_it_can_and_lists_the_rest():
    profile = {
        "name": "甲公司",
        "above_scale_industrial": True,  # shared by measures 1 and 3
        "sales_2023q1_yuan": "4000万",
        "sales_2024q1_yuan": "4950万",
        "in_county": True,
        "gas_2024q1_m3": 12000,
        "specialized_sme_approved_on": None,
        "heat_supplier": False,
        "fdi_2024q1_usd": "210万美元",
        "enterprise_status": "existing",
        "continuous_reporting": True,
        "statisticians": 2,
        "months": 12,
    }
    result = check_profile(profile, AS_OF)
    by_id = {e.measure: e for e in result.results}
    assert by_id["1"].award_yuan == 90_000 and by_id["3"].award_yuan == 6_000
    assert by_id["4"].eligible is False  # not a heat supplier: decided without the rest
    assert by_id["7"].award_yuan == 2_400
    assert by_id["9"].award_yuan == 60_000
    assert result.total_award_yuan == D(90_000 + 6_000 + 2_400)  # measure 9 is not the enterprise's money
    assert result.work_funds_yuan == 60_000
    assert result.missing["2"] == list(get_measure("2").fields)
    assert result.missing["5"] == ["in_cultivation_pool", "counted_2024", "entry_type"]
    assert "1" not in result.missing and result.name == "甲公司"
    assert {"10", "11", "12", "13"} <= set(by_id)


def test_profile_unknown_answers_are_assumptions():
    result = check_profile({"above_scale_industrial": "不知道", "sales_increase_yuan": "600万"}, AS_OF)
    assert result.total_award_yuan == 60_000
    assert result.assumptions == ["若贵企业属于规上工业企业"]


@pytest.mark.parametrize(
    ("profile", "field"), [({"gas": 1}, "gas"), ({"gas_2024q1_m3": "-1"}, "gas_2024q1_m3")]
)
def test_profile_refuses_bad_fields(profile, field):
    with pytest.raises(InputError) as exc:
        check_profile(profile, AS_OF)
    assert exc.value.field == field


def test_profile_json_total_is_a_decimal_string():
    data = check_profile({"fdi_2024q1_usd": "100万美元"}, AS_OF).model_dump(mode="json")
    assert data["total_award_yuan"] == "0" and data["work_funds_yuan"] == "30000"


@pytest.mark.parametrize(
    ("mid", "known", "hint"),
    [
        ("1", {"sales_increase_yuan": "300万"}, "再增加 2,000,000 元 销售额即达"),
        (
            "2",
            {"newly_commissioned_2024q1": "否", "power_2023q1_kwh": "120万度", "power_2024q1_kwh": "125万度"},
            "还差 0.83 个百分点（约 10,000 千瓦时）",
        ),
        ("3", {"gas_2024q1_m3": 300}, "还差 700 立方米"),
    ],
)
def test_an_early_stop_still_gives_near_miss_guidance(mid, known, hint):
    from calculators import evaluate

    est = evaluate(mid, known, AS_OF)
    assert est.eligible is False and any(hint in n for n in est.next_step)
