"""“能和省里的一起拿吗”: the 就高原则 with both its conditions, then each measure's own words."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.dialog.answers import stacking_answer
from assistant.dialog.engine import DialogEngine
from corpus import load_notice

NOTICE = load_notice()
RULE = (
    "本措施若与省、市相关政策重复，且省市两级奖励资金由县财政兑现，则按“就高原则”执行；"
    "国家、省、市政策有调整的，按上级政策执行。"
)


def test_the_rule_is_quoted_verbatim_with_both_conditions():
    assert RULE in NOTICE.clause("final").text
    text = stacking_answer(NOTICE, "1")
    assert f"“{RULE}”" in text  # nothing inserted inside the quotation
    assert "两个条件同时成立" in text and "县财政兑现" in text
    assert "不能重复领取" not in text and "取高者" not in text


@pytest.mark.parametrize(
    ("mid", "own_words"),
    [
        ("2", "“在落实省市用电奖励政策基础上”"),
        ("5", "“在落实省市两级入规奖励政策基础上”"),
        ("9", "“在《将乐县招商引资优惠政策》（将委办〔2022〕11号）明确的奖补标准基础上”"),
        ("6", "“未享受任何政策奖励兑现”"),
        ("1", "本条原文未提及省、市同类政策"),
        ("3", "本条原文未提及省、市同类政策"),
    ],
)
def test_each_measure_answers_in_its_own_words(mid, own_words):
    text = stacking_answer(NOTICE, mid)
    assert own_words in text
    if own_words.startswith("“"):
        assert own_words.strip("“”") in NOTICE.clause(mid).text
    assert all(u in text for u in NOTICE.clause(mid).responsible_units)


def test_the_chat_routes_the_question_to_the_open_measure():
    engine = DialogEngine(as_of=date(2024, 3, 15))
    engine.reply("第2条")
    said = " ".join(engine.reply("能和省里的一起拿吗").messages)
    assert "在落实省市用电奖励政策基础上" in said and "第2条" in said and "不能重复领取" not in said
