"""How search reads a question before ranking: 繁體, numerals and everyday words, typos (issue 9)."""

import subprocess
import sys

import pytest

from assistant.search import index as search_module
from assistant.search.clause_ref import parse_clause_ref
from assistant.search.index import search
from assistant.search.segment import query_groups, to_simplified
from assistant.search.typos import correct_typos
from tests.conftest import ROOT

# --- traditional characters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("traditional", "simplified", "clause"),
    [
        ("用電量增長了有什麼獎勵", "用电量增长了有什么奖励", "2"),
        ("天然氣補助每立方米多少錢", "天然气补助每立方米多少钱", "3"),
        ("統計人員獎勵怎麼發", "统计人员奖励怎么发", "7"),
        ("小升規企業入庫獎勵", "小升规企业入库奖励", "5"),
    ],
)
def test_traditional_questions_are_read_as_simplified(traditional, simplified, clause):
    assert to_simplified(traditional) == simplified
    result = search(traditional)
    assert result.query == simplified and result.hits[0].id == clause
    assert [h.id for h in result.hits] == [h.id for h in search(simplified).hits]


def test_a_clause_number_in_traditional_characters_is_found():
    assert parse_clause_ref("第五條") == "5" and parse_clause_ref("第十三條說什麼") == "13"


def test_simplified_text_is_returned_unchanged():
    text = "电费有补贴吗，８００万"  # full-width digits are NFKC's job, not OpenCC's
    assert to_simplified(text) is text


def _modules_after(code: str) -> str:
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return run.stdout.strip()


def test_opencc_loads_only_for_a_question_that_needs_it():
    head = "import sys\nfrom assistant.search.index import search\n"
    assert _modules_after(head + "search('电费有补贴吗')\nprint('opencc' in sys.modules)") == "False"
    assert _modules_after(head + "search('電費有補貼嗎')\nprint('opencc' in sys.modules)") == "True"


# --- numerals, dates and everyday words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("plain", "decorated"),
    [
        ("统计员奖励", "啥时候能拿到统计员奖励咋办"),
        ("销售额增长奖励", "我们生意还行一季度销售额增长了一千二百万能拿多少钱"),
        ("天然气补助", "2024年3月31日前用的天然气补助能不能拿"),
        ("外资工作经费", "外资到了三百五十万美元工作经费是多少"),
        ("用电奖励", "老板让我问问这个东西用电奖励到底咋弄"),
    ],
)
def test_numerals_dates_and_everyday_words_do_not_count_against_a_question(plain, decorated):
    _, unknown = query_groups(decorated)
    assert unknown == [], unknown  # nothing left over that the notice "does not know"
    assert search(decorated).hits and search(decorated).hits[0].id == search(plain).hits[0].id


def test_everyday_words_alone_are_no_question_about_the_notice():
    for remark in ["啥时候", "多少钱", "咋办", "能不能", "生意咋样", "这东西"]:
        assert search(remark).hits == [], remark


# --- typos --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "fixed", "clause"),
    [
        ("统记员补贴啥时候发", "统计员补贴啥时候发", "7"),
        ("天燃气一方补多少", "天然气一方补多少", "3"),
        ("奖历怎么算的小生规企业", "奖励怎么算的小升规企业", "5"),
        ("消售额涨了有奖吗", "销售额涨了有奖吗", "1"),
        ("电费补帖", "电费补贴", "2"),
    ],
)
def test_pinyin_typos_are_read_as_the_word_they_sound_like(typo, fixed, clause):
    assert correct_typos(typo) == fixed
    assert search(typo).hits[0].id == clause


def test_typos_are_corrected_against_the_dictionary_not_only_the_notices_words():
    # 统计员 is a spoken word (synonyms.yaml); the notice itself says 统计人员.
    assert "统计员" not in search_module._index().vocabulary
    assert correct_typos("统记员") == "统计员"


@pytest.mark.parametrize(
    "correct", ["天然气补助每立方米多少钱", "如果入规了", "实际利用外资", "会计做账", "记录一下"]
)
def test_correct_words_are_left_alone(correct):
    """A word is never respelt, nor part of one (天然气 holds 然气, which sounds like 燃气)."""
    assert correct_typos(correct) == correct


def test_an_ambiguous_two_character_typo_is_not_guessed():
    assert correct_typos("用店奖励") == "用店奖励"


def test_real_words_of_jiebas_dictionary_are_not_respelt():
    """对付 sounds like 兑付 and 发声 like 发生, but they are words (corpus/real_words.txt, drawn
    from jieba's dictionary): the typo reader leaves them, and every word of that list."""
    from corpus.lexicon import load_real_words

    real = load_real_words()
    assert {"对付", "发声", "经纪人"} <= set(real)
    assert [w for w in real if correct_typos(w) != w] == []
    assert correct_typos("对现") == "兑现"  # not a word: still read as 兑现
