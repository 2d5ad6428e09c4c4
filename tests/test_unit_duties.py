"""A question naming a responsible unit and nothing else ("工信局负责哪几条") lists the unit's clauses.

The expected lists are read from the notice's own 责任单位 lines (a different path from the
search's token match), so a change to the notice or to the segmentation shows here.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.dialog.engine import DialogEngine
from assistant.dialog.render import render_plain
from assistant.search.index import search
from corpus import load_notice


def duties(unit: str) -> list[str]:
    notice = load_notice()
    return [
        c.id for c in notice.clauses if c.id != "preamble" and any(unit in u for u in c.responsible_units)
    ]


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("工信局负责哪几条", "工信局"),
        ("县工信局管哪些奖励", "工信局"),
        ("住建局管的是哪几条", "住建局"),
        ("发改局负责哪些", "发改局"),
        ("统计局管什么", "统计局"),
        ("各乡镇人民政府负责哪几条", "乡（镇）"),
    ],
)
def test_a_unit_alone_lists_its_clauses_in_the_notices_order(question, unit):
    result = search(question)
    expected = duties(unit)
    assert result.unit_clauses == expected or (len(expected) == 1 and result.unit_clauses == [])
    assert [h.id for h in result.hits] == expected[:3]


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("供电公司在用电奖励里负责什么", "2"),  # the clause is named: ranking decides
        ("住建局在用气补助里负责什么", "3"),
        ("国网将乐供电公司在这个文件里负责啥", "2"),  # 将乐 is the issuer's word, not a unit
    ],
)
def test_a_unit_with_a_subject_is_ranked_not_listed(question, clause):
    result = search(question)
    assert result.hits[0].id == clause
    assert len(result.unit_clauses) <= 1


def test_no_listing_without_a_unit_question():
    assert search("工信局").unit_clauses == []  # a keyword, not "what does it do"


def test_the_chat_lists_the_clauses_and_opens_none():
    engine = DialogEngine(as_of=date(2024, 3, 15))
    reply = engine.reply("工信局负责哪几条？")
    expected = duties("工信局")
    assert len(expected) > 9  # the list runs past 9: a two-digit pick must work
    assert [o.id for o in reply.offered] == expected
    assert reply.clause is None and reply.question is None
    assert f"是以下{len(expected)}条的责任单位" in render_plain(reply)
    picked = engine.reply("10")
    assert picked.clause is not None and picked.clause.id == expected[9]
