"""Reading methods added for issue 9 after the first looks of fresh17 and fresh16 (blind sets of this
session). Sentences written for these tests, not taken from a question set:
- fresh17: one enterprise a unit speaks of ("有一家…企业", "有家…公司", "城西一家…公司", "园区供热公司")
  is not the speaker; 我们 as an object ("和我们签了") is not the enterprise's own words; a retired
  official (现在退了) is told, not reporting; two years added together are no quarter's figure;
  "应该算…吧" is a guess; "要制造业才行" is the rule's condition; a question particle ends a negation;
  a monthly rate (一百块一个人一个月, 一个月工资) is no count of months; 没进过…今年5月纳的统 does not
  negate the later fact;
- fresh16: a unit written once in a header ("销售(万元) 12,000", "用电(kWh)：…", "出口美金：去年…")
  applies to the bare figures after it; "m³ 2,800" is not 32,800; "/2024" after a figure is no rate;
  "园区5家企业…合计" is many enterprises; a retired official's "我们镇" is still heard; a person's own
  online shop (我个人开网店) is no enterprise; "隔壁…增了900万 我们才300万" is asked.
Search: "为了什么定的" asks the purpose (preamble); 入库当年 is clause 7's word.
"""

import pytest

from assistant.dialog.cues import prepare
from assistant.dialog.extract import extract
from assistant.search.index import search


def _read(text: str) -> dict:
    return {t.field: t.value for t in extract(text).taken}


@pytest.mark.parametrize(
    "text",
    [
        "我是统计局的，有一家批发企业今年新入库，统计员两名",
        "经信局这边：有家食品公司已经跟我们签了出口代理协议，今年出口30万美元",
        "开发区反映，城东一家新材料公司在2023年省战新年报库里",
        "管委会说园区供热公司2月18日恢复供汽的",
    ],
)
def test_one_enterprise_a_unit_speaks_of_is_not_the_speaker(text):
    read = _read(text)
    assert not {"statisticians", "export_2024_usd", "strategic_emerging_2023", "resumed_on"} & set(read)


def test_our_own_park_company_is_still_ours():
    assert _read("我们是园区的供热企业，2月18日恢复供汽")["resumed_on"].isoformat() == "2024-02-18"


def test_a_retired_official_is_told():
    e = extract("我以前是乡里的招商干部，现在退了，乡里说一季度外资到了二百万美元")
    assert "fdi_2024q1_usd" not in {t.field for t in e.taken}
    e = extract("我是退休的老乡长，现在的乡长跟我讲我们乡一季度外资三百万美元")
    assert "fdi_2024q1_usd" not in {t.field for t in e.taken}


def test_two_years_together_are_not_a_quarter():
    assert "sales_2023q1_yuan" not in _read("2022年和2023年加起来卖了两千万")


def test_a_guess_and_a_rule_condition_are_not_facts():
    assert "above_scale_manufacturing" not in _read("我们做竹席的应该算制造业吧")
    assert "above_scale_manufacturing" not in _read("会计说要制造业才行")


def test_a_question_particle_ends_the_negation():
    assert _read("做家具的不是制造业吗我们是规上的")["above_scale_industrial"] is True


@pytest.mark.parametrize("text", ["统计员一个月工资三千", "老企业一百块一个人一个月"])
def test_a_monthly_rate_is_no_count_of_months(text):
    assert "months" not in _read(text)


def test_a_negated_library_before_a_later_fact():
    read = _read("培育库没进过今年3月纳的统")
    assert read["counted_2024"] is True
    assert read["in_cultivation_pool"] is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("食品 | 24Q1销售(万元) 8,600 | 23Q1销售(万元) 7,900", {"sales_2024q1_yuan": 86_000_000}),
        ("用电(kWh)：2023一季度 510,000；2024一季度 640,000", {"power_2024q1_kwh": 640_000}),
        ("用电 万度：2023一季度 31.5 / 2024一季度 36.8", {"power_2024q1_kwh": 368_000}),
        ("出口美金：去年一百二十万 今年一百六十万", {"export_2024_usd": 1_600_000}),
        ("销售额（万元）：一季度 2,100，去年同期 1,700", {"sales_2023q1_yuan": 17_000_000}),
    ],
)
def test_a_header_unit_applies_to_the_figures_under_it(text, expected):
    read = _read(text)
    for field, value in expected.items():
        assert read[field] == value


def test_a_header_unit_stops_at_another_subject():
    read = _read("销售额（万元）：3200，用电 480")
    assert read["sales_2024q1_yuan"] == 32_000_000
    assert "power_2024q1_kwh" not in read


def test_a_header_leaves_years_and_dates():
    assert prepare("用气量（m³）：42000，专精特新：2024年3月5日获批").count("m3") == 1


def test_a_unit_before_the_figure_is_not_glued_to_it():
    assert _read("一季度用气 m³ 2,800")["gas_2024q1_m3"] == 2800


def test_a_slash_before_a_year_is_no_rate():
    assert _read("用电：2023一季度 40万度/2024一季度 46万度")["power_2023q1_kwh"] == 400_000


@pytest.mark.parametrize(
    "text", ["园区5家企业一季度合计用电 860万千瓦时", "全乡十几家企业一季度用气合计30万方"]
)
def test_several_enterprises_together_are_not_the_speaker(text):
    assert _read(text) == {}


def test_a_persons_own_shop_is_no_enterprise():
    e = extract("我个人开网店一季度卖了20万茶叶")
    assert e.taken == []
    assert any("个人" in p for p in e.problems)


def test_a_parallel_figure_after_another_enterprises_increase_is_asked():
    e = extract("隔壁厂一季度销售涨了800万 我们才200万")
    assert not any(t.field.startswith("sales") for t in e.taken)
    assert "sales_increase_yuan" in e.unsure


@pytest.mark.parametrize(
    ("query", "clause"), [("这个政策当初是为了什么定的", "preamble"), ("入库当年统计员一个月多少", "7")]
)
def test_search_purpose_and_first_year(query, clause):
    hits = search(query).hits
    assert hits and hits[0].id == clause


# Asked at fresh17's first look, read now (sentences written for these tests):
@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("我司为在库服务业企业", "existing"),
        ("我们酒店是今年正月里入的库", "new_entry"),
        ("我们做物流的不是工业今年刚进的服务业库", "new_entry"),
        ("我哋喺庫入面好多年喇", "existing"),
    ],
)
def test_the_entry_year_says_the_status(text, status):
    assert _read(text)["enterprise_status"] == status


def test_a_negated_this_year_entry_is_not_new():
    assert "enterprise_status" not in _read("我们不是今年入库的")


@pytest.mark.parametrize(
    ("text", "months"), [("统计员两个，由五月报到十二月", 8), ("统计员1个从1月报到12月", 12)]
)
def test_months_reported_from_to(text, months):
    assert _read(text)["months"] == months


def test_lia_is_two():
    assert _read("统计员俩人")["statisticians"] == 2


def test_own_production_said_plainly():
    assert _read("去年出口80万美元，都是我们自己生产的")["exporter_type"] == "production"


def test_used_in_the_county_town():
    assert _read("天然气一季度2万方，县城这边厂里用的")["in_county"] is True
    assert "in_county" not in _read("用气是县城外面的厂用的")


def test_already_counted_in_a_month():
    assert _read("不过今年四月已经纳统")["entry_month"] == 4
