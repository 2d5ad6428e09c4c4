"""Extraction methods added for issue 9 after the fresh11 set's first look: a fact followed by
"没有" or "我也不清楚" is not stated; "没有持续供汽" negates the continuity; 已享受 says an award was
received; "恢复送蒸汽" dates the resumption. Sentences written for these tests, not taken from a question set.
"""

from datetime import date

import pytest

from assistant.dialog.extract import extract


def _read(text: str) -> dict:
    return {t.field: t.value for t in extract(text).taken}


@pytest.mark.parametrize(
    "text", ["和商务局签了出口代理协议没有", "出口代理协议签了没我不太清楚", "我们是规上企业我也不知道"]
)
def test_a_fact_not_known_is_not_stated(text):
    assert _read(text) == {}


def test_not_knowing_the_award_leaves_the_fact_stated():
    assert _read("我们是规上企业不清楚能拿多少") == {"above_scale_industrial": True}


@pytest.mark.parametrize(
    ("text", "value"),
    [("一季度没有持续供汽，停了十天", False), ("一季度没有停产", True), ("一季度未能连续供汽", False)],
)
def test_a_negated_continuity_is_no(text, value):
    assert _read(text)["continuous_supply_q1"] is value


@pytest.mark.parametrize("text", ["企业已享受市级同类补贴", "已享受 其他奖励"])
def test_already_received_is_yes(text):
    assert _read(text)["received_other_award"] is True


def test_a_rule_question_about_those_who_received_states_nothing():
    assert "received_other_award" not in _read("已享受其他奖励的企业还能拿吗")


def test_steam_sent_again_dates_the_resumption():
    assert _read("我们2月13号恢复给园区送汽")["resumed_on"] == date(2024, 2, 13)
