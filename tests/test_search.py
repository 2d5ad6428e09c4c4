import csv
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.search import index as search_module
from assistant.search.index import QueryError, search
from assistant.search.segment import query_groups, raw_tokens, tokenizer
from corpus import load_notice
from corpus.lexicon import load_lexicon
from tests.conftest import ROOT, SHARED

OWN_QUERIES = ROOT / "tests" / "search_queries.tsv"
DEV_QUERIES = SHARED / "eval" / "dev_queries.tsv"


def _score(path: Path) -> dict[str, object]:
    """The same figures as shared/eval/score_search.py, in-process."""
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    top1 = top3 = answered = rejected = n_in = n_oos = 0
    misses = []
    for row in rows:
        ids = [h.id for h in search(row["query"]).hits]
        expected = set(row["expected"].split(","))
        if expected == {"none"}:
            n_oos += 1
            rejected += not ids
            if ids:
                misses.append(("answered out-of-scope", row["query"], ids))
            continue
        n_in += 1
        answered += bool(ids)
        top1 += bool(ids) and ids[0] in expected
        top3 += bool(expected & set(ids[:3]))
        if not ids or ids[0] not in expected:
            misses.append(("miss", row["query"], ids))
    return {"rows": len(rows), "top1": top1 / n_in, "top3": top3 / n_in, "n_in": n_in, "n_oos": n_oos,
            "answered": answered, "rejected": rejected, "misses": misses}  # fmt: skip


def _assert_bar(figures):
    assert figures["top1"] >= 0.95, figures["misses"]
    assert figures["top3"] == 1.0, figures["misses"]
    assert figures["rejected"] == figures["n_oos"], figures["misses"]
    assert figures["answered"] == figures["n_in"], figures["misses"]


def test_own_labelled_set_meets_the_bar():
    figures = _score(OWN_QUERIES)
    assert figures["rows"] >= 90 and figures["n_oos"] >= 12
    _assert_bar(figures)


@pytest.mark.skipif(not DEV_QUERIES.exists(), reason="shared/eval/dev_queries.tsv not available")
def test_shared_dev_set_meets_the_bar():
    _assert_bar(_score(DEV_QUERIES))


# --- segmentation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["小升规", "老上规", "专精特新", "入规入统", "千瓦时", "战略性新兴产业", "规下转规上"]
)
def test_domain_words_stay_whole(word):
    """No token boundary falls inside the word (it may sit in a longer word such as 专精特新企业)."""
    assert any(word in token for token in raw_tokens(f"我们是{word}企业吗"))


def test_domain_words_are_not_split_into_pieces():
    assert raw_tokens("小升规") == ["小升规"] and raw_tokens("专精特新") == ["专精特新"]


def test_every_indexed_word_can_be_segmented_out_of_a_question():
    tok = tokenizer()
    vocabulary = search_module._index().vocabulary - {"\0"}
    assert len(vocabulary) > 300
    broken = [w for w in vocabulary if tok.lcut(w, HMM=False) != [w]]
    assert broken == []


def test_every_synonym_target_is_a_word_of_the_notice():
    """A synonym pointing at a word the index does not have would silently do nothing."""
    vocabulary = search_module._index().vocabulary
    dead = {t for targets in load_lexicon().synonyms.values() for t in targets if t not in vocabulary}
    assert dead == set()


def test_compact_tokenizer_does_not_load_jiebas_default_dictionary():
    code = (
        "from assistant.search.index import search\nfrom assistant.search.segment import tokenizer\n"
        "search('电费有补贴吗')\nimport jieba\nprint(jieba.dt.initialized, len(tokenizer().FREQ))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    initialized, size = out.stdout.split()
    assert initialized == "False" and int(size) < 20_000
    assert out.stderr == ""  # jieba's logger stays quiet


# --- ranking ------------------------------------------------------------------------------------


def test_synonyms_map_spoken_words_to_the_notices_words():
    vocabulary = search_module._index().vocabulary
    assert "电费" not in vocabulary  # the notice never says 电费 …
    (group,) = [g for g in query_groups("电费有补贴吗")[0] if g.surface == "电费"]
    assert "用电" in group.terms  # … the synonym table says it means 用电
    hit = search("电费有补贴吗").hits[0]
    assert hit.id == "2" and "用电" in hit.matched and "【用电】" in hit.snippet


@pytest.mark.parametrize(
    ("spoken", "clause"), [("燃气费", "3"), ("统计员", "7"), ("美金", "8"), ("蒸汽", "4")]
)
def test_spoken_words_find_their_clause(spoken, clause):
    assert search(f"{spoken}有什么奖励").hits[0].id == clause


def test_each_clause_title_finds_its_clause_first():
    notice = load_notice()
    for clause in notice.clauses:
        assert search(clause.title).hits[0].id == clause.id, clause.title


def test_title_weight_matters(monkeypatch):
    """With titles counting for nothing, titles alone no longer find their clauses."""
    monkeypatch.setitem(search_module.FIELD_WEIGHTS, "title", 0.0)
    search_module._index.cache_clear()
    try:
        wrong = [c.id for c in load_notice().clauses if (search(c.title).hits or [None])[0] is None
                 or search(c.title).hits[0].id != c.id]  # fmt: skip
        assert len(wrong) >= 2
    finally:
        search_module._index.cache_clear()


def test_clause_number_puts_that_clause_first():
    plain = search("天然气补助找哪个部门").hits
    assert plain[0].id == "3"
    numbered = search("第五条 天然气补助找哪个部门").hits
    assert numbered[0].id == "5" and "3" in [h.id for h in numbered]
    assert [h.id for h in search("第十三条").hits] == ["13"]


@pytest.mark.parametrize(
    "question", ["怎么注册公司", "个人所得税税率是多少", "怎么申请护照", "养老保险怎么交", "企业奖励", "补贴"]
)
def test_questions_the_notice_does_not_cover_get_no_hits(question):
    assert search(question).hits == []


def test_hit_fields_and_top():
    result = search("小升规企业奖励多少", top=2)
    assert 1 <= len(result.hits) <= 2
    hit = result.hits[0]
    assert hit.id == "5" and hit.title == "支持工业企业做大做强"
    assert "县工信局" in hit.responsible_units and hit.score > 0
    assert "【小升规】" in hit.snippet and "小升规" in hit.matched
    assert "小升规" in result.tokens
    scores = [h.score for h in search("用电奖励", top=5).hits]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("bad", ["", "   ", "电费\x00补贴", "x" * 501])
def test_bad_questions_raise_a_chinese_error(bad):
    with pytest.raises(QueryError, match=r"[\u4e00-\u9fff]"):
        search(bad)


def test_full_width_input_is_normalised():
    assert search("第５条").hits[0].id == "5"


@pytest.mark.parametrize(
    ("typo", "clause"), [("小生规企业奖励", "5"), ("老上归企业", "5"), ("统记人员奖励", "7")]
)
def test_one_wrong_character_in_a_long_domain_word_is_forgiven(typo, clause):
    assert search(typo).hits[0].id == clause


def test_typo_correction_does_not_guess_between_short_words():
    # 用店 is one character from 用电, 用气 and 用热 alike: no guess, so no answer.
    assert search("用店奖励").hits == []
    # The typo must sit in unknown text: 减免政策 is not read as 送政策.
    assert search("小微企业增值税减免政策").hits == []
