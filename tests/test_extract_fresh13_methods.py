"""Extraction methods added for issue 9 after the fresh13 set's first look: the one-character verbs
增/降/减 right before a figure give its direction, and 一个人 right after a person says how she works
("她一个人忙不过来"), not how many statisticians there are, unless the words say only one ("就我一个人").
Sentences written for these tests, not taken from a question set.
"""

from decimal import Decimal

import pytest

from assistant.dialog.extract import extract


def _read(text: str) -> dict:
    return {t.field: t.value for t in extract(text).taken}


@pytest.mark.parametrize("text", ["开票同比增450万", "一季度销售增450万元", "营收同比增450万"])
def test_a_one_character_increase_is_the_increase(text):
    read = _read(text)
    assert read.get("sales_increase_yuan") == Decimal(4_500_000)
    assert "sales_2024q1_yuan" not in read


@pytest.mark.parametrize("text", ["一季度销售同比降450万", "开票同比减450万元", "营收降450万"])
def test_a_one_character_decline_is_not_stored(text):
    result = extract(text)
    assert not {t.field for t in result.taken} & {"sales_increase_yuan", "sales_2024q1_yuan"}


def test_vat_is_not_an_increase():
    assert "sales_increase_yuan" not in _read("一季度交增值税45万")


@pytest.mark.parametrize(
    "text", ["统计员小王一个人忙不过来", "统计员是她一个人在做，报表很多", "我们的统计员他一个人跑上跑下"]
)
def test_by_oneself_is_not_a_count(text):
    assert "statisticians" not in _read(text)


@pytest.mark.parametrize(
    "text", ["统计员就我一个人", "统计人员只有小王一个人", "我们统计员就她一个人，报了一年"]
)
def test_only_one_is_a_count(text):
    assert _read(text).get("statisticians") == 1


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("统计员2人，全年持续上报统计数据", "continuous_reporting", True),
        ("统计报表报了一年从没断过", "continuous_reporting", True),
        ("来电 服务业 在库 统计员1人", "enterprise_status", "existing"),
        ("我们做竹筷出口，自己生产自己卖", "exporter_type", "production"),
        ("之前是规下，今年1月入规了", "entry_type", "upgrade"),
        ("今年一月投产，二月就纳了统", "counted_2024", True),
        ("今年一月投产，二月就纳了统", "entry_month", 2),
    ],
)
def test_facts_said_in_other_words(text, field, value):
    assert _read(text).get(field) == value


def test_a_stock_word_is_not_in_the_statistics():
    assert "enterprise_status" not in _read("在库存里放了三个月")


def test_a_family_trade_is_an_enterprise():
    assert _read("我家是做笋干的，一季度卖了两千万")["sales_2024q1_yuan"] == Decimal(20_000_000)


@pytest.mark.parametrize("text", ["我们是1998年建的厂，今年2月纳统", "厂是好几年前建的，今年入规"])
def test_a_plant_built_years_ago_is_not_a_new_build(text):
    assert _read(text).get("entry_type") != "new_build"


def test_a_plant_built_last_year_and_commissioned_now_is_a_new_build():
    assert _read("厂是去年开始建的，今年1月投产，2月纳统")["entry_type"] == "new_build"
