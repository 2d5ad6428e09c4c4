"""The training quiz inside the chat ("练习"): `assistant.training.quiz.Quiz`, as `policy-assistant train`.

A mixin of :class:`assistant.dialog.engine.DialogEngine`. While a quiz runs, each line is an answer to
the current question; "退出" ends it with the score. The enterprise's own answers (``known``)
are not touched, so a conversation goes on where it was once the quiz is over.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from assistant.dialog import answers
from assistant.dialog.reply import Reply
from corpus import Notice

if TYPE_CHECKING:
    from assistant.training.quiz import Quiz

QUIZ_HINT = "答应得金额（元），如 8万；不符合答 0；“跳过”“退出”"
QUIZ_HELP = (
    "练习中：每题输入应得金额（元），可写 80000、8万、8万元；不符合条件答 0；“跳过”显示答案和计算过程；"
    "“退出”结束练习并显示得分；“重新开始”清空一切。答错时会显示正确的计算过程和出错的一步。"
)
MAX_QUESTIONS = 50
_START = re.compile(
    r"(?:测算练习|练习|培训|做题|出题|考考我|quiz|train)\s*(?:(\d{1,3})\s*(?:道|题|道题)?)?"
    r"\s*(?:种子\s*[:：]?\s*(\d{1,9}))?",
    re.IGNORECASE,
)
_QUIT_EXTRA = frozenset({"退出练习", "结束练习", "不练了", "停止"})


def quiz_command(text: str) -> tuple[int, int | None] | None:
    """(number of questions, seed) when the whole line asks for a quiz ("练习", "练习 5 题 种子 42")."""
    m = _START.fullmatch(text.strip().strip("。.！!"))
    if not m:
        return None
    return int(m.group(1) or 5), int(m.group(2)) if m.group(2) else None


class TrainingQuiz:
    # The engine's state this part uses (set by DialogEngine).
    as_of: date
    notice: Notice
    open_id: str | None
    highlight: list[str]
    quiz: Quiz | None

    def _asked(self, r: Reply) -> Reply:
        """A question is on screen: the hint, and its clause beside it (an open-book quiz)."""
        assert self.quiz is not None
        r.hint = QUIZ_HINT
        r.clause = answers.clause_view(self.notice, self.quiz.current.measure, self.as_of, [])
        return r

    def _ended(self, r: Reply) -> Reply:
        """The quiz is over: the clause panel goes back to the clause the conversation had open."""
        self.quiz = None
        if self.open_id is not None:
            r.clause = answers.clause_view(self.notice, self.open_id, self.as_of, self.highlight)
        return r

    def _start_quiz(self, n: int, seed: int | None) -> Reply:
        if not 1 <= n <= MAX_QUESTIONS:
            return Reply(messages=[f"题数应在 1 到 {MAX_QUESTIONS} 之间，如“练习 5”。"], error=True)
        from assistant.training.quiz import Quiz  # the quiz's scenarios load when a quiz starts

        self.quiz = Quiz(n=n, seed=seed, as_of=self.as_of)
        intro = (
            f"开始测算练习（{n} 题，种子 {self.quiz.seed}）。每题读一段情形，输入应得金额；"
            "不符合条件答 0；“跳过”看答案；“退出”结束练习。已填写的企业信息保留不变。"
        )
        return self._asked(Reply(messages=[intro, self.quiz.prompt()]))

    def _quiz_again(self, r: Reply) -> Reply:
        """The quiz's question again after a message (an empty line, say)."""
        assert self.quiz is not None
        r.messages.append(self.quiz.current.question)
        return self._asked(r)

    def _quiz_reply(self, text: str, show_help: bool = False) -> Reply:
        from assistant.training.quiz import QUIT_WORDS, AnswerError

        quiz = self.quiz
        assert quiz is not None
        if show_help:
            return self._asked(Reply(messages=[QUIZ_HELP, quiz.prompt()]))
        if text.strip("。.！! ").lower() in QUIT_WORDS | _QUIT_EXTRA:
            return self._ended(Reply(messages=[f"练习已结束。{_score(quiz)}"]))
        try:
            feedback = quiz.answer(text)
        except AnswerError as exc:
            return self._asked(Reply(messages=[exc.message, quiz.current.question], error=True))
        if quiz.done:
            return self._ended(Reply(messages=[feedback.text, f"练习结束。{_score(quiz)}"]))
        return self._asked(Reply(messages=[feedback.text, quiz.prompt()]))


def _score(quiz: Quiz) -> str:
    n = len(quiz.scenarios)
    if not quiz.index:
        return f"尚未作答。输入“练习 {n} 种子 {quiz.seed}”可做同一套题。"
    return f"得分：{quiz.score}/{quiz.index}（共 {n} 题）。输入“练习 {n} 种子 {quiz.seed}”可重做同一套题。"
