"""Whose figure, which year, and the facts a careful official reads (issue 9, methods from fresh4).

Sentences written for these tests, not copied from a question set: each method is shown on its
own words and on the words that must not trigger it.
"""

from decimal import Decimal

import pytest

from assistant.dialog.extract import extract


def taken(text: str) -> dict[str, object]:
    return {t.field: t.value for t in extract(text).taken if not t.derived}


@pytest.mark.parametrize(
    "text",
    [
        # a household or a person is not an enterprise
        "我们家一季度用了两千度电，能补点吗",
        "居民用气一季度80方",
        "家里一季度用电1500度",
        # another county's enterprise, not the speaker's
        "沙县那边的企业一季度用电200万度",
        "建宁的公司今年一季度销售额3000万",
    ],
)
def test_figures_of_no_enterprise_here_are_not_stored_and_said_back(text):
    out = extract(text)
    assert not [t for t in out.taken if t.field.endswith(("_kwh", "_m3", "_yuan"))]
    assert any("未记下" in p for p in out.problems)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("我家厂子一季度用电120万度", "power_2024q1_kwh", Decimal(1_200_000)),  # 厂子: an enterprise
        ("我家开的五金店一季度销售额900万", "sales_2024q1_yuan", Decimal(9_000_000)),
        # the speaker's own plant in another county: the figure is theirs (in_county says where)
        ("我们公司在宁化，一季度用气4万方", "gas_2024q1_m3", Decimal(40_000)),
    ],
)
def test_an_enterprise_word_or_the_speaker_keeps_the_figure(text, field, value):
    assert taken(text)[field] == value


@pytest.mark.parametrize(
    "text",
    ["前年一季度开票1200万", "2022年一季度用电300万度", "二零二一年出口500万美元"],
)
def test_a_year_the_notice_does_not_compare_is_not_last_year(text):
    out = extract(text)
    assert not [t for t in out.taken if t.field.endswith(("_kwh", "_yuan", "_usd"))]
    assert any("别的年份" in p for p in out.problems)


def test_a_year_said_alone_dates_the_next_part():
    assert taken("上年（2023年）一季度用电85万度") == {"power_2023q1_kwh": Decimal(850_000)}
    assert taken("今年（2024年）一季度开票3100万") == {"sales_2024q1_yuan": Decimal(31_000_000)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 同年 repeats the year before it
        ("2024年2月新建投产，同年3月入规", {"built_2024": True, "counted_2024": True}),
        # a month after 今年 governs the entry even when an earlier year was said of the build
        ("厂房是去年盖好的，今年一月投产，三月份纳统", {"counted_2024": True}),
        ("去年新建投产的", {"built_2024": False}),
        # built one year, commissioned the next: not sure which is "2024年新建投产"
        ("去年十月新建，今年二月投产", {"built_2024": None}),
    ],
)
def test_the_year_said_beside_a_fact_decides_it(text, expected):
    got = taken(text)
    for name, value in expected.items():
        assert got.get(name) == value, (name, got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年5月份刚入库，有一个统计员", {"entry_month": 5, "enterprise_status": "new_entry"}),
        ("2024年二月新入库", {"entry_month": 2, "enterprise_status": "new_entry"}),
        ("2023年6月入库的", {}),  # an earlier year's entry: neither 当年新入库 nor its month is sure
        ("我们2023年一季度进了统计库，做零售的", {"in_statistics_2023q1": True}),
        ("今年才进统计库，做餐饮的", {"in_statistics_2023q1": False, "enterprise_status": "new_entry"}),
        ("2023年进了统计库", {}),  # which quarter is not said
        ("统计员一个，早就在库里了", {"enterprise_status": "existing"}),
    ],
)
def test_entry_into_the_statistics(text, expected):
    got = taken(text)
    for name in ("entry_month", "enterprise_status", "in_statistics_2023q1"):
        assert got.get(name) == expected.get(name), (name, got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们做出口贸易，厂是别人的，代理协议跟县商务局签过了", {"has_agency_agreement": True}),
        ("出口这块我们还没跟商务局签代理协议", {"has_agency_agreement": False}),
        ("代理协议要怎么签", {}),
        ("我们贸易出口，自己不生产", {"exporter_type": "trade"}),
        ("自己生产的产品再出口", {"exporter_type": "production"}),
        ("我们不生产", {}),  # no export said: not an exporter's type
    ],
)
def test_exporter_facts(text, expected):
    got = taken(text)
    for name in ("has_agency_agreement", "exporter_type"):
        assert got.get(name) == expected.get(name), (name, got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们给工业园供蒸汽，2月16号锅炉点火", {"heat_supplier": True, "resumed_on": "2024-02-16"}),
        ("给我们供汽的公司2月20号才送上汽", {}),  # the speaker's supplier, not the speaker
    ],
)
def test_heat_supplier_and_its_date(text, expected):
    got = {k: str(v) for k, v in taken(text).items()}
    for name in ("heat_supplier", "resumed_on"):
        want = expected.get(name)
        assert got.get(name) == (None if want is None else str(want)), (name, got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("这几年没领过什么补贴", {"received_other_award": False}),
        ("享受过县里的什么奖励吗", {}),  # a question
        # a comparison with last year says nothing of last year's state
        ("销售同比去年多了300万、规上工业", {"above_scale_industrial": True}),
        # keywords listed before a question, by someone who gave their own figure
        (
            "一季度用电同比多了20万度、规上制造业、能补多少",
            {"above_scale_manufacturing": True, "above_scale_industrial": True},
        ),
        ("规上制造业、能补多少", {}),  # no figure of their own: a category asked about
    ],
)
def test_statements_inside_questions_and_comparisons(text, expected):
    got = taken(text)
    for name in ("received_other_award", "above_scale_industrial", "above_scale_manufacturing"):
        assert got.get(name) == expected.get(name), (name, got)


