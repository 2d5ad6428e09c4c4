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


@pytest.mark.parametrize(
    ("text", "field"),
    [
        # a change in words not known as growth or decline is not last year's level
        ("一季度开票比去年同期缩了200万", "sales_2023q1_yuan"),
        # 掉了 is a decline
        ("今年一季度销售比去年同期掉了150万", "sales_2023q1_yuan"),
        # heard from someone, not known: asked
        ("听财务说一季度开票2600万", "sales_2024q1_yuan"),
        # the person doubts it: asked
        ("我们好像2023年就进了战新年报库，我记不太清了", "strategic_emerging_2023"),
        # 不含余热 said of last year's figure only
        ("今年一季度用电300万度其中余热发电40万度；去年同期220万度（不含余热发电）", "power_2024q1_kwh"),
        # another company of the same owner
        ("关联公司一季度开票6000万", "sales_2024q1_yuan"),
    ],
)
def test_uncertain_figures_and_facts_are_not_stored(text, field):
    assert field not in facts(text)


def test_typos_and_cantonese_are_read_before_the_figures():
    assert facts("用电180万度 里头有鱼热发电30万度") == {}
    assert "specialized_sme_approved_on" in facts("我们是省专经特新，2024年2月1日批的")
    assert facts("我哋係生產型出口企業，已經簽咗代理協議")["has_agency_agreement"] is True


def test_the_neighbours_figure_is_left_and_ours_taken():
    got = facts("隔壁老李厂里一季度用电300万度，我们厂才用了90万度")
    assert got == {"power_2024q1_kwh": Decimal(900_000)}


def test_gas_used_in_another_named_county():
    assert facts("公司注册在将乐，但天然气是在泰宁县的分厂用的")["in_county"] is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("培育库 没入", {"in_cultivation_pool": False}),
        ("入库月份：7月", {"entry_month": 7}),
        ("统计员两名 入库是四月", {"entry_month": 4, "statisticians": 2}),
        ("出口的全是我们自己加工的笋干", {"exporter_type": "production"}),
        ("我们供蒸汽是2024年2月18号恢复的", {"resumed_on": __import__("datetime").date(2024, 2, 18)}),
        ("报表员从4月开始报数，连续报了9个月", {"months": 9, "continuous_reporting": True}),
        (
            "前几年都是规下，今年二月升到规上",
            {"entry_type": "upgrade", "counted_2024": True, "entry_month": 2},
        ),
        ("一季度开票1500万 不对不对 是1600万", {"sales_2024q1_yuan": Decimal(16_000_000)}),
    ],
)
def test_more_ways_of_saying_the_facts(text, expected):
    got = facts(text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "field"),
    [
        # a unit speaking of another enterprise
        ("我是工信局的，那家竹业公司一季度用电88万度", "power_2024q1_kwh"),
        ("商务局：该公司已经签了出口代理协议", "has_agency_agreement"),
        # the rule's deadline asked about is not the enterprise's date
        ("复工 截止 2月17日 算不算", "resumed_on"),
        # counted after the quarter: not sure to be 一季度新投产纳统
        ("今年2月新投产，5月才纳统", "newly_commissioned_2024q1"),
    ],
)
def test_others_and_rules_are_not_the_enterprise(text, field):
    assert field not in facts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本企业未被纳入2023年省工业战略性新兴产业年报库", {"strategic_emerging_2023": False}),
        ("经确认本公司不属于今年一季度新投产纳统企业", {"newly_commissioned_2024q1": False}),
        (
            "我不懂什么战略性新兴，反正2023年就进了省里的战略性新兴产业年报库",
            {"strategic_emerging_2023": True},
        ),
        ("代里协议签了 生产型", {"has_agency_agreement": True, "exporter_type": "production"}),
        ("代理协议 没签 贸易型", {"has_agency_agreement": False, "exporter_type": "trade"}),
        ("前两年是规上 去年退出规上了", {"above_scale_industrial": False}),
        ("规上工业 一季度开票 2024年3900万 2023年3100万", {"above_scale_industrial": True}),
        ("限上商贸 2023年一季度没入库", {"in_statistics_2023q1": False}),
        ("我们自己种笋自己加工再出口", {"exporter_type": "production"}),
        ("小升规那个库我们进了", {"in_cultivation_pool": True}),
        ("入库月份：2024年09月", {"entry_month": 9}),
        ("我司系2024年新建投产企业，于2024年3月入库", {"entry_type": "new_build"}),
        ("锅炉正月初十才把炉子点起来", {"resumed_on": __import__("datetime").date(2024, 2, 19)}),
    ],
)
def test_negations_far_back_lists_and_other_wordings(text, expected):
    got = facts(text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "一季度开票2700万去年同期2100万",
            {"sales_2024q1_yuan": Decimal(27_000_000), "sales_2023q1_yuan": Decimal(21_000_000)},
        ),
        (
            "营收2023Q1 一千九百万 2024Q1 二千三百万",
            {"sales_2023q1_yuan": Decimal(19_000_000), "sales_2024q1_yuan": Decimal(23_000_000)},
        ),
        (
            "出口额：2023年USD 1,200,000，2024年USD 1,900,000",
            {"export_2023_usd": Decimal(1_200_000), "export_2024_usd": Decimal(1_900_000)},
        ),
        (
            "出口 2023 60万美元 2024 90万美元",
            {"export_2023_usd": Decimal(600_000), "export_2024_usd": Decimal(900_000)},
        ),
        ("一季度开票比去年同期多700万", {"sales_increase_yuan": Decimal(7_000_000)}),
        ("用电一季度60w度，不对，是65w度", {"power_2024q1_kwh": Decimal(650_000)}),
        ("一季度用电扣掉余热发电是52万度", {"power_2024q1_kwh": Decimal(520_000)}),
        ("天然气用量按供气公司发票合计9,300立方米", {"gas_2024q1_m3": Decimal(9_300)}),
        ("今年一季度开了1200万的票", {"sales_2024q1_yuan": Decimal(12_000_000)}),
        ("天冷，厂里一季度用了两万方", {"gas_2024q1_m3": Decimal(20_000)}),
        ("烧天然气的，从发票上看一季度是一万五千方", {"gas_2024q1_m3": Decimal(15_000)}),
    ],
)
def test_figures_in_lists_and_with_sources(text, expected):
    got = facts(text)
    assert {k: got.get(k) for k in expected} == expected


