"""The corpus is the notice's own words: nothing dropped, nothing invented."""

import re

import pytest
import yaml
from pydantic import ValidationError

from corpus import NOTICE_FILE, load_notice
from corpus.models import Notice
from corpus.text import canonical, clean_transcription
from tests.conftest import SHARED_NOTICE

NOTICE = load_notice()
MEASURES = [c for c in NOTICE.clauses if c.id.isdigit()]


def reconstruct(notice: Notice) -> str:
    """The notice's body rebuilt from the corpus, in order."""
    parts = [notice.clause("preamble").text]
    for section in notice.sections:
        parts.append(f"{section.id}、{section.title}")
        for c in (c for c in notice.clauses if c.id.isdigit() and c.section == section.id):
            parts.append(f"{c.id}.{c.title}。{c.text}责任单位：{c.responsible_units_text}")
    parts.append(notice.clause("final").text)
    parts.extend(notice.metadata.trailer)
    return "\n".join(parts)


def test_clause_texts_joined_equal_the_notice_body(notice_raw):
    assert canonical(reconstruct(NOTICE)) == canonical(notice_raw)


def test_the_kept_copy_is_the_published_notice(notice_raw):
    if not SHARED_NOTICE.exists():
        pytest.skip(f"shared/ is not beside the checkout ({SHARED_NOTICE})")
    assert SHARED_NOTICE.read_text(encoding="utf-8") == notice_raw


def test_a_dropped_or_invented_character_is_caught(notice_raw):
    data = NOTICE.model_dump()
    for c in data["clauses"]:
        if c["id"] == "3":
            c["text"] = c["text"].replace("0.5元", "0.6元")
    assert canonical(reconstruct(Notice.model_validate(data))) != canonical(notice_raw)


def test_thirteen_measures_in_five_sections_with_preamble_and_final():
    assert [c.id for c in NOTICE.clauses] == ["preamble", *map(str, range(1, 14)), "final"]
    assert [s.title for s in NOTICE.sections] == [
        "鼓励企业稳定生产",
        "支持企业入规入统",
        "促进外贸外资稳定运行",
        "强化服务保障",
        "强化安全生产",
    ]
    assert NOTICE.clause("1").title == "落实增产增效奖励"
    assert NOTICE.clause("13").title == "紧抓安全生产"


def test_metadata():
    m = NOTICE.metadata
    assert m.number == "将政办规〔2024〕2号"
    assert str(m.issued_on) == "2024-02-01"
    assert (str(m.valid_from), str(m.valid_to)) == ("2024-01-01", "2024-03-31")
    assert m.interpreting_unit == "县工业和信息化局"
    assert m.issuer == "将乐县人民政府办公室"


@pytest.mark.parametrize("clause", NOTICE.clauses, ids=lambda c: c.id)
def test_clause_is_clean_transcription(clause):
    for text in (clause.title, clause.text):
        assert "**" not in text
        assert not re.search(r"[\u4e00-\u9fff] +\d|\d +[\u4e00-\u9fff]", text), text
        assert not re.search(r"[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]", text), "half-width punctuation"
        assert clean_transcription(text) == text.strip() or "\n" in text


@pytest.mark.parametrize("word", ["最高不超过35万元", "若入库后", "给予100元", "落地投产"])
def test_page_break_splits_are_joined(word):
    assert word in "".join(c.text for c in NOTICE.clauses)


@pytest.mark.parametrize("clause", NOTICE.clauses, ids=lambda c: c.id)
def test_evidence_references_and_units_are_the_notices_words(clause):
    for phrase in clause.evidence + clause.references:
        assert phrase in clause.text
    if clause.responsible_units_text is not None:
        for unit in clause.responsible_units:
            assert unit in clause.responsible_units_text
        assert "".join(clause.responsible_units) == re.sub("[、，]", "", clause.responsible_units_text)


def test_clause_validity():
    assert NOTICE.validity("1").describe() == "2024年1月1日至2024年3月31日"
    assert NOTICE.validity("7").end is None
    assert str(NOTICE.validity("8").end) == "2024-12-31"
    assert NOTICE.validity("5").end.year == 2025


def test_computable_measures():
    assert {c.id for c in NOTICE.clauses if c.computable} == {"1", "2", "3", "4", "5", "7", "9"}


def test_unknown_keys_are_refused():
    data = yaml.safe_load(NOTICE_FILE.read_text(encoding="utf-8"))
    data["clauses"][1]["amount"] = 5
    with pytest.raises(ValidationError):
        Notice.model_validate(data)
