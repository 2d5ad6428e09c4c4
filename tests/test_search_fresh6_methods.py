"""Search methods added for issue 9 after the fresh6 set: family members, townships and what they
are doing are asides; a ××厂 is a manufacturer; a sum of money makes one character of a clause
enough; 停电 and 运不进来 are 生产要素. Questions written for these tests, not taken from a set.
"""

import pytest

from assistant.search.index import search


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        # family asides around a factory's question
        ("我侄女在外地读书，她爸在漠源开家具厂，一季度卖得比去年多了三百万，能奖多少", "1"),
        ("老公叫我问的，我们南口乡那个水泥厂用电比去年多了不少，有奖励吗", "2"),
        ("儿媳妇让我来问，厂里天然气一季度用了八千方，补助怎么算", "3"),
        # a township and an errand are where and why, not what
        ("万全乡的纸厂，孩子在县里上班，说年底有退库风险，哪个部门帮忙", "12"),
    ],
)
def test_family_and_township_asides_do_not_hide_the_question(question, clause):
    hits = search(question).hits
    assert hits and hits[0].id == clause, [h.id for h in hits]


def test_a_sum_of_money_makes_one_character_of_a_clause_enough():
    hits = search("气的补助算出来才600块给不给").hits
    assert hits and hits[0].id == "3"
    assert search("今天天气热").hits == []  # no sum of money: a lone character is not enough


def test_power_cuts_and_blocked_deliveries_are_production_factors():
    hits = search("料运不进来又老是停电，县里有人管吗").hits
    assert hits and hits[0].id == "10"


def test_how_to_go_and_collect_is_no_route():
    assert search("销售增长的奖励怎么去领").hits[0].id == "1"
