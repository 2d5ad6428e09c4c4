"""The question bank (corpus/questions.yaml): its shape, its independence from the test sets, and
what it changes in the ranking (issue 9)."""

import csv
import difflib

import pytest
from pydantic import ValidationError

from assistant.search import index as search_module
from assistant.search.index import search
from corpus import load_notice
from corpus.question_bank import BankEntry, load_question_bank
from tests.conftest import ROOT, SHARED

TEST_SETS = [
    ROOT / "tests" / "search_queries.tsv",
    ROOT / "tests" / "data" / "questions" / "search_dev.tsv",
    ROOT / "tests" / "data" / "questions" / "search_heldout.tsv",
    SHARED / "eval" / "dev_queries.tsv",
]


def test_every_clause_has_a_standard_question_and_several_similar_ones():
    bank = load_question_bank()
    assert sorted(bank) == sorted(c.id for c in load_notice().clauses)  # every clause, none unknown
    for clause_id, entry in bank.items():
        assert len(entry.similar) >= 5, clause_id
        assert len(set(entry.questions())) == len(entry.questions()), f"{clause_id}: 问法重复"


def test_the_bank_is_not_a_copy_of_any_test_set():
    """No bank question equals, or nearly equals, a labelled question (the bank was written
    from the notice, by kinds of asking; the test sets are scored against it). Only the bank's
    side of a pair is shown: the held-out questions are never printed."""
    questions = []
    for path in TEST_SETS:
        if path.exists():
            with path.open(encoding="utf-8") as f:
                questions += [row["query"] for row in csv.DictReader(f, delimiter="\t")]
    assert len(questions) > 300
    close = []
    for entry in load_question_bank().values():
        for asked in entry.questions():
            matcher = difflib.SequenceMatcher(None, asked)
            for q in questions:
                matcher.set_seq2(q)
                if matcher.quick_ratio() >= 0.9 and matcher.ratio() >= 0.9:
                    close.append(asked)
    assert close == []


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("刚刚纳统的规上工业企业能拿什么奖", "5"),
        ("这份文件是哪个部门发的", "preamble"),
        ("被退库了以前拿的入规奖励要交回去吗", "5"),
        ("做批发的进了统计的库有没有钱", "6"),  # 统计库 is a word: split by 的, only the bank knows it
        ("省市县三级的奖励都能拿吗", "final"),
    ],
)
def test_the_bank_puts_the_clause_people_mean_first(question, clause, monkeypatch):
    """Said as people say it, these questions share words with another clause's text; the bank's
    similar questions put the right clause first. Without the bank's vote they would not."""
    assert search(question).hits[0].id == clause
    monkeypatch.setattr(search_module, "BANK_WEIGHT", 0.0)
    search_module._index.cache_clear()
    try:
        assert search(question).hits[0].id != clause
    finally:
        search_module._index.cache_clear()


def test_the_clause_text_still_counts_beside_the_bank(monkeypatch):
    """Weighing the bank alone (text weights zero) loses titles the clause text finds."""
    monkeypatch.setattr(search_module, "FIELD_WEIGHTS", {"title": 0.0, "body": 0.0, "units": 0.0})
    monkeypatch.setattr(search_module, "UNIT_QUESTION_WEIGHTS", {"title": 0.0, "body": 0.0, "units": 0.0})
    search_module._index.cache_clear()
    try:
        lost = [c.id for c in load_notice().clauses if [h.id for h in search(c.title).hits][:1] != [c.id]]
    finally:
        search_module._index.cache_clear()
    assert len(lost) >= 2


def test_a_blank_similar_question_is_refused_in_chinese():
    with pytest.raises(ValidationError, match="相似问第 2 句"):
        BankEntry.model_validate({"标准问": "电费有补贴吗", "相似问": ["用电奖励", " "]})


@pytest.mark.parametrize("name", ["synonyms.yaml", "scope.yaml", "questions.yaml"])
def test_staff_edited_files_have_no_duplicate_keys(name):
    """YAML keeps the last of two equal keys silently: a synonym or a clause's questions would vanish."""
    import yaml

    from corpus.lexicon import CORPUS_DIR

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node):
        keys = [loader.construct_object(k) for k, _ in node.value]
        duplicates = sorted({str(k) for k in keys if keys.count(k) > 1})
        assert duplicates == [], f"{name}: {duplicates}"
        return loader.construct_mapping(node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    with (CORPUS_DIR / name).open(encoding="utf-8") as f:
        assert yaml.load(f, Loader=Strict)
