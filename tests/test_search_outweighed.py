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


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        # unit spellings read as the notice's units, not as words the notice lacks
        ("出口额 2023年USD 900,000 2024年USD 1,400,000", "8"),
        ("用电 24Q1 180万kwh", "2"),
        # a compound ending in 厂 is an enterprise, even after 家里
        ("家里开了个小加工厂，这个文件管到什么时候", "final"),
    ],
)
def test_units_and_compounds(question, clause):
    assert ids(question)[:1] == [clause]


@pytest.mark.parametrize("question", ["家里液化气一罐多少钱", "县城房价多少一平"])
def test_household_and_prices_decline(question):
    assert ids(question) == []


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("这政策啥时候截至", "final"),
        ("开票增长了九百万 能拿九万吗", "1"),  # a sum that grew
        # a long story in other words, with three of the notice's
        ("我孙子回来接手老作坊，做大了，去年还是规下，今年转规上，要不要先进那个培育库", "5"),
        ("镇里引进外资的工作经费是给镇里还是给干部个人的", "9"),
        ("我哋同縣商務部門簽咗出口代理協議，點樣申請補助", "8"),  # a term only one clause has
        ("文件里引用的将政办明电在哪里查阅", "8"),
    ],
)
def test_fresh_ways_of_asking(question, clause):
    assert ids(question)[:1] == [clause]


def test_market_prices_decline():
    assert ids("菜市场猪肉多少钱一斤") == []


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("我老头子八几年办起来的厂，现在儿子接手了，头三个月卖的比去年多了几百万，有没有奖", "1"),
        ("我孙子说开发票的钱比去年多了要奖，最多奖多少，有没有顶", "1"),
        ("我家老头子说重复的奖只能拿一个高的，这个文件谁来解释", "final"),
        ("前阵子新闻里说外地厂出事故，这个文件讲没讲安全生产", "13"),
        ("入了规第二年又退出去了，奖的钱要退回去吗", "5"),
        ("这文件从哪天起管用", "final"),
    ],
)
def test_elder_stories(question, clause):
    assert ids(question)[:1] == [clause]
