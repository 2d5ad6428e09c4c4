"""第2–4条 稳用电、稳用气、稳用热, table-driven from the notice, every boundary at, below and above."""

from datetime import date
from decimal import Decimal as D

import pytest

from calculators import evaluate

AS_OF = date(2024, 3, 15)


def power(before, after, *, strategic=False, new=False, manufacturing=True, policy=True):
    data = {
        "newly_commissioned_2024q1": new,
        "above_scale_manufacturing": manufacturing,
        "complies_with_industrial_policy": policy,
        "strategic_emerging_2023": strategic,
        "power_2024q1_kwh": after,
    }
    if before is not None:
        data["power_2023q1_kwh"] = before
    return evaluate("2", data, AS_OF)


# 第2条: 同比增长5%及以上; 0.05 (战新 0.1) 元/千瓦时 of the increase; 不足1000元不予安排; 最高35万元.
@pytest.mark.parametrize(
    ("before", "after", "strategic", "expected"),
    [
        (2_000_000, 2_300_000, False, "15000"),  # dev case: +15%
        (2_000_000, 2_100_000, False, "5000"),  # exactly 5%: 及以上 includes it
        (2_000_000, 2_099_999, False, "0"),  # 4.99995%: below
        (2_000_000, 2_100_001, False, "5000.05"),  # fractions kept exact
        (2_000_000, 2_100_000, True, "10000"),  # 战新 rate 0.1
        (300_000, 320_000, False, "1000"),  # exactly 1,000 元 is paid
        (300_000, 319_999, False, "0"),  # 999.95 元: 不足1000元不予安排
        (300_000, 320_001, False, "1000.05"),
        (200_000, 210_000, False, "0"),  # 5% but only 500 元
        (10_000_000, 17_000_000, False, "350000"),  # exactly at the cap
        (10_000_000, 16_999_999, False, "349999.95"),  # one kWh below the cap
        (10_000_000, 17_000_001, False, "350000"),  # above the cap
        (10_000_000, 13_500_000, True, "350000"),  # 战新 reaches the cap at half the increase
        (10_000_000, 13_499_999, True, "349999.9"),
        (2_000_000, 1_500_000, False, "0"),  # a fall
    ],
)
def test_power_growth_path(before, after, strategic, expected):
    est = power(before, after, strategic=strategic)
    assert est.award_yuan == D(expected)
    assert est.eligible is (D(expected) > 0)
    assert est.upper_bound is True  # every rate is 最高


@pytest.mark.parametrize(
    ("use", "expected"),
    [
        (100_000, "1000"),  # 0.01 × whole use; exactly the minimum
        (99_999, "0"),  # 999.99 元
        (100_001, "1000.01"),
        (35_000_000, "350000"),  # exactly the cap
        (40_000_000, "350000"),
    ],
)
def test_power_new_plant_path(use, expected):
    est = power(None, use, new=True, manufacturing=False)  # 规模以上工业企业: not only 制造业
    assert est.award_yuan == D(expected)
    assert any("不适用5%增长门槛" in s.value for s in est.steps)


def test_power_new_plant_still_needs_industrial_policy():
    est = power(None, 500_000, new=True, policy=False)
    assert est.award_yuan == 0 and est.unmet[0].field == "complies_with_industrial_policy"


def test_power_growth_path_needs_manufacturing():
    est = power(1_000_000, 2_000_000, manufacturing=False)
    assert est.award_yuan == 0 and [u.field for u in est.unmet] == ["above_scale_manufacturing"]


def test_power_zero_base_without_new_plant_is_not_computable_as_growth():
    est = power(0, 1_000_000)
    assert est.award_yuan == 0 and est.unmet[0].field == "power_2023q1_kwh"
    assert "新投产" in est.unmet[0].reason


def test_power_near_miss_guidance():
    est = power(2_000_000, 2_084_000)  # 4.2%: 0.8 个百分点, 16,000 千瓦时 short
    assert any("还差 0.8 个百分点" in n and "16,000 千瓦时" in n for n in est.next_step)
    est = power(300_000, 319_000)
    assert any("再增加 1,000 千瓦时 即达 1,000 元" in n for n in est.next_step)
    assert any("已达封顶 350,000 元" in n for n in power(1, 20_000_000).next_step)


def gas(m3, approved=None, *, industrial=True, county=True):
    data = {
        "above_scale_industrial": industrial,
        "in_county": county,
        "gas_2024q1_m3": m3,
        "specialized_sme_approved_on": approved,
    }
    return evaluate("3", data, AS_OF)


# 第3条: 0.5 元/立方米 (专精特新 on or before 2024-03-31: 1 元); 不足1000立方米不予补助; 最高20万元.
@pytest.mark.parametrize(
    ("m3", "approved", "expected"),
    [
        (12_000, None, "6000"),
        (999, None, "0"),
        (1_000, None, "500"),  # exactly 1,000 counts
        (1_001, None, "500.5"),
        (400_000, None, "200000"),  # exactly at the cap
        (399_999, None, "199999.5"),
        (400_001, None, "200000"),
        (1_000, "2024-03-31", "1000"),  # approved on the last day: 前 includes it
        (1_000, "2024-04-01", "500"),  # the day after: general rate
        (1_000, "2023-06-30", "1000"),
        (200_000, "2024年3月1日", "200000"),
        (200_001, "2024/3/1", "200000"),
        (199_999, "2024.3.1", "199999"),
        (999, "2024-03-01", "0"),
    ],
)
def test_gas(m3, approved, expected):
    est = gas(m3, approved)
    assert est.award_yuan == D(expected)
    assert est.eligible is (D(expected) > 0)


@pytest.mark.parametrize(
    ("industrial", "county", "field"), [(False, True, "above_scale_industrial"), (True, False, "in_county")]
)
def test_gas_conditions(industrial, county, field):
    est = gas(50_000, industrial=industrial, county=county)
    assert est.award_yuan == 0 and [u.field for u in est.unmet] == [field]


def test_gas_guidance_mentions_the_higher_rate():
    est = gas(50_000)
    assert any("50,000 元" in n and "省专精特新" in n for n in est.next_step)


def heat(resumed, *, supplier=True, continuous=True):
    data = {"heat_supplier": supplier, "resumed_on": resumed, "continuous_supply_q1": continuous}
    return evaluate("4", data, AS_OF)


# 第4条: 2024年2月17日（正月初八，含）前 resumed, supplied all Q1: 5万元.
@pytest.mark.parametrize(
    ("resumed", "expected"),
    [
        ("2024-02-05", 50_000),
        ("2024-02-16", 50_000),
        ("2024-02-17", 50_000),
        ("2024-02-18", 0),
        ("2023-12-01", 50_000),
    ],
)
def test_heat_date_boundary(resumed, expected):
    est = heat(resumed)
    assert est.award_yuan == expected
    if not expected:
        assert est.unmet[0].field == "resumed_on"


@pytest.mark.parametrize(
    ("supplier", "continuous", "field"),
    [(False, True, "heat_supplier"), (True, False, "continuous_supply_q1")],
)
def test_heat_conditions(supplier, continuous, field):
    est = heat("2024-02-10", supplier=supplier, continuous=continuous)
    assert est.award_yuan == 0 and [u.field for u in est.unmet] == [field]
