"""Search methods added for issue 9 after the fresh4 set: a rule's own figure names its clause,
another year's policy and household heating are declined, a shop is an enterprise, "区别在哪" is
no address, 用点 is 用电. Questions written for these tests, not taken from a question set.
"""

import pytest

import assistant.search.index as search_module
from assistant.search.index import declined_by, search
from assistant.search.rule_figures import rule_figure_scores
from assistant.search.segment import to_mandarin
from assistant.search.typos import correct_typos


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("封顶三十五万说的是哪一项", "2"),  # m2_cap_yuan: 350000 元 is 第2条's only
        ("八万块一次性那个奖是怎么回事", "5"),  # m5 老上规 80000 元
        ("二十万封顶的是哪条", "3"),  # m3_cap_yuan
    ],
)
def test_a_rules_own_figure_points_to_its_clause(question, clause, monkeypatch):
    assert search(question).hits[0].id == clause
    monkeypatch.setattr(search_module, "RULE_FIGURE_WEIGHT", 0.0)
    hits = search(question).hits
    assert not hits or hits[0].id != clause  # without the figure's vote it is not found first


def test_a_figure_alone_opens_no_clause():
    assert search("三十五万").hits == []


def test_a_figure_shared_by_clauses_is_split_among_them():
    ids = [c.id for c in search_module._index().clauses]
    scores = rule_figure_scores("十万", ids, 3.0)
    shared = {ids[i]: s for i, s in enumerate(scores) if s}
    assert set(shared) == {"1", "5"} and len(set(shared.values())) == 1


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("2026年还有没有类似的奖励政策", "other_year"),
        ("出台新政策了吗", "other_year"),
        ("暖气片漏水找谁修", "individual"),
        ("家里取暖用电贵不贵", "individual"),
        ("小规模纳税人增值税怎么交", "other_field"),
    ],
)
def test_new_out_of_scope_signals(question, kind):
    assert declined_by(question) == kind
    assert search(question).hits == []


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("入库第二年2025年还能拿5万吗", "5"),  # 第5条's second year is 2025: not another year's policy
        ("老上规和新入规的奖励区别在哪", "5"),  # a difference asked, not an address
    ],
)
def test_what_cancels_the_new_signals(question, clause):
    assert search(question).hits[0].id == clause


def test_a_shop_is_an_enterprise_not_a_household():
    assert declined_by("我家开的超市进了统计库，有什么奖励") is None
    assert "6" in [h.id for h in search("我家开的超市进了统计库，有什么奖励").hits]
    assert declined_by("我家用电多能补吗") == "individual"  # no shop named: a household


def test_a_homophone_of_a_notice_word_is_read_as_it():
    assert correct_typos("用点多了有奖吗") == "用电多了有奖吗"
    assert correct_typos("有点多") == "有点多"  # a real word around 点 is kept


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("煤气灶打不着火", "other_field"),  # a household appliance
        ("电费在哪里缴费", "other_field"),  # paying a bill, not the award
        ("买二手房要交多少契税", "other_field"),
        ("工信局局长叫什么", "person"),  # the notice names units, not people
    ],
)
def test_appliances_bills_and_people_are_declined(question, kind):
    assert declined_by(question) == kind


@pytest.mark.parametrize("remark", ["烦躁得很", "今天忙死了", "快下班了吧"])
def test_more_everyday_remarks_are_declined(remark):
    assert declined_by(remark) == "chitchat"


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("厂里缺料缺工，政府管不管", "10"),  # short of inputs: 保障企业生产要素供应
        ("县里的干部来厂里讲政策是哪条安排的", "11"),  # 讲政策 is 政策宣传
    ],
)
def test_everyday_words_for_the_work_measures(question, clause):
    assert search(question).hits[0].id == clause


# Issue 9, fresh5: a signal declines only a question about the signal's own matter (sentences of ours).
@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("我让会计打电话问问 用气补助怎么算", "3"),  # 打电话 is how one asks, not a number asked for
        ("我快退休了 最后想问下统计员奖励怎么发", "7"),  # 退休 as an aside
    ],
)
def test_an_aside_beside_a_signal_word_does_not_decline(question, clause):
    assert declined_by(question) is None
    assert clause in [h.id for h in search(question).hits[:3]]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("工信局咨询电话是多少", "phone"),
        ("有没有发改局的电话", "phone"),
        ("退休工资怎么算", "other_field"),
        ("企业用工补贴怎么申请", "other_field"),
    ],
)
def test_the_narrowed_signals_still_decline(question, kind):
    assert declined_by(question) == kind


def test_cantonese_words_are_read_as_mandarin():
    assert to_mandarin("用气唔够百分之五系咪冇得攞") == "用气不够百分之五是不是没有得拿"
    assert to_mandarin("体系联系") == "体系联系"  # 系 alone is Mandarin
    assert search("用氣增長唔夠百分之五係咪冇得攞").hits[0].id == "3"


def test_a_foreigners_investment_is_foreign_capital():
    assert search("老外在我们这投资办厂 实际到位的外资有啥奖").hits[0].id == "9"
    # where the speaker is (镇上, 我们乡) says who asks, not what is asked
    assert search("老外到镇上投资 乡里能拿啥奖").hits[0].id == "9"


def test_what_a_named_unit_is_to_do_finds_its_clause():
    assert "12" in [h.id for h in search("住建局在入规入统里要做什么").hits[:2]]
