"""Facts of entry, awards and agreements said in the ways enterprises say them (methods, own wording)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.dialog.extract import extract


def facts(text: str) -> dict[str, object]:
    return {t.field: t.value for t in extract(text).taken if not t.derived}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 入库 / 进的统计 of an industrial enterprise is its entry into the statistics
        ("我厂2024年3月进的库", {"counted_2024": True, "entry_month": 3}),
        ("我们今年二月份才进的统计", {"counted_2024": True, "entry_month": 2}),
        ("公司今年刚进了规上", {"counted_2024": True, "above_scale_industrial": True}),
        # 当月 is the month said before it
        ("我司2024年2月投产，当月纳入规模以上工业统计", {"counted_2024": True, "entry_month": 2}),
    ],
)
def test_entry_said_as_ku_or_tongji(text, expected):
    got = facts(text)
    assert {k: got.get(k) for k in expected} == expected


def test_a_traders_ruku_is_not_industrial_counting():
    assert "counted_2024" not in facts("我们是做批发的，今年1月入库")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("我们公司奖励从来没拿过", False),
        ("本企业未享受过奖补", False),
        ("未领补贴", False),
        ("去年拿过县里的补贴", True),
    ],
)
def test_award_received_either_word_order(text, value):
    assert facts(text).get("received_other_award") is value


def test_award_named_without_negation_states_nothing():
    assert "received_other_award" not in facts("享受奖励要满足什么条件")


def test_cantonese_negated_agreement():
    assert facts("我哋冇同商務局簽出口代理協議")["has_agency_agreement"] is False


def test_long_above_scale_is_an_existing_entry():
    assert facts("我们厂早就是规上企业了")["enterprise_status"] == "existing"
    assert facts("我们是老规上企业，今年才入库")["enterprise_status"] == "new_entry"


def test_a_can_i_question_still_states_the_fact():
    assert facts("我们是规上工业企业有没有奖励")["above_scale_industrial"] is True
    assert facts("我们还不是规上的，能不能申请")["above_scale_industrial"] is False
    assert "above_scale_industrial" not in facts("我们是不是规上企业")


def test_quarter_entry_with_jiu():
    assert facts("我们2023年一季度就入库了")["in_statistics_2023q1"] is True


def test_from_last_q4_to_this_q1_takes_only_the_quarter():
    e = extract("一季度开票从去年四季度的1800万涨到2100万")
    got = {t.field: t.value for t in e.taken}
    assert got == {"sales_2024q1_yuan": Decimal(21_000_000)}
    assert "sales_2023q1_yuan" in e.unsure and any("1800万" in p for p in e.problems)
    # without the quarter said outside 从…, neither is taken
    assert extract("开票从去年四季度的1800万涨到2100万").taken == []