@pytest.mark.parametrize(
    "text",
    [
        "假如一季度开票4000万，能奖多少",  # supposed, not stated
        "要是我们一季度用气能到8万方",
        "我们一季度销售2600万，如果去年同期是2000万呢",  # the condition governs the figure after it
        "全市规上企业一季度用电增长了2亿度",  # a place's enterprises, not the speaker's
        "我们的分公司一季度用电60万度",  # another legal entity
        "隔壁镇的厂一季度销售1800万",
        "他们一季度用气2万方",
    ],
)
def test_supposed_figures_and_other_owners_are_not_stored(text):
    got = taken(text)
    figures = {k for k in got if k.endswith(("_kwh", "_m3", "_usd")) or k == "sales_2023q1_yuan"}
    assert figures == set() and "above_scale_industrial" not in got, got
    assert "sales_2024q1_yuan" not in got or text.startswith("我们一季度销售2600万")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("我们是园区的企业，一季度用电100万度", "power_2024q1_kwh"),  # where the speaker is
        ("我们在开发区，一季度用气3万方", "gas_2024q1_m3"),
        ("麻烦问一下，我们一季度开票3000万能拿多少", "sales_2024q1_yuan"),
    ],
)
def test_where_the_speaker_is_does_not_make_a_figure_anothers(text, field):
    assert field in taken(text)


@pytest.mark.parametrize(
    "text",
    [
        "我们年营收5000万",  # a year's figure, not the quarter's
        "平均每天用电8000度",
        "协议外资600万美元",  # signed, not 实际利用外资
        "一季度气费发票30万元",  # money for gas, not sales
        "一季度用电花了40万",  # money paid, not kWh
        "一季度开票2800万，包括分公司的",  # a total with another entity's
    ],
)
def test_rates_money_paid_and_shared_totals_are_not_stored(text):
    got = taken(text)
    assert not [k for k in got if k.endswith(("_kwh", "_m3", "_usd", "_yuan"))], got


def test_a_month_before_a_figure_is_one_month_and_a_day_is_a_date():
    assert "sales_2024q1_yuan" not in taken("3月1500万")
    assert taken("2024年一季度销售额2900万") == {"sales_2024q1_yuan": Decimal(29_000_000)}
    assert taken("3月12日复工")["resumed_on"].isoformat() == "2024-03-12"


