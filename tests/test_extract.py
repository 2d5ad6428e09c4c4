"""Figures taken from a question (assistant/extract.py): by unit and cue words, never by sentence."""

from decimal import Decimal

import pytest

from assistant.extract import extract, field_for_words


def taken(text: str, prefer=()) -> dict[str, object]:
    return {t.field: t.value for t in extract(text, prefer).taken}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一季度销售额增长了800万", {"sales_increase_yuan": Decimal(8_000_000)}),
        ("用了5万方天然气", {"gas_2024q1_m3": Decimal(50_000)}),
        (
            "用电比去年多了30万度，去年120万度",
            {"power_2023q1_kwh": Decimal(1_200_000), "power_2024q1_kwh": Decimal(1_500_000)},
        ),
        ("我们是规上企业", {"above_scale_industrial": True}),
        ("我们不是规上企业", {"above_scale_industrial": False}),
        ("3个统计员，干了10个月", {"statisticians": 3, "months": 10}),
        ("外资到资350万美元", {"fdi_2024q1_usd": Decimal(3_500_000)}),
        # Other wordings of the same facts: full-width digits are NFKC'd by the engine, Chinese numerals here.
        ("营收比去年同期增加了八百五十万元", {"sales_increase_yuan": Decimal(8_500_000)}),
        (
            "去年一季度销售额4000万，今年一季度4950万",
            {"sales_2023q1_yuan": Decimal(40_000_000), "sales_2024q1_yuan": Decimal(49_500_000)},
        ),
        (
            "2023年一季度用电100万千瓦时，2024年一季度用电120万千瓦时",
            {"power_2023q1_kwh": Decimal(1_000_000), "power_2024q1_kwh": Decimal(1_200_000)},
        ),
        (
            "今年一季度用电150万度，比去年多了30万度",
            {"power_2024q1_kwh": Decimal(1_500_000), "power_2023q1_kwh": Decimal(1_200_000)},
        ),
        ("天然气用了2.5万立方米", {"gas_2024q1_m3": Decimal(25_000)}),
        ("我司是规上制造业企业", {"above_scale_industrial": True, "above_scale_manufacturing": True}),
        ("有两名报表员", {"statisticians": 2}),
        (
            "我们是供热企业，2024年2月10日复工",
            {"heat_supplier": True, "resumed_on": __import__("datetime").date(2024, 2, 10)},
        ),
    ],
)
def test_figures_are_taken(text, expected):
    assert taken(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "规上企业有什么奖励",  # asks about the category, says nothing of the enterprise
        "第5条怎么申请",  # a clause number is not a figure
        "2024年3月31日前获批的企业",  # a date is not an amount
        "一季度有什么政策",
        "电费有补贴吗",
    ],
)
def test_nothing_is_taken_where_nothing_is_stated(text):
    assert taken(text) == {}


def test_an_increase_alone_waits_for_a_year():
    e = extract("用电比去年多了30万度")
    assert e.taken == []
    assert [(d.past, d.present, d.amount) for d in e.deltas] == [
        ("power_2023q1_kwh", "power_2024q1_kwh", Decimal(300_000))
    ]


def test_a_refused_figure_is_reported_not_taken():
    e = extract("统计员干了13个月")
    assert "months" not in {t.field for t in e.taken}
    assert e.problems and "1 到 12" in e.problems[0]


@pytest.mark.parametrize(
    ("words", "prefer", "field"),
    [
        ("销售额900万", {"sales_increase_yuan"}, "sales_increase_yuan"),
        ("去年销售额", set(), "sales_2023q1_yuan"),
        ("去年用电", {"power_2023q1_kwh", "power_2024q1_kwh"}, "power_2023q1_kwh"),
        ("统计员", set(), "statisticians"),
        ("天然气", set(), "gas_2024q1_m3"),
    ],
)
def test_field_named_for_a_change(words, prefer, field):
    assert field_for_words(words, prefer) == field
