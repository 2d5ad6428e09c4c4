"""第5–13条 from the notice: entering the statistics, statistics staff, foreign investment, the
measures whose amount another document sets, those with no award, and the periods of validity."""

import re
from datetime import date
from decimal import Decimal as D

import pytest

from calculators import MEASURE_IDS, evaluate
from corpus import load_notice

AS_OF = date(2024, 3, 15)


@pytest.mark.parametrize(
    ("entry", "pool", "counted", "expected"),
    [
        ("new_build", True, True, 100_000),
        ("新建投产入规", True, True, 100_000),
        ("upgrade", True, True, 80_000),
        ("老上规", True, True, 80_000),
        ("规下转规上", True, True, 80_000),
        ("new_build", False, True, 0),
        ("upgrade", True, False, 0),
    ],
)
def test_entering_the_statistics(entry, pool, counted, expected):
    est = evaluate("5", {"in_cultivation_pool": pool, "counted_2024": counted, "entry_type": entry}, AS_OF)
    assert est.award_yuan == expected and est.eligible is (expected > 0)


def test_new_build_states_second_year_award_and_refund():
    est = evaluate("5", {"in_cultivation_pool": True, "counted_2024": True, "entry_type": "new_build"}, AS_OF)
    notes = " ".join(est.notes)
    assert "50,000 元" in notes and "连续出数且实现正增长" in notes
    assert "退还奖励资金 100,000 元" in notes
    upgrade = evaluate(
        "5", {"in_cultivation_pool": True, "counted_2024": True, "entry_type": "upgrade"}, AS_OF
    )
    assert "退还" not in " ".join(upgrade.notes)


# 第7条: 150 元/人/月 (new entry, the calendar year of entry), 100 元/人/月 (existing).
@pytest.mark.parametrize(
    ("status", "people", "months", "expected"),
    [
        ("new_entry", 3, 10, 4500),
        ("new_entry", 1, 1, 150),
        ("new_entry", 2, 12, 3600),
        ("existing", 2, 12, 2400),
        ("在库", 1, 1, 100),
        ("新入库", 4, 6, 3600),
        ("existing", 0, 12, 0),
    ],
)
def test_statistics_staff(status, people, months, expected):
    data = {
        "enterprise_status": status,
        "continuous_reporting": True,
        "statisticians": people,
        "months": months,
    }
    est = evaluate("7", data, AS_OF)
    assert est.award_yuan == expected and est.eligible is (expected > 0)


def test_statistics_staff_need_continuous_reporting():
    data = {"enterprise_status": "existing", "continuous_reporting": "否", "statisticians": 2, "months": 12}
    est = evaluate("7", data, AS_OF)
    assert est.award_yuan == 0 and est.unmet[0].field == "continuous_reporting"
    assert any("当年度结束后一次性兑现" in n for n in est.notes)


# 第9条: 3万元 per whole 100万美元, to the township or department.
@pytest.mark.parametrize(
    ("usd", "expected"),
    [
        (0, 0),
        (999_999, 0),
        (1_000_000, 30_000),
        (1_000_001, 30_000),
        (1_999_999, 30_000),
        (2_100_000, 60_000),
        ("350万美元", 90_000),
    ],
)
def test_foreign_investment(usd, expected):
    est = evaluate("9", {"fdi_2024q1_usd": usd}, AS_OF)
    assert est.award_yuan == expected and est.eligible is (expected > 0)
    assert est.paid_to_enterprise is False
    assert any("不是发给企业" in n for n in est.notes)


@pytest.mark.parametrize(
    ("data", "in_scope"),
    [
        ({"sector": "commerce", "in_statistics_2023q1": True, "received_other_award": False}, True),
        ({"sector": "服务业", "in_statistics_2023q1": True, "received_other_award": False}, True),
        ({"sector": "商贸", "in_statistics_2023q1": False, "received_other_award": False}, False),
        ({"sector": "services", "in_statistics_2023q1": True, "received_other_award": True}, False),
    ],
)
def test_commerce_and_services_amount_is_set_elsewhere(data, in_scope):
    est = evaluate("6", data, AS_OF)
    assert est.eligible is None and est.award_yuan is None and est.in_scope is in_scope
    assert any("将政办〔2022〕6号" in s.formula for s in est.steps)
    assert est.responsible_units == ["县工信局", "发改局", "财政局"]


