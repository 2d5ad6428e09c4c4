"""Search methods added for issue 9 after the first looks of fresh22, fresh23, fresh24 and fresh26 (blind).
Sentences written for these tests, not taken from a question set:
- 责任单位里 is one cue word, not 责任 (clause 13's 安全生产责任) + 单位里;
- a unit's list (工信局负责哪几条) needs a unit's name: 统计 of 统计奖励 is the subject;
- a trade (陶瓷, 竹炭) and everyday words (天天, 用得多, 听人讲) do not count against a question being
  about the notice; 窑炉/生产线 are a business's, not a household's;
- the speaker's kind of plant (服装厂 → 制造业) weighs as a generic word;
- 定档 is the notice's word (第6条); 报进统计 is 入统计库; 退休, 记不清 are an elder's asides.
"""

from assistant.search.index import search


def _ids(question: str) -> list[str]:
    return [h.id for h in search(question).hits]


def test_responsible_unit_cue_is_one_word():
    assert _ids("人社局是不是支持企业做大做强那条的责任单位里的")[0] == "5"


def test_a_subject_beside_a_unit_is_ranked():
    result = search("住建局管的统计奖励是哪条")
    assert result.hits[0].id == "7" and result.unit_clauses == []


def test_a_trade_and_everyday_words_do_not_decline():
    assert _ids("我家是做竹炭的窑炉天天烧气听人讲用气有补贴一方补多少")[0] == "3"
    # …but a household's gas stays a household's
    assert search("我家里天天烧气做饭有补贴吗").declined == "individual"


def test_the_speakers_kind_of_plant_does_not_outvote_what_is_asked():
    # 纸箱厂 → 制造业 (第2条's word) says who asks; 培育库 is what is asked (第5条)
    assert _ids("我们纸箱厂没进过那个培育库还能不能拿奖")[0] == "5"


def test_words_of_the_notice_segmented_as_it_has_them():
    assert _ids("做批发的商贸企业有个定档奖是怎么定的")[0] == "6"  # 再予定档奖励


def test_a_retired_officials_memory_does_not_decline():
    assert _ids("我退休好多年了记不清了，乡里招外资县里奖不奖")[0] == "9"
