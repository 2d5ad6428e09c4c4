"""第1条 落实增产增效奖励, table-driven from the notice: 500万元（含）以上 5万元; each further whole
100万元 +1万元 (partial steps count nothing); 最高不超过10万元; only 规上工业企业."""

from datetime import date
from decimal import Decimal

import pytest

from calculators import InputError, evaluate

AS_OF = date(2024, 3, 15)
W = 10_000  # 1 万元, to write the table the way the notice does


def award(**data):
    return evaluate("1", {"above_scale_industrial": True, **data}, AS_OF)


@pytest.mark.parametrize(
    ("increase", "expected"),
    [
        (0, 0),
        (500 * W - 1, 0),  # one below the threshold
        (Decimal("4999999.99"), 0),
        (500 * W, 5 * W),  # exactly at: 含500万元
        (500 * W + 1, 5 * W),  # one above: no partial step
        (600 * W - 1, 5 * W),  # one below the first step
        (600 * W, 6 * W),  # exactly one step
        (600 * W + 1, 6 * W),
        (Decimal("6500000.5"), 6 * W),
        (950 * W, 9 * W),
        (1000 * W - 1, 9 * W),  # one below the cap
        (1000 * W, 10 * W),  # exactly at the cap
        (1000 * W + 1, 10 * W),  # above the cap
        (5000 * W, 10 * W),
    ],
)
def test_schedule(increase, expected):
    est = award(sales_increase_yuan=increase)
    assert est.award_yuan == expected
    assert est.eligible is (expected > 0)
    assert est.upper_bound is False  # a fixed schedule, not a "最高" rate


def test_pair_gives_the_same_as_the_increase():
    est = award(sales_2023q1_yuan="4000万", sales_2024q1_yuan="4950万")
    assert est.award_yuan == 9 * W
    assert any("49,500,000" in s.formula and "40,000,000" in s.formula for s in est.steps)


def test_a_decline_is_not_an_error_but_not_eligible():
    est = award(sales_2023q1_yuan=5000 * W, sales_2024q1_yuan=4000 * W)
    assert est.eligible is False and est.award_yuan == 0
    assert est.unmet[0].field == "sales_increase_yuan"


def test_increase_and_pair_must_agree():
    with pytest.raises(InputError) as exc:
        award(sales_increase_yuan="800万", sales_2023q1_yuan="4000万", sales_2024q1_yuan="4950万")
    assert exc.value.field == "sales_increase_yuan" and "不一致" in exc.value.message
    assert award(
        sales_increase_yuan="950万", sales_2023q1_yuan="4000万", sales_2024q1_yuan="4950万"
    ).award_yuan


def test_not_above_scale_gets_nothing_and_says_why():
    est = evaluate("1", {"above_scale_industrial": False, "sales_increase_yuan": "800万"}, AS_OF)
    assert est.eligible is False and est.award_yuan == 0
    assert [u.field for u in est.unmet] == ["above_scale_industrial"]
    assert "规上工业企业" in est.unmet[0].reason


@pytest.mark.parametrize(
    ("increase", "hint"),
    [
        (300 * W, "再增加 2,000,000 元 销售额即达"),
        (750 * W, "再增加 500,000 元 销售额可多得 10,000 元"),
        (Decimal("7505000"), "再增加 495,000 元 销售额可多得 10,000 元"),
        (1200 * W, "已达封顶 100,000 元"),
    ],
)
def test_near_miss_guidance(increase, hint):
    assert any(hint in n for n in award(sales_increase_yuan=increase).next_step)


def test_trace_cites_the_clause_and_the_notice_words():
    est = award(sales_increase_yuan="950万")
    assert {s.clause for s in est.steps} == {"1"}
    text = " ".join(s.formula for s in est.steps)
    assert "每增加100万元再额外奖励1万元" in text and "最高不超过10万元" in text
    assert "不足一档不计" in " ".join(s.description for s in est.steps)
    assert est.responsible_units == ["县工信局", "开发区", "财政局"]
    assert est.evidence == ["以企业实际开具发票销售额为参考依据"]


def test_unknown_status_gives_a_conditional_answer():
    est = evaluate("1", {"above_scale_industrial": "不知道", "sales_increase_yuan": "800万"}, AS_OF)
    assert est.award_yuan == 8 * W
    assert est.assumptions == ["若贵企业属于规上工业企业"]