@pytest.mark.parametrize(
    ("data", "in_scope"),
    [
        ({"exporter_type": "production", "export_2023_usd": "200万", "export_2024_usd": "300万"}, True),
        ({"exporter_type": "production", "export_2023_usd": 2_000_000, "export_2024_usd": 2_999_999}, False),
        ({"exporter_type": "production", "export_2023_usd": 0, "export_2024_usd": 1_000_000}, True),
        ({"exporter_type": "production", "export_2023_usd": 0, "export_2024_usd": 999_999}, False),
        ({"exporter_type": "trade", "has_agency_agreement": True}, True),
        ({"exporter_type": "贸易型", "has_agency_agreement": "没有"}, False),
    ],
)
def test_exports_amount_is_set_elsewhere(data, in_scope):
    est = evaluate("8", data, AS_OF)
    assert est.eligible is None and est.award_yuan is None and est.in_scope is in_scope
    assert any("将政办明电〔2023〕4号" in s.formula and "第15条" in s.formula for s in est.steps)


@pytest.mark.parametrize("mid", ["10", "11", "12", "13"])
def test_measures_without_an_award(mid):
    est = evaluate(mid, {}, AS_OF)
    assert est.eligible is None and est.award_yuan is None
    assert any(n.startswith("本条提供：") for n in est.notes)
    assert est.responsible_units


@pytest.mark.parametrize("mid", MEASURE_IDS)
def test_closing_provisions_on_every_result(mid):
    est = evaluate(mid, SAMPLE[mid], AS_OF)
    notes = " ".join(est.notes)
    assert "就高原则" in notes and "县工业和信息化局负责解释" in notes
    # The closing provisions are quoted verbatim: each quotation is a sentence of the final clause.
    final = load_notice().clause("final").text
    for quoted in re.findall(r"：“(.+?)”(?= |$)", notes):
        assert quoted in final, quoted
    assert "“本措施有效期从2024年1月1日起至3月31日，有特殊执行日期规定的除外。”" in notes
    assert "取高者" not in notes


SAMPLE = {
    "1": {"above_scale_industrial": True, "sales_increase_yuan": "800万"},
    "2": {
        "newly_commissioned_2024q1": True,
        "complies_with_industrial_policy": True,
        "power_2024q1_kwh": "50万度",
    },
    "3": {
        "above_scale_industrial": True,
        "in_county": True,
        "gas_2024q1_m3": "5万方",
        "specialized_sme_approved_on": None,
    },
    "4": {"heat_supplier": True, "resumed_on": "2024-02-10", "continuous_supply_q1": True},
    "5": {"in_cultivation_pool": True, "counted_2024": True, "entry_type": "upgrade"},
    "6": {"sector": "commerce", "in_statistics_2023q1": True, "received_other_award": False},
    "7": {"enterprise_status": "existing", "continuous_reporting": True, "statisticians": 1, "months": 12},
    "8": {"exporter_type": "trade", "has_agency_agreement": True},
    "9": {"fdi_2024q1_usd": "100万美元"},
    **{m: {} for m in ("10", "11", "12", "13")},
}


@pytest.mark.parametrize(
    ("mid", "as_of", "in_force"),
    [
        ("1", date(2024, 1, 1), True),
        ("1", date(2024, 3, 31), True),
        ("1", date(2024, 4, 1), False),
        ("1", date(2023, 12, 31), False),
        ("2", date(2024, 4, 1), False),
        ("5", date(2025, 12, 31), True),  # its own period: the second-year award and refund
        ("5", date(2026, 1, 1), False),
        ("8", date(2024, 12, 31), True),  # 该项政策执行期至2024年12月31日
        ("8", date(2025, 1, 1), False),
        ("7", date(2030, 6, 1), True),  # 长期有效
        ("9", date(2024, 3, 31), True),
        ("9", date(2024, 4, 1), False),
    ],
)
def test_in_force_on_the_as_of_date(mid, as_of, in_force):
    est = evaluate(mid, SAMPLE[mid], as_of)
    assert est.in_force.in_force is in_force
    assert est.in_force.as_of == as_of
    if in_force:
        assert "有效期内" in est.in_force.message
    else:
        assert "不在有效期内" in est.in_force.message or "尚未施行" in est.in_force.message


def test_an_expired_measure_still_shows_the_calculation():
    est = evaluate("1", SAMPLE["1"], date(2026, 1, 1))
    assert est.in_force.in_force is False and "2024年3月31日到期" in est.in_force.message
    assert est.eligible is True and est.award_yuan == D(80_000)


def test_measure_7_is_long_term():
    est = evaluate("7", SAMPLE["7"], date(2024, 6, 1))
    assert "长期有效" in est.in_force.period
