"""Reading methods added for issue 9 after the first look of fresh26 (blind, this session).
Sentences written for these tests, not taken from a question set:
- a bare 数 opening its own part ("数是会计报的，不知准不准") doubts every figure before it;
- "就我老婆一个人": a relative named after 我 is the one person;
- "去年一季度以前就在库里" is in the 2023 Q1 library;
- a supplier named by its place ("县里燃气公司供的，在园区里用") owns nothing of the speaker's;
- 当月 in the same part as its month ("1月投产并于当月纳统") is that month.
"""

from decimal import Decimal

from assistant.dialog.extract import extract


def _read(text: str) -> dict:
    return {t.field: t.value for t in extract(text).taken}


def test_a_bare_shu_doubts_every_figure_before_it():
    e = extract("一季度用电六十万度，去年同期五十万度，数是会计报的，不知准不准")
    assert e.taken == [] or all(t.field not in ("power_2024q1_kwh", "power_2023q1_kwh") for t in e.taken)
    assert {"power_2024q1_kwh", "power_2023q1_kwh"} <= set(e.unsure)
    # a figure said with no doubt stays
    assert _read("一季度用电六十万度，去年同期五十万度")["power_2024q1_kwh"] == Decimal(600_000)


def test_one_relative_is_one_statistician():
    assert _read("我们厂统计员就我女儿一个人")["statisticians"] == 1
    assert "statisticians" not in _read("统计员小王一个人忙不过来")  # by herself: how busy, not how many


def test_before_the_quarter_already_in_the_library():
    assert _read("我们超市去年一季度之前就在库里了")["in_statistics_2023q1"] is True


def test_a_supplier_named_by_its_place_is_not_an_owner():
    read = _read("我们厂的气是县里燃气公司供的，在开发区里用，一季度用了两万一千方")
    assert read["gas_2024q1_m3"] == Decimal(21_000)
    assert "gas_2024q1_m3" not in _read("隔壁厂，在园区里，一季度用了三万方")


def test_same_month_in_the_same_part():
    assert _read("我们2024年2月投产并于当月纳统")["entry_month"] == 2