def test_a_full_width_keyboard_grouping_stays_one_number():
    assert facts("一季度开票１，６５０万")["sales_2024q1_yuan"] == Decimal(16_500_000)


def test_last_years_gas_is_said_back_not_dropped():
    e = extract("去年一季度用气2万方")
    assert not e.taken and any("去年" in p for p in e.problems)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("开票增长额含税680万，不含税600万", "sales_increase_yuan"),  # two bases: asked
        ("一季度开票同比多了900万，是港币", "sales_increase_yuan"),  # another currency
        ("书记跟我说镇里一季度外资到位200万美元", "fdi_2024q1_usd"),  # an official told the caller
        ("用电 去年70万度吧 记不清了", "power_2023q1_kwh"),  # a guess
    ],
)
def test_asked_not_stored(text, field):
    assert field not in facts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们去年规下今年转规上", {"counted_2024": True, "entry_type": "upgrade"}),
        ("培育库 没进", {"in_cultivation_pool": False}),
        ("县里的补贴我们一分钱也没拿过", {"received_other_award": False}),
        ("本公司2023年已兑现省级技改奖励资金", {"received_other_award": True}),
        ("出口的都是自己公司生产的", {"exporter_type": "production"}),
        ("报数 9个月 连续的", {"continuous_reporting": True}),
        ("统计员1名，2024年3月至12月持续出数", {"months": 10}),
        ("今年1至12月出口合计480万美元", {"export_2024_usd": Decimal(4_800_000)}),
        ("用气地点为将乐经济开发区", {"in_county": True}),
        ("24年新建 2月投产入规", {"entry_month": 2}),
        ("二三年一季度就进了统计库的商贸企业", {"in_statistics_2023q1": True}),
        ("我儿子说他们厂今年刚转成规上", {"counted_2024": True}),
        ("我们是老企业，不是新入库的", {"enterprise_status": "existing"}),
        ("听说别家开票涨了1000万 我们涨了520万 一季度同比", {"sales_increase_yuan": Decimal(5_200_000)}),
        ("今年新建的厂 2月刚投产 还没纳统", {"newly_commissioned_2024q1": False}),  # not yet counted
        ("一季度用电 去年90万度吧记不清 今年110万度", {"power_2024q1_kwh": Decimal(1_100_000)}),
        ("我儿子管账，他跟我讲一季度比去年同期多卖了550万", {"sales_increase_yuan": Decimal(5_500_000)}),
    ],
)
def test_fresh_wordings_read(text, expected):
    got = facts(text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("用电 今年一季度 九十万", "power_2024q1_kwh"),  # no unit: 度 or 元 of 电费?
        ("一季度用气 三万", "gas_2024q1_m3"),
        ("一季度用气1200方 还差一方", "gas_2024q1_m3"),  # 差一方 is a difference, not a second figure
    ],
)
def test_unit_less_energy_and_differences(text, field):
    got = facts(text)
    if "差" in text:
        assert got[field] == Decimal(1200)
    else:
        assert field not in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一季度用电180万度，去年同期150万", {"power_2023q1_kwh": Decimal(1_500_000)}),  # unit said once
        ("公司注册在将乐，可天然气是在泰宁那边的分厂烧的", {"in_county": False}),
        ("公司注册在三明市，工厂在将乐，一季度用气3万方", {"in_county": True}),
        (
            "我们是2024年新盖的厂，二月份开始生产，三月份纳入统计了",
            {"built_2024": True, "counted_2024": True},
        ),
        ("以前在规下面，今年二月份刚刚上了规", {"entry_type": "upgrade", "entry_month": 2}),
        ("2023年一季度就进了统计的库，开餐馆的", {"in_statistics_2023q1": True}),
        ("我们是搞贸易的，跟商务局签了代理协议", {"exporter_type": "trade"}),
        ("没拿过别的将", {"received_other_award": False}),
        ("已享受过《将乐县促进商贸业、服务业高质量发展六条措施》的奖励", {"received_other_award": True}),
        ("我们热力站2月16号恢复供汽", {"heat_supplier": True}),
        ("从3月开始报数到12月没断过", {"months": 10}),
        ("今年一季度用了三万度电，去年好像两万多度吧，我记不清了", {"power_2024q1_kwh": Decimal(30_000)}),
        ("烧天然气的，一季度用了两万方，听说一方补五毛", {"gas_2024q1_m3": Decimal(20_000)}),
    ],
)
def test_fresh8_round_wordings(text, expected):
    got = facts(text)
    assert {k: got.get(k) for k in expected} == expected
