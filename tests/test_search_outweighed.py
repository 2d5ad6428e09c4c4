"""Out-of-scope signals that the notice's own words outweigh, and those they never do."""

from __future__ import annotations

import pytest

from assistant.search.index import search


def ids(q: str) -> list[str]:
    return [h.id for h in search(q).hits]


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        # a weather aside in a long question about 供热 and 复工复产
        ("我们是给园区供蒸汽的供热企业，今年下雪天冷，复工复产的奖励怎么算", "4"),
        # another field's term as the basis of the notice's own figure
        ("开具发票销售额的增长额是按增值税申报表算吗", "1"),
        # a bare sum in 万 is money: one word of the clause is then enough
        ("开票多了600万给不给奖", "1"),
    ],
)
def test_the_notice_words_outweigh_an_aside(question, clause):
    assert ids(question)[:1] == [clause]


@pytest.mark.parametrize(
    "question",
    [
        "今天下雪了好冷",
        "增值税怎么减免",
        "出口退税多久到账",
        "三明市区的企业有没有用气奖励",
        "我家里用电多有补贴吗",
    ],
)
def test_signals_that_still_decline(question):
    assert ids(question) == []
