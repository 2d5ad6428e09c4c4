"""The engine and what it reads (issue 9 point 5, issue 12's dialog points): ask rather than guess."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from assistant.dialog.engine import DialogEngine
from assistant.dialog.render import render_plain
from tests.test_engine import converse

DAY = date(2024, 3, 15)


def test_a_figure_in_the_wrong_unit_is_asked_for_showing_what_was_understood():
    engine = DialogEngine(as_of=DAY)
    reply = engine.reply("外资到位了350万元，有奖励吗")
    assert "fdi_2024q1_usd" not in engine.known
    assert reply.question is not None and reply.question.name == "fdi_2024q1_usd"
    assert any("您说的 350万元 是人民币" in m and "请给出美元金额" in m for m in reply.messages)
    reply = engine.reply("350万美元")
    assert reply.estimate is not None and reply.estimate.measure == "9"


def test_an_answer_in_the_wrong_unit_is_refused_and_asked_again():
    engine = DialogEngine(as_of=DAY)
    reply = engine.reply("外资到资有奖励吗")
    assert reply.question is not None and reply.question.name == "fdi_2024q1_usd"
    reply = engine.reply("500万人民币")
    assert reply.error and reply.question is not None and reply.question.name == "fdi_2024q1_usd"
    assert "fdi_2024q1_usd" not in engine.known
    assert any("是人民币" in m for m in reply.messages)


def test_a_decline_is_said_and_the_increase_not_asked():
    engine = DialogEngine(as_of=DAY)
    reply = engine.reply("一季度销售额下降了200万，能奖多少")
    assert "sales_increase_yuan" not in engine.known
    assert any("同比下降" in m and "未记下" in m for m in reply.messages)
    reply = engine.reply("是")  # 规上工业企业
    assert reply.question is None and reply.estimate is None
    assert "暂不符合条件" in render_plain(reply)


def test_everything_stored_is_said_back():
    reply = DialogEngine(as_of=DAY).reply("今年一季度销售3650万（去年2980万）")
    said = next(m for m in reply.messages if m.startswith("已记下"))
    assert "36,500,000 元" in said and "29,800,000 元" in said


def test_a_correction_after_switching_topic_reevaluates_its_own_measure():
    engine = DialogEngine(as_of=DAY)
    converse(engine, "一季度销售额增长了800万，能奖励多少？", {"above_scale_industrial": "是"})
    reply, _ = converse(engine, "外资到资350万美元，有奖励吗", {})
    assert reply.estimate is not None and reply.estimate.measure == "9"
    reply = engine.reply("销售额改成900万")
    assert reply.estimate is not None and reply.estimate.measure == "1"
    assert reply.estimate.award_yuan == Decimal(90_000)
    assert any("原为 8,000,000 元" in m for m in reply.messages)


def test_a_one_word_look_up_while_a_question_is_pending_keeps_the_question():
    engine = DialogEngine(as_of=DAY)
    reply = engine.reply("一季度销售额增长了800万，能奖励多少？")
    pending = reply.question.name
    reply = engine.reply("出口")
    assert not reply.error and "无法识别" not in render_plain(reply)
    assert reply.offered and reply.offered[0].id == "8"
    assert reply.question is not None and reply.question.name == pending and engine.pending == pending
    reply = engine.reply("是")
    assert reply.estimate is not None and reply.estimate.measure == "1"


def test_new_entry_stated_as_an_answer_is_taken_not_asked_again():
    engine = DialogEngine(as_of=DAY)
    reply = engine.reply("统计人员有补助吗")
    assert reply.question is not None and reply.question.name == "enterprise_status"
    reply = engine.reply("我们是新入规企业")
    assert engine.known["enterprise_status"] == "new_entry"
    assert reply.question is None or reply.question.name != "enterprise_status"


def test_new_entry_in_the_question_is_not_asked():
    engine = DialogEngine(as_of=DAY)
    reply, asked = converse(
        engine,
        "我们是新入规企业，小升规入规奖励多少",
        {"in_cultivation_pool": "是", "entry_type": "新建投产", "built_2024": "是"},
    )
    assert "counted_2024" not in asked
    assert reply.estimate is not None and reply.estimate.award_yuan == Decimal(100_000)


def test_an_everyday_remark_opens_no_clause():
    engine = DialogEngine(as_of=DAY)
    reply = engine.reply("今天天气怎么样")
    assert reply.clause is None and reply.question is None and engine.open_id is None
    assert "本通知" in render_plain(reply)


def _result(tokens, matched):
    from types import SimpleNamespace

    return SimpleNamespace(tokens=tokens, hits=[SimpleNamespace(matched=matched)])


def test_a_match_through_one_character_or_generic_words_is_weak():
    engine = DialogEngine(as_of=DAY)
    assert engine._weak(_result(["气", "天天气"], ["用气", "天然气"]))  # 今天天气怎么样
    assert engine._weak(_result(["热"], ["供热", "用热"]))
    assert engine._weak(_result(["奖励", "企业"], ["奖励", "企业"]))  # generic words only
    assert not engine._weak(_result(["电费", "补贴"], ["用电"]))  # through the synonym table
    assert not engine._weak(_result(["小升規"], ["小升规"]))  # traditional characters
    assert not engine._weak(_result(["出口"], ["出口"]))


def test_an_approximate_answer_is_said_and_asked_again():
    engine = DialogEngine(as_of=DAY)
    engine.reply("销售增长有奖励吗")
    engine.reply("是")
    assert engine.pending == "sales_increase_yuan"
    reply = engine.reply("大概800万")
    assert reply.error and "sales_increase_yuan" not in engine.known
    assert any("约数" in m for m in reply.messages) and reply.question.name == "sales_increase_yuan"


def test_a_bare_small_number_for_sales_is_asked_with_its_unit():
    engine = DialogEngine(as_of=DAY)
    engine.reply("销售增长有奖励吗")
    engine.reply("是")
    reply = engine.reply("800")
    assert reply.error and "sales_increase_yuan" not in engine.known
    assert any("800万" in m and "800元" in m for m in reply.messages)
    reply = engine.reply("800万")
    assert reply.estimate is not None and reply.estimate.award_yuan == Decimal(80_000)


def test_a_worked_out_increase_follows_a_corrected_level():
    engine = DialogEngine(as_of=DAY)
    reply = engine.reply("规上工业企业，上年一季度开票三千万，本年一季度开票三千七百万")
    assert engine.known["sales_increase_yuan"] == Decimal(7_000_000)
    assert reply.estimate is not None and reply.estimate.award_yuan == Decimal(70_000)
    # a new figure for this year: the increase worked out before goes, the two levels decide
    reply = engine.reply("改：今年一季度销售额3900万")
    assert reply.estimate is not None and reply.estimate.award_yuan == Decimal(90_000)
    assert not reply.error
    # a year alone corrects that year's figure, not the increase
    reply = engine.reply("去年改成3300万")
    assert engine.known["sales_2023q1_yuan"] == Decimal(33_000_000)
    assert reply.estimate is not None and reply.estimate.award_yuan == Decimal(60_000)


def test_figures_that_disagree_are_said_not_a_failure():
    engine = DialogEngine(as_of=DAY)
    engine.reply("规上工业企业，去年一季度开票4000万，今年一季度4950万")
    reply = engine.reply("增长额改成800万")
    assert not any("出错" in m for m in reply.messages)
    assert any("不一致" in m for m in reply.messages)
