"""The training quiz as a command inside the chat ("练习"): same quiz as `train`, nothing else lost."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from textual.widgets import Input

from assistant.dialog.engine import DialogEngine
from assistant.dialog.training import QUIZ_HINT, quiz_command
from assistant.training.quiz import Quiz, correct_estimate, expected_award
from calculators.models import plain_decimal
from tests.test_tui import chat_app, log_text, say, sync

DAY = date(2024, 3, 15)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("练习", (5, None)),
        ("练习 3 题", (3, None)),
        ("测算练习10道", (10, None)),
        ("练习 4 种子 42", (4, 42)),
        ("考考我。", (5, None)),
        ("quiz 2", (2, None)),
        ("练习一下第1条怎么算", None),  # a question, not the command
        ("销售额800万", None),
    ],
)
def test_quiz_command_words(line, expected):
    assert quiz_command(line) == expected


def test_chat_quiz_is_the_train_quiz_and_marks_with_the_calculators():
    engine = DialogEngine(as_of=DAY)
    r = engine.reply("练习 3 种子 7")
    reference = Quiz(n=3, seed=7, as_of=DAY)
    assert engine.state == "quiz" and r.hint == QUIZ_HINT
    assert reference.prompt() in r.messages
    for i, scenario in enumerate(reference.scenarios):
        right = expected_award(correct_estimate(scenario, DAY))
        r = engine.reply(plain_decimal(right))
        assert r.messages[0].startswith("正确"), (i, r.messages)
    assert engine.state == "idle"
    assert "得分：3/3" in r.messages[-1]


def test_a_wrong_answer_shows_the_right_amount_and_the_trace():
    engine = DialogEngine(as_of=DAY)
    engine.reply("练习 1 种子 11")
    scenario = engine.quiz.current
    right = expected_award(correct_estimate(scenario, DAY))
    r = engine.reply(plain_decimal(right + 1))
    assert r.messages[0].startswith("不对") and "计算过程" in r.messages[0]
    assert "得分：0/1" in r.messages[-1]


def test_bad_answers_keep_the_question_and_the_score():
    engine = DialogEngine(as_of=DAY)
    engine.reply("练习 2 种子 5")
    question = engine.quiz.current.question
    for bad in ("abc", "", "   ", "八万块钱吧大概", "x" * 600):
        r = engine.reply(bad)
        assert r.error, bad
        assert question in r.messages and r.hint == QUIZ_HINT, bad
        assert engine.quiz.index == 0 and engine.state == "quiz"
    r = engine.reply("帮助")
    assert "练习中" in r.messages[0] and question in r.messages[-1]


@pytest.mark.parametrize("n", ["0", "51", "999"])
def test_question_count_out_of_range_is_refused(n):
    engine = DialogEngine(as_of=DAY)
    r = engine.reply(f"练习 {n}")
    assert r.error and "1 到 50" in r.messages[0] and engine.state == "idle"


def test_the_enterprise_answers_survive_a_quiz_and_the_pending_question_returns():
    engine = DialogEngine(as_of=DAY)
    engine.reply("一季度销售额增长了800万，能奖励多少？")
    assert engine.state == "interview"
    pending, known = engine.pending, dict(engine.known)
    engine.reply("练习 2")
    engine.reply("0")
    r = engine.reply("退出")
    assert "练习已结束" in r.messages[0] and "得分：" in r.messages[0]
    assert engine.known == known and engine.pending == pending
    assert r.question is not None and r.question.name == pending  # asked again
    r = engine.reply("是")
    assert r.estimate is not None and r.estimate.award_yuan == 80_000


def test_restart_ends_a_quiz_too():
    engine = DialogEngine(as_of=DAY)
    engine.reply("练习")
    engine.reply("重新开始")
    assert engine.state == "idle" and engine.quiz is None


def test_quit_word_outside_a_quiz_explains_how_to_leave():
    r = DialogEngine(as_of=DAY).reply("退出")
    assert "ctrl+q" in r.messages[0] and not r.offered


def test_plain_chat_quiz_then_exit_word_ends_the_session():
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--plain", "--as-of", "2024-03-15"],
        input="练习 1 种子 2\n跳过\n退出\n第1条\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "正确答案是" in out.stdout and "练习结束" in out.stdout
    assert "已打开第1条" not in out.stdout  # "退出" outside the quiz left the session


@sync
async def test_tui_quiz_sets_the_input_hint():
    async with chat_app((100, 30)) as (app, pilot):
        await say(app, pilot, "练习 1 种子 3")
        assert "第 1/1 题" in log_text(app)
        assert app.query_one("#ask", Input).placeholder == QUIZ_HINT
        await say(app, pilot, "跳过")
        assert "练习结束" in log_text(app)
        assert app.query_one("#ask", Input).placeholder != QUIZ_HINT


def test_an_unexpected_error_is_a_message_for_people_and_raises_under_test(monkeypatch):
    engine = DialogEngine(as_of=DAY)
    engine.reply("一季度销售额增长了800万，能奖励多少？")
    known = dict(engine.known)

    def broken(text):
        raise ZeroDivisionError

    monkeypatch.setattr(engine, "_reply", broken)
    with pytest.raises(ZeroDivisionError):
        engine.reply("是")
    monkeypatch.delenv("POLICY_ASSISTANT_DEBUG")
    r = engine.reply("是")
    assert r.error and "已填写的信息未丢失" in r.messages[0]
    assert engine.known == known and r.question is not None  # the pending question is asked again


def test_each_question_brings_its_clause_and_the_end_brings_back_the_open_one():
    engine = DialogEngine(as_of=DAY)
    engine.reply("第7条")
    r = engine.reply("练习 3 种子 7")
    assert r.clause is not None and r.clause.id == engine.quiz.current.measure
    while engine.quiz is not None:
        measure = engine.quiz.current.measure
        r = engine.reply("跳过")
        if engine.quiz is not None:
            assert r.clause.id == engine.quiz.current.measure
    assert measure and r.clause is not None and r.clause.id == "7" and engine.open_id == "7"
