"""Out of scope decided by its own signals (corpus/scope.yaml), and single characters (issue 9)."""

import pytest
from pydantic import ValidationError

from assistant.search.index import declined_by, search
from corpus.lexicon import ScopeSignal, load_lexicon, load_scope


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("个人用电能补贴吗", "individual"),
        ("居民天然气有补助吗", "individual"),
        ("家里停气了找谁", "individual"),
        ("我家用电多能补吗", "individual"),
        ("出口退税怎么办理", "other_field"),
        ("个税怎么算", "other_field"),
        ("生产许可证怎么办", "other_field"),
        ("电价为什么涨了", "other_field"),
        ("营业执照丢了", "other_field"),
        ("社保断了怎么补", "other_field"),
        ("统计局电话多少", "phone"),
        ("工信局的联系方式", "phone"),
        ("工信局在哪", "place"),
        ("开发区管委会怎么走", "place"),
        ("你好", None),
        ("今天天气怎么样", "chitchat"),
        ("热死了", "chitchat"),
        ("哈哈", "chitchat"),
        ("工信局周六上班吗", "office_hours"),
        ("厦门的用电奖励", "other_place"),
    ],
)
def test_out_of_scope_kinds_are_declined_by_their_signal(question, kind):
    result = search(question)
    assert result.hits == [] and result.declined == kind


@pytest.mark.parametrize(
    ("declined", "answered", "clause"),
    [
        ("个人用电有没有奖励", "企业用电有没有奖励", "2"),
        ("居民用天然气补助标准", "企业用天然气补助标准", "3"),
        ("统计局电话号码是多少", "统计局负责哪一条", "12"),
    ],
)
def test_the_signal_decides_even_beside_the_notices_own_words(declined, answered, clause):
    """用电, 天然气, 统计局 are the notice's words; with the signal the question is still not about it."""
    assert search(declined).hits == []
    assert search(answered).hits[0].id == clause


def test_unless_words_cancel_a_signal():
    assert declined_by("我家用电多能补吗") == "individual"
    assert declined_by("我家厂子用电增长了有奖励吗") is None
    assert search("我家厂子用电增长了有奖励吗").hits[0].id == "2"
    assert search("在哪申报用电奖励").hits[0].id == "2"  # where to apply is about the measure


def test_signals_are_words_on_token_boundaries():
    assert declined_by("工信局在哪") == "place"
    assert declined_by("在哪些情况下要退还奖励") is None
    assert search("在哪些情况下要退还奖励").hits[0].id == "5"


def test_greetings_and_thanks_neither_decide_nor_hide_a_question():
    assert search("谢谢").hits == [] and search("你好").hits == []
    assert search("你好，电费有补贴吗？谢谢").hits[0].id == "2"


@pytest.mark.parametrize("char", sorted(k for k in load_lexicon().synonyms if len(k) == 1))
def test_a_one_character_word_never_decides_a_match_by_itself(char):
    assert search(char).hits == []
    assert search(f"{char}怎么样").hits == []


def test_two_one_character_words_of_the_same_clause_do_decide():
    assert search("用了5万方气能补多少").hits[0].id == "3"  # 方 and 气 both point to measure 3
    assert search("天气热").hits == [] and search("电和气").hits == []  # different clauses


def test_every_signal_word_is_read_whole():
    """A signal the tokenizer splits differently would never be said (scope.yaml is matched on
    segments): each one, alone, is declined as its own kind or an earlier one."""
    kinds = list(load_scope())
    for kind, signal in load_scope().items():
        for word in signal.words:
            found = declined_by(word)
            assert found is not None and kinds.index(found) <= kinds.index(kind), (kind, word, found)


def test_a_one_character_signal_word_is_refused_with_a_chinese_message():
    with pytest.raises(ValidationError, match="至少两个字"):
        ScopeSignal(reason="测试", words=["气"])


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("工业机器人企业用电增长有奖励吗", "2"),
        ("食品加工企业销售额增长500万奖多少", "1"),
        ("环保设备制造企业用天然气补助", "3"),
        ("旅游服务企业入库有奖励吗", "6"),
        ("快递物流企业入库奖励", "6"),
        ("周六周日加班生产用电增长有奖吗", "2"),
    ],
)
def test_an_enterprises_trade_is_not_an_out_of_scope_signal(question, clause):
    assert search(question).hits[0].id == clause
