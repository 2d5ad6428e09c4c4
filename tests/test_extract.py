"""Figures taken from a question (assistant/extract.py): by unit and cue words, never by sentence."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.dialog.extract import extract, field_for_words
from calculators.fields import FIELDS


def taken(text: str, prefer=()) -> dict[str, object]:
    """What the text states (figures worked out from two stated ones are tested apart)."""
    return {t.field: t.value for t in extract(text, prefer).taken if not t.derived}


def derived(text: str) -> dict[str, object]:
    return {t.field: t.value for t in extract(text).taken if t.derived}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two sales figures give the third: this year − last year = the increase, and back
        ("上年一季度营收两千万元，本年一季度两千六百万元", {"sales_increase_yuan": Decimal(6_000_000)}),
        ("今年一季度开票九千万，同比增加了一千万", {"sales_2023q1_yuan": Decimal(80_000_000)}),
        ("去年一季度销售额3000万，今年增长了450万", {"sales_2024q1_yuan": Decimal(34_500_000)}),
        # a fall between the two levels is a decline: no increase is stored
        ("去年一季度卖了2500万，今年一季度2100万", {}),
        # no growth is an increase of 0, not a decline
        ("今年一季度销售额2000万，去年同期2000万", {"sales_increase_yuan": Decimal(0)}),
        # an increase larger than this year's sales gives no last-year figure
        ("今年一季度销售300万，增长了500万", {}),
    ],
)
def test_the_third_sales_figure_is_worked_out(text, expected):
    assert derived(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一季度销售额增长了800万", {"sales_increase_yuan": Decimal(8_000_000)}),
        ("用了5万方天然气", {"gas_2024q1_m3": Decimal(50_000)}),
        (
            "用电比去年多了30万度，去年120万度",
            {"power_2023q1_kwh": Decimal(1_200_000)},  # 2024's 150万 is derived (below)
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
            {"power_2024q1_kwh": Decimal(1_500_000)},
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
    ("text", "expected"),
    [
        # months said beside the statisticians or the year of entry are the months reported
        ("报表员两名，十个月", {"statisticians": 2, "months": 10}),
        ("入库当年一共11个月", {"months": 11}),
        # months after an entry last year are last year's
        # (2023年 进的库: not counted in 2024 either)
        ("报表员一名，2023年10月进的库，当年干了3个月", {"statisticians": 1, "counted_2024": False}),
        ("一季度数据：用电85万度", {"power_2024q1_kwh": Decimal(850_000)}),
        # a part after 其中 is not a second figure for the field, unless it names the field itself
        ("统计员三个，其中两个是新招的", {"statisticians": 3}),
        ("公司职工120人，其中报表员2名", {"statisticians": 2}),
        # a township named earlier owns what follows; a place the enterprise is in does not
        ("乡里一季度利用外资200万美元，用电也有500万度", {"fdi_2024q1_usd": Decimal(2_000_000)}),
        ("我们位于县工业园区，一季度用电60万度", {"power_2024q1_kwh": Decimal(600_000)}),
        # power said to exclude 余热发电 is industrial power
        ("用电量（未含余热发电）一季度90万度", {"power_2024q1_kwh": Decimal(900_000)}),
        ("除去余热发电，一季度用电75万度", {"power_2024q1_kwh": Decimal(750_000)}),
    ],
)
def test_months_and_power_in_their_context(text, expected):
    assert taken(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "规上企业有什么奖励",  # asks about the category, says nothing of the enterprise
        "第5条怎么申请",  # a clause number is not a figure
        "2024年3月31日前获批的企业",  # a date is not an amount
        "一季度有什么政策",
        "电费有补贴吗",
        "园区里全部企业一季度合计用气30万方",  # a total over many enterprises
        "咱们乡所有的企业一季度开票加在一起两个亿",
        "统计员的社保一年交12个月",  # months of a thing no field holds
        "统计人员预计能报九个月",  # an estimate of months, not months reported
        "对面的工厂一季度用电150万度",  # another enterprise's figure
        "别家公司去年一季度开票6000万",
        "一季度电费80万",  # 一季度's 度 and 电费 are not 度电
        "一季度电池出货300万",  # 电池 is a product, not 电
        "暖气一季度交了15万",  # 暖气 is heating, not natural gas
    ],
)
def test_nothing_is_taken_where_nothing_is_stated(text):
    assert taken(text) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("用电比去年多了30万度，去年120万度", {"power_2024q1_kwh": Decimal(1_500_000)}),
        ("今年一季度用电150万度，比去年多了30万度", {"power_2023q1_kwh": Decimal(1_200_000)}),
        ("今年一季度用电150万度比去年多30万度有奖励吗", {"power_2023q1_kwh": Decimal(1_200_000)}),
    ],
)
def test_one_years_level_and_an_increase_give_the_other_year_as_derived(text, expected):
    # worked out, so said back as 推算 and listed by ask --json under "derived", not "read"
    assert derived(text) == expected


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
        # a year alone names the field of the one kind of figure known
        ("上年", {"sales_2024q1_yuan", "sales_2023q1_yuan", "sales_increase_yuan"}, "sales_2023q1_yuan"),
        ("本年", {"above_scale_industrial", "power_2023q1_kwh"}, "power_2024q1_kwh"),
    ],
)
def test_field_named_for_a_change(words, prefer, field):
    assert field_for_words(words, prefer) == field


# What the figure measures, which year, which direction (issue 9): the value stored, or nothing.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what it measures
        ("一季度开票4200万", {"sales_2024q1_yuan": Decimal(42_000_000)}),
        ("一季度营业额3000万", {"sales_2024q1_yuan": Decimal(30_000_000)}),
        ("营收比去年多了500万", {"sales_increase_yuan": Decimal(5_000_000)}),
        ("一季度产值5000万，销售4800万", {"sales_2024q1_yuan": Decimal(48_000_000)}),
        ("工资一季度发了300万元", {}),
        ("电费一季度交了80万", {}),
        ("余热发电200万度，工业用电150万度", {"power_2024q1_kwh": Decimal(1_500_000)}),
        ("员工120人，统计员2人", {"statisticians": 2}),
        ("公司有员工80人", {}),
        # 第9条 counts a township's or department's 外资: neither the township's total retold by an
        # enterprise nor the enterprise's own 到资 is that subject's figure
        ("全乡外资总额1000万美元，我们企业到资200万美元", {}),
        ("乡镇外资一共3000万美元", {}),
        # which year
        (
            "今年一季度销售3650万（去年2980万）",
            {"sales_2024q1_yuan": Decimal(36_500_000), "sales_2023q1_yuan": Decimal(29_800_000)},
        ),
        (
            "24年一季度销售5100万，23年一季度4300万",
            {"sales_2024q1_yuan": Decimal(51_000_000), "sales_2023q1_yuan": Decimal(43_000_000)},
        ),
        ("上年同期开票4000万", {"sales_2023q1_yuan": Decimal(40_000_000)}),
        (
            "本年一季度用电150万度，上年同期120万度",
            {"power_2024q1_kwh": Decimal(1_500_000), "power_2023q1_kwh": Decimal(1_200_000)},
        ),
        (
            "2023年一季度开票4000万，2024年一季度开票4950万",
            {"sales_2023q1_yuan": Decimal(40_000_000), "sales_2024q1_yuan": Decimal(49_500_000)},
        ),
        (
            "销售额从4000万涨到4950万",
            {"sales_2023q1_yuan": Decimal(40_000_000), "sales_2024q1_yuan": Decimal(49_500_000)},
        ),
        ("去年一季度用气2万方，今年一季度用了2.6万方", {"gas_2024q1_m3": Decimal(26_000)}),  # no 2023 gas
        ("全年销售2亿", {}),  # not a first quarter
        ("一季度出口100万美元", {}),  # export is counted by whole years
        (
            "出口额去年200万美元，今年350万美元",
            {"export_2023_usd": Decimal(2_000_000), "export_2024_usd": Decimal(3_500_000)},
        ),
        # which direction: a decline is never stored, as a level or an increase
        ("销售额同比减少了150万", {}),
        ("销售额下降了200万", {}),
        ("一季度用电比去年少了10万度", {}),
        ("销售额比去年同期多了六百五十万", {"sales_increase_yuan": Decimal(6_500_000)}),
        # a unit that does not fit what is measured
        ("外资到位了500万人民币", {}),
        ("3万度天然气", {}),
        ("用电120万方", {}),
        # a rule, not the enterprise's own figure
        ("增长500万以上能奖多少", {}),
        ("增长1000万以上的企业奖多少", {}),
        ("销售额超过5000万的企业有奖励吗", {}),
        ("每度电补多少", {}),
        ("投产3个月了", {}),
        # approximate figures are not stored
        ("一季度用天然气四万立方米左右吧", {}),
        ("一季度销售大概三千万", {}),
        ("开票七八百万", {}),
        ("销售一百多万", {}),
        # one month is not the quarter; a temperature is not electricity; a fee is not gas
        ("今年2月用气1万方", {}),
        ("今年3月份用电50万度", {}),
        ("1-3月用电50万度", {"power_2024q1_kwh": Decimal(500_000)}),
        ("热死了今天三十八度", {}),
        ("一季度燃气费交了40万", {}),
        ("今年一季度用电200万度，其中余热发电20万度", {}),
        # whose figure: a township's total, unless the township speaks
        ("我们是外资企业，听说我们镇一季度实际利用外资总共有六百万美元", {}),
        (
            "我是镇里负责招商的，今年一季度我们镇实际利用外资四百万美元",
            {"fdi_2024q1_usd": Decimal(4_000_000)},
        ),
        # a year or owner said after the figure; a condition asked about; a rate per person
        ("外资到位350万美元是去年的事", {}),
        ("实际利用外资350万美元，是全县的", {}),
        ("是不是销售4500万就能拿奖励", {}),
        ("统计员每人每月150元吗", {}),
        # a supposed figure is asked, not stored (issue 9: a hypothetical is no stated figure)
        ("如果我们销售增长了800万，能拿多少", {}),
        # a small figure that lost its 万 beside one that has it; 1-3月 is the quarter
        ("我们厂今年头三个月开票开了三千二百万，去年同期两千六", {"sales_2024q1_yuan": Decimal(32_000_000)}),
        (
            "2024年1-3月销售收入4500万元，2023年1-3月3600万元",
            {"sales_2024q1_yuan": Decimal(45_000_000), "sales_2023q1_yuan": Decimal(36_000_000)},
        ),
        ("一季度开票1.5个亿", {"sales_2024q1_yuan": Decimal(150_000_000)}),
        ("外资一季度到了200万", {}),  # 美元 or 元? asked
        # a year said for an earlier part only; other periods; a bound
        ("去年一季度销售3000万，用电100万度", {"sales_2023q1_yuan": Decimal(30_000_000)}),
        (
            "去年同期开票3500万，一季度开票4200万",
            {"sales_2023q1_yuan": Decimal(35_000_000), "sales_2024q1_yuan": Decimal(42_000_000)},
        ),
        ("上个季度开票4000万", {}),
        ("年初到现在开票4000万", {}),
        ("一季度开票额突破5000万", {}),
        (
            "开票额 24Q1 4000万 23Q1 3500万",
            {"sales_2024q1_yuan": Decimal(40_000_000), "sales_2023q1_yuan": Decimal(35_000_000)},
        ),
        ("一季度销售额同比增长25%，去年同期3200万", {"sales_2023q1_yuan": Decimal(32_000_000)}),
        # without punctuation: each figure keeps its own words
        (
            "今年一季度用电150万度比去年多30万度有奖励吗",
            {"power_2024q1_kwh": Decimal(1_500_000)},
        ),
        (
            "去年同期用电120万度今年150万度统计员两个",
            {
                "power_2023q1_kwh": Decimal(1_200_000),
                "power_2024q1_kwh": Decimal(1_500_000),
                "statisticians": 2,
            },
        ),
        (
            "去年一季度销售是0，今年一季度2000万",
            {"sales_2023q1_yuan": Decimal(0), "sales_2024q1_yuan": Decimal(20_000_000)},
        ),
        # Cantonese words in traditional text; 万 left out in speech; 售电发票 is electricity
        (
            "我哋公司今年一季度開咗四千萬發票，舊年同期三千五百萬",
            {"sales_2024q1_yuan": Decimal(40_000_000), "sales_2023q1_yuan": Decimal(35_000_000)},
        ),
        ("销售额一季度四千二，去年三千五", {}),
        (
            "售电发票上今年一季度是96万度，去年同期是88万度",
            {"power_2024q1_kwh": Decimal(960_000), "power_2023q1_kwh": Decimal(880_000)},
        ),
        # three sales figures must add up
        ("今年一季度开票4950万，去年同期4000万，增长了900万", {}),
        (
            "今年一季度开票4950万，去年同期4000万，增长了950万",
            {
                "sales_2024q1_yuan": Decimal(49_500_000),
                "sales_2023q1_yuan": Decimal(40_000_000),
                "sales_increase_yuan": Decimal(9_500_000),
            },
        ),
        # months are this year's; zero needs no currency; two figures for one field
        ("统计员去年报了12个月", {}),
        ("一季度外资到资0", {"fdi_2024q1_usd": Decimal(0)}),
        ("我们有两名统计员，一名专职一名兼职", {}),
        # traditional characters, keyword lists, shorthand
        ("今年第一季度銷售額比去年同期增長１，２００萬元", {"sales_increase_yuan": Decimal(12_000_000)}),
        ("天然气 今年一季度 8万方", {"gas_2024q1_m3": Decimal(80_000)}),
        (
            "今年一季度开票2kw去年同期1.5kw",
            {"sales_2024q1_yuan": Decimal(20_000_000), "sales_2023q1_yuan": Decimal(15_000_000)},
        ),
        (
            "2024Q1开票销售额4,560万元，2023Q1为3,980万元",
            {"sales_2024q1_yuan": Decimal(45_600_000), "sales_2023q1_yuan": Decimal(39_800_000)},
        ),
        # 第9条's subject is the township: its own total is the field; a county's is no township's
        ("镇上今年一季度实际到资250万美元", {"fdi_2024q1_usd": Decimal(2_500_000)}),
        ("全县一季度实际利用外资900万美元", {}),
        # a figure asked about is a threshold, not the enterprise's
        ("开票增长了700万，到没到500万", {"sales_increase_yuan": Decimal(7_000_000)}),
        # 新建 is not this year: the year beside 纳统 decides
        ("厂子是新建的，2022年就已经纳统", {"counted_2024": False, "above_scale_industrial": True}),
        # months missed, or a monthly rate, are not months reported
        (
            "老企业统计员2人，有三个月没出数",
            {"enterprise_status": "existing", "statisticians": 2, "continuous_reporting": False},
        ),
        ("新入库的，统计员每个月150块对吧", {"enterprise_status": "new_entry"}),
        # a development zone's total is no enterprise's; a restart in another year is not 2024's
        ("工业园区今年一季度开票一共增长了5亿", {}),
        ("开发区所有企业一季度用电增长了两千万度", {}),
        ("我们供热厂2022年3月1日达到复工复产标准", {"heat_supplier": True}),
        # no heat supplier: its 复工 date is not 第4条's
        ("我们不是供热企业，3月1日复工复产", {"heat_supplier": False}),
        # a bracketed last-year figure is an aside: the next figure is still this year's
        (
            "一季度开票5000万（去年4000万），用气12万方（去年10万方）",
            {
                "sales_2024q1_yuan": Decimal(50_000_000),
                "sales_2023q1_yuan": Decimal(40_000_000),
                "gas_2024q1_m3": Decimal(120_000),
            },
        ),
    ],
)
def test_what_which_year_which_direction(text, expected):
    assert taken(text) == expected


@pytest.mark.parametrize(
    ("text", "field", "says"),
    [
        ("外资到位了500万人民币", "fdi_2024q1_usd", "是人民币；2024年一季度实际利用外资按美元计"),
        ("3万度天然气", "gas_2024q1_m3", "是千瓦时"),
        ("用电120万方", "power_2024q1_kwh", "是立方米"),
        ("全年销售2亿", "sales_2024q1_yuan", "按一季度计"),
        ("一季度开票1,2亿", "sales_2024q1_yuan", "逗号"),
        # 余热发电 said anywhere in the sentence makes a power figure uncertain
        ("一季度用电90万度，余热发电有15万度", "power_2024q1_kwh", "含余热发电"),
        ("一季度用电90万度其中15万度为自发电", "power_2024q1_kwh", "含余热发电"),
        # other periods than the quarter: the first two months, a month range, one day
        ("头两个月开票1800万", "sales_2024q1_yuan", "按一季度计"),
        ("1-2月用电80万度", "power_2024q1_kwh", "「1-2月用电80万度」未采用"),
        ("3月8日一天开票300万", "sales_2024q1_yuan", "按一季度计"),
        # a plan, a target or next year is not what happened
        ("我们一季度开票的目标是七千万", "sales_2024q1_yuan", "计划或预计"),
        ("明年一季度用电打算到300万度", "power_2024q1_kwh", "计划或预计"),
    ],
)
def test_an_uncertain_figure_names_the_field_and_says_what_was_understood(text, field, says):
    e = extract(text)
    assert e.taken == [] and field in e.unsure
    assert any(says in p for p in e.problems)


def test_a_decline_is_reported_not_stored():
    e = extract("销售额同比减少了150万")
    assert e.taken == []
    assert [(n, a) for n, _, a in e.declines] == [("sales_increase_yuan", Decimal(1_500_000))]


def test_two_different_figures_for_one_field_store_neither():
    e = extract("一季度开票4200万，一季度开票4300万")
    assert "sales_2024q1_yuan" not in {t.field for t in e.taken}
    assert "sales_2024q1_yuan" in e.unsure


def test_a_figure_without_a_subject_answers_the_pending_question():
    assert taken("4000万", prefer=()) == {}
    e = extract("4000万", pending="sales_2023q1_yuan")
    assert {t.field: t.value for t in e.taken} == {"sales_2023q1_yuan": Decimal(40_000_000)}
    # "4000万吧" is a guess (吧), as in every labelled set: asked again, not stored
    e = extract("4000万吧", pending="sales_2023q1_yuan")
    assert e.taken == [] and "sales_2023q1_yuan" in e.unsure


# Yes/no facts about the enterprise, with negations, sectors and years.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("规上企业但不是制造业", {"above_scale_industrial": True, "above_scale_manufacturing": False}),
        ("我们是规上服务业企业", {"above_scale_industrial": False, "sector": "services"}),
        ("我们是规上企业，不过是做批发的，不是工业", {"above_scale_industrial": False, "sector": "commerce"}),
        (
            "去年是规下，今年刚入规",
            {
                "entry_type": "upgrade",
                "counted_2024": True,
                "enterprise_status": "new_entry",
                "above_scale_industrial": True,
            },
        ),
        ("我们2023年新建投产", {"newly_commissioned_2024q1": False, "built_2024": False}),
        ("我们是今年一季度新投产的", {"newly_commissioned_2024q1": True}),
        ("我们是新投产企业吗", {}),
        (
            "我们是新入规企业",
            {"counted_2024": True, "enterprise_status": "new_entry", "above_scale_industrial": True},
        ),
        (
            "我们厂去年没有入规，今年刚纳统",
            {"counted_2024": True, "entry_type": "upgrade", "above_scale_industrial": True},
        ),
        ("我们2023年就纳统了", {"counted_2024": False}),
        ("我们是去年新建的，今年二月投产", {"newly_commissioned_2024q1": True}),
        ("我们今年刚进战略性新兴产业库", {"strategic_emerging_2023": False}),
        (
            "我們是供熱企業，2月10號復工",
            {"heat_supplier": True, "resumed_on": __import__("datetime").date(2024, 2, 10)},
        ),
        ("我们厂在沙县用天然气", {"in_county": False}),
        ("我司属于国家产业政策淘汰类项目", {"complies_with_industrial_policy": False}),
        ("我们不是供热企业", {"heat_supplier": False}),
        ("我们没有进培育库", {"in_cultivation_pool": False}),
        ("我们是规上企业能拿多少", {"above_scale_industrial": True}),
        ("规上企业有什么奖励", {}),
        ("我们算不算规上企业", {}),  # a question, not a negation
        ("我们不清楚是不是规上", {}),
        ("我们可能是规上企业", {}),
        ("隔壁厂是规上企业，我们不是", {}),  # another enterprise's fact
        ("我哋冇入規", {"above_scale_industrial": False}),
        ("我們唔係規上企業", {"above_scale_industrial": False}),
        ("我们已经享受过市里的奖励了", {"received_other_award": True}),
        ("想问问能不能拿到奖励", {}),  # 能不能: a question, not a negation
        ("规上工业企业申报流程", {}),  # topics, not statements
        ("新入规企业奖励标准", {}),
        ("供热企业补贴", {}),
    ],
)
def test_facts_stated_about_the_enterprise(text, expected):
    assert taken(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # reporting on time is continuous; reporting broken off is not, and a negated break is
        ("我们每月按期报送统计报表", {"continuous_reporting": True}),
        ("报表员去年底漏报过一次", {"continuous_reporting": False}),
        ("我们有一个月没出数", {"continuous_reporting": False}),
        ("我们公司从没断报", {"continuous_reporting": True}),
        # a new factory entering the statistics this year; a month without a year is this year's
        (
            "刚新建的工厂，今年入规了",
            {"entry_type": "new_build", "counted_2024": True, "above_scale_industrial": True},
        ),
        # 纳统 is the entry into the statistics, so its month is 第7条's 入库 month too
        ("我们二月份纳统的", {"counted_2024": True, "above_scale_industrial": True, "entry_month": 2}),
        # ...but not beside an earlier year
        ("新建的企业，去年五月入规", {"counted_2024": False}),
        # an old company that entered the statistics this year is not an existing entry
        (
            "我们是老企业了，今年2月才入库",
            {"enterprise_status": "new_entry", "entry_month": 2, "counted_2024": True},
        ),
        # an enterprise that moved up from below scale is above scale now
        ("咱们厂属于规下转规上的", {"entry_type": "upgrade", "above_scale_industrial": True}),
        # a negated stop is continuous supply
        ("供热企业，一季度锅炉没有停机", {"heat_supplier": True, "continuous_supply_q1": True}),
    ],
)
def test_reporting_and_entry_facts(text, expected):
    assert taken(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # days of the first lunar month, in the notice's year unless last year is said
        ("供热企业，大年初六恢复供汽", date(2024, 2, 15)),
        ("我们供热厂农历正月廿一复产", date(2024, 3, 1)),
        ("供汽企业，2024年正月初十复工", date(2024, 2, 19)),
        ("供热企业2024年正月十二复工", date(2024, 2, 21)),
    ],
)
def test_a_lunar_date_is_read_as_its_day(text, expected):
    assert taken(text)["resumed_on"] == expected


def test_a_restart_in_another_year_is_asked_not_stored():
    # 第4条's deadline is 2024年2月17日: a 2023 restart stored would pass it, a confident wrong award
    out = extract("供汽企业，去年正月初十复工")
    assert "resumed_on" not in {t.field for t in out.taken} and "resumed_on" in out.unsure
    assert any("2024年" in p for p in out.problems)


@pytest.mark.parametrize(
    "text",
    [
        "供热企业，差不多2月18号前后复工",  # approximate
        "供热企业，估计正月初九复产",
        "供热企业，正月三十复工",  # 正月 of 2024 has 29 days
        "供热企业，2021年正月初五复工",  # a year no table holds
    ],
)
def test_a_date_not_certain_is_asked(text):
    e = extract(text)
    assert "resumed_on" not in {t.field for t in e.taken} and "resumed_on" in e.unsure
    assert e.problems


def test_the_enterprise_describing_itself_by_industrial_policy_is_not_rule_text():
    assert taken("符合国家产业政策的规上制造业企业，一季度用电80万度") == {
        "complies_with_industrial_policy": True,
        "above_scale_manufacturing": True,
        "above_scale_industrial": True,
        "power_2024q1_kwh": Decimal(800_000),
    }
    assert taken("对符合国家产业政策的规模以上制造业企业给予奖励") == {}


_ALPHABET = (
    "0123456789,.万亿千百十一二两三四五六七八九零元度方美人个月年季去今比多少增长减"
    "销售用电气外资统计员规上下不是我们吗？，（）%kw $￥-到从"
)


@given(st.text(alphabet=_ALPHABET, max_size=40), st.sampled_from([None, "sales_2023q1_yuan", "months"]))
@settings(max_examples=300, deadline=None)
def test_any_text_is_read_without_an_error_and_every_value_is_the_fields(text, pending):
    e = extract(text, pending=pending)
    for t in e.taken:
        assert t.field in FIELDS
        if FIELDS[t.field].kind == "amount":
            assert isinstance(t.value, Decimal) and t.value >= 0


# Issue 9, fresh5's methods (sentences of our own).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开票一千二百万 不对 是一千三百万", {"sales_2024q1_yuan": Decimal(13_000_000)}),
        ("统计员两名，说错了，是三名", {"statisticians": 3}),
        ("一季度用电80万度，哦不，应该是85万度", {"power_2024q1_kwh": Decimal(850_000)}),
    ],
)
def test_a_figure_taken_back_in_the_message_gives_way_to_the_last(text, expected):
    assert taken(text) == expected


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("去年开票也就2500万", "sales_2023q1_yuan"),  # a year's figure, not the quarter's
        ("今年用电比去年多了20万度", "power_2024q1_kwh"),  # a year's increase so far
        ("今年开票比去年多了300万", "sales_increase_yuan"),
        ("用气同比增加约为3万方", "gas_2024q1_m3"),  # 约为: an approximation
    ],
)
def test_a_figure_of_unclear_period_or_approximate_is_asked(text, field):
    e = extract(text)
    assert e.taken == [] and e.deltas == [], e.taken
    assert e.problems and field.split("_")[0] in " ".join(e.unsure)


def test_last_years_figure_beside_the_quarters_is_still_read():
    assert taken("一季度开票3000万，去年2600万") == {
        "sales_2024q1_yuan": Decimal(30_000_000),
        "sales_2023q1_yuan": Decimal(26_000_000),
    }
    e = extract("去年是2600万", pending="sales_2023q1_yuan")
    assert {t.field: t.value for t in e.taken} == {"sales_2023q1_yuan": Decimal(26_000_000)}


def test_a_monthly_rate_asked_is_not_the_months_reported():
    assert "months" not in taken("统计员就一个 一直出数 一个月能领多少")
    assert taken("统计员一名，连续出数八个月")["months"] == 8


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("我们是今年三月纳统的", "entry_month", 3),
        ("厂子今年1月份入的规", "counted_2024", True),
        ("我们开便利店的", "sector", "commerce"),
        ("公司在县城工业园 用管道气", "in_county", True),
        ("我们出口竹制品 是搞贸易的", "exporter_type", "trade"),
        ("家具是自己生产自己出口的", "exporter_type", "production"),
        ("我们从来没拿过什么奖", "received_other_award", False),
        ("2023年一季度进库的 餐饮", "in_statistics_2023q1", True),
    ],
)
def test_facts_said_in_everyday_words(text, field, value):
    assert {t.field: t.value for t in extract(text).taken}.get(field) == value


def test_a_relatives_business_is_not_the_speakers_sector():
    assert "sector" not in {t.field for t in extract("我儿子开了个便利店").taken}


def test_a_year_on_year_increase_in_yuan_is_the_sales_increase():
    assert taken("今年一季度同比多了2,300万元") == {"sales_increase_yuan": Decimal(23_000_000)}
    assert taken("一季度增长2300万") == {}  # no 元 and no comparison: what grew is not said


def test_no_agency_agreement_said_with_无():
    assert {t.field: t.value for t in extract("我们是贸易型出口，无出口代理协议").taken}.get(
        "has_agency_agreement"
    ) is False