@pytest.mark.parametrize(
    "text",
    ["我们马上快要纳统了", "我们打算明年上规", "我们公司正在申请入规", "我们想问问规上企业能拿什么奖"],
)
def test_what_is_to_come_or_asked_about_is_no_fact(text):
    got = taken(text)
    assert "above_scale_industrial" not in got and "counted_2024" not in got, got


def test_a_date_said_beside_the_word_for_it():
    got = taken("我们是省级专精特新中小企业，2024年1月18日获批的")
    assert got["specialized_sme_approved_on"].isoformat() == "2024-01-18"


@pytest.mark.parametrize(
    "text",
    [
        "今年截至目前出口80万美元",  # part of the year: export is counted by whole years
        "今年前两个月出口60万美元",
        "一季度开票近4000万",  # 近: about
        "一季度用电超200万度",  # 超: a bound, not the figure
        "旁边的工厂一季度用气3万方",  # another enterprise
    ],
)
def test_part_years_bounds_and_neighbours_are_not_stored(text):
    got = taken(text)
    assert not [k for k in got if k.endswith(("_kwh", "_m3", "_usd", "_yuan"))], got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # own figures given, then what such an enterprise can get: said of the enterprise
        ("一季度开票3100万（去年2500万），规上工业企业能拿多少", True),
        ("用电同比多了25万度，规上制造业可以补多少", True),
        # a category asked about, even after own figures; and no figures at all
        ("一季度开票3100万，规上企业有什么政策", None),
        ("规上工业企业能拿多少", None),
    ],
)
def test_a_category_before_what_can_we_get(text, expected):
    assert taken(text).get("above_scale_industrial") is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们2024年1月升规", {"counted_2024": True, "above_scale_industrial": True}),
        ("小升规有什么奖励", {}),  # the programme's name, not the enterprise's step
        ("我们进了小升规库", {"in_cultivation_pool": True}),
        ("我们用的气都在县里", {"in_county": True}),
    ],
)
def test_more_ways_of_saying_the_facts(text, expected):
    got = taken(text)
    for name in ("counted_2024", "above_scale_industrial", "in_cultivation_pool", "in_county"):
        assert got.get(name) == expected.get(name), (name, got)


@pytest.mark.parametrize("text", ["是本县的企业，一季度用电90万度", "我们县的厂一季度用电90万度"])
def test_this_county_is_no_other_place(text):
    assert taken(text)["power_2024q1_kwh"] == Decimal(900_000)


@pytest.mark.parametrize("text", ["邻县的厂一季度用电90万度", "南平市的企业一季度用电90万度"])
def test_another_county_or_city_named_is_said_back(text):
    out = extract(text)
    assert "power_2024q1_kwh" not in taken(text)
    assert any("只管将乐县" in p for p in out.problems)


@pytest.mark.parametrize(
    "text",
    [
        "我们是做家用电器的，一季度用电110万度",
        "家用电器生产线一季度用电110万度",
        "我们是做小家电的，一季度用电110万度",
    ],
)
def test_a_household_product_is_no_household(text):
    assert taken(text)["power_2024q1_kwh"] == Decimal(1_100_000)


def test_the_enterprises_own_parts_are_no_other_entity():
    assert taken("一季度用电150万度，包括其他车间的") == {"power_2024q1_kwh": Decimal(1_500_000)}


def test_a_date_listed_with_a_fact_does_not_date_the_figure():
    got = taken("用气 4万方 专精特新 2024年1月10日认定")
    assert got["gas_2024q1_m3"] == Decimal(40_000)
    assert got["specialized_sme_approved_on"].isoformat() == "2024-01-10"
    assert "sales_2024q1_yuan" not in taken("8月20日 开票900万")  # a day's figure, listed or not


def test_fast_moving_goods_are_not_a_future():
    assert taken("我们是做快消品的规上企业")["above_scale_industrial"] is True
    assert "above_scale_industrial" not in taken("我们很快就入规了")


@pytest.mark.parametrize("text", ["隔壁是开发区的厂，一季度用电100万度", "隔壁是园区里的厂一季度用电100万度"])
def test_where_another_enterprise_is_does_not_make_it_the_speaker(text):
    assert "power_2024q1_kwh" not in taken(text)
