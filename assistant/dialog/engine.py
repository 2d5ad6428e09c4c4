"""The dialog engine: one conversation about the notice, independent of any user interface.

States (``DialogEngine.state``):
  idle       nothing open; a line is a question (searched) or a command.
  clause     a clause is open (offered clauses can be picked by number); follow-ups are
             answered from it; a computed measure's result is kept for "怎么算的".
  interview  a computable clause is open and one field is pending; the next line is tried as
             its answer first ("不知道" → the field's stated assumption).
  profile    the whole-profile check ("体检"): an interview over every computable measure in
             turn, ending with a table and the total.
  quiz       the training quiz ("练习"): each line answers the current question until "退出";
             the enterprise's answers are left as they were.
Known answers live in one dict shared by every calculation, so nothing is asked twice.
Textual is never imported here (tests check it in a fresh interpreter).
"""

from __future__ import annotations

import logging
import os
import re
from datetime import date
from decimal import Decimal

import calculators
from assistant.dialog import answers, intents
from assistant.dialog.extract import extract, family_of
from assistant.dialog.profile import ProfileInterview
from assistant.dialog.reading import Reading
from assistant.dialog.render import render_plain
from assistant.dialog.reply import FieldPrompt, Offer, Reply
from assistant.dialog.training import TrainingQuiz, quiz_command
from calculators import InputError
from calculators.fields import FIELDS, is_unknown, parse_field
from calculators.models import Estimate, Unmet
from corpus import load_notice
from corpus.text import normalise_input

MAX_INPUT_CHARS = 500
_BARE = re.compile(r"\s*\d+(?:\.\d+)?\s*")  # digits alone, no unit and no 万
_UNKNOWN = ("不知道", "不确定", "不清楚", "不晓得", "说不清", "不了解")


class DialogEngine(Reading, ProfileInterview, TrainingQuiz):
    """``reply(text)`` takes one line from a person and returns the assistant's structured answer."""

    def __init__(self, as_of: date | None = None) -> None:
        self.as_of = as_of or date.today()
        self.notice = load_notice()
        self.titles = {c.id: c.title for c in self.notice.clauses}
        self.reset()

    def reset(self) -> None:
        self.known: dict[str, object] = {}
        self.assumed: dict[str, str] = {}  # field → the sentence of its assumption
        self.deltas: list = []  # increases waiting for one year's figure ("多了30万度")
        self.declined: set[str] = set()  # increase fields the person said went down (not eligible)
        self.derived: set[str] = set()  # figures worked out from two stated ones (今年 − 去年 = 增长额)
        self.unsure: list[str] = []  # fields named but not stated clearly: asked first
        self.offered: list[str] = []
        self.open_id: str | None = None
        self.highlight: list[str] = []
        self.pending: str | None = None
        self.profile: list[str] | None = None
        self.stopped: dict[str, Unmet] = {}
        self.estimates: dict[str, Estimate] = {}
        self.last_table = None
        self.quiz = None
        self.transcript: list[tuple[str, str]] = []
        self.last_read: dict[str, object] = {}  # what the last line stated (``ask --json``'s "read")
        self.last_derived: dict[str, object] = {}  # worked out from two it stated ("derived")
        self.last_out_of_scope = False

    @property
    def state(self) -> str:
        if self.quiz is not None:
            return "quiz"
        if self.profile is not None:
            return "profile"
        if self.pending is not None:
            return "interview"
        return "clause" if self.open_id is not None else "idle"

    # -- entry point -------------------------------------------------------------------------

    def reply(self, text: str) -> Reply:
        try:
            r = self._reply(text)
        except InputError as exc:  # a refused figure that a code path did not catch: its own message
            r = self._ask_again(Reply(messages=[exc.message], error=True))
        except Exception as exc:  # a bug must never end the conversation or lose answers
            # ...but it must not hide either: the tests (and a developer) set this to see it.
            if os.environ.get("POLICY_ASSISTANT_DEBUG"):
                raise
            logging.getLogger(__name__).exception("reply failed for %r", text[:MAX_INPUT_CHARS])
            r = self._ask_again(
                Reply(
                    messages=[f"抱歉，处理这句话时出错（{type(exc).__name__}），已填写的信息未丢失。"],
                    error=True,
                )
            )
        self.transcript.append(("user", (text or "")[:MAX_INPUT_CHARS]))
        self.transcript.append(("assistant", render_plain(r)))
        return r

    def _reply(self, raw: str) -> Reply:
        self.last_read, self.last_derived, self.last_out_of_scope = {}, {}, False
        text = normalise_input(raw or "")
        text = "".join(ch if ch.isprintable() else " " for ch in text).strip()
        if not text:
            return self._ask_again(Reply(messages=["请输入问题或回答（输入“帮助”查看用法）。"], error=True))
        if len(text) > MAX_INPUT_CHARS:
            message = f"输入过长（{len(text)} 字）。请只输入问题或回答，不超过 {MAX_INPUT_CHARS} 字。"
            return self._ask_again(Reply(messages=[message], error=True))
        cmd = intents.command(text)
        if cmd == "restart":
            self.reset()
            return Reply(messages=["已重新开始，之前填写的信息已清空。请提问，或输入“体检”逐项测算。"])
        if self.quiz is not None:
            r = self._quiz_reply(text, show_help=cmd == "help")
            return r if self.quiz is not None else self._ask_again(r)  # back to a pending question
        if cmd == "help":
            return self._ask_again(Reply(messages=[answers.HELP]))
        if text.lower().strip("。.！! ") in ("退出", "exit", "quit"):
            message = (
                "要退出程序请按 ctrl+q（逐行模式输入“退出”或按 ctrl+d）；如需保存对话，先按 ctrl+e 导出。"
            )
            return self._ask_again(Reply(messages=[message]))
        wants_quiz = quiz_command(text)
        if wants_quiz is not None:
            return self._start_quiz(*wants_quiz)
        if cmd == "list":
            return self._ask_again(Reply(messages=[answers.clause_list(self.notice)]))
        if cmd == "profile":
            return self._start_profile()
        change = intents.change(text)
        if change is not None:
            return self._change(change)
        error: InputError | None = None
        if self.pending is not None:
            answered = self._answer(text)
            if not isinstance(answered, InputError):
                return answered
            error = answered
        # A bare "2" answers a pending number question; otherwise it picks offered clause 2.
        numeric = self.pending is not None and FIELDS[self.pending].kind in ("amount", "int")
        number = intents.pick(text, explicit_only=numeric)
        if number is not None:
            if 1 <= number <= len(self.offered):
                return self._open(self.offered[number - 1], Reply())
            if self.pending is None and not self.offered:
                return self._open_ref(text, Reply())
            if not numeric or intents.pick(text, explicit_only=True) is not None:
                message = (
                    f"没有第 {number} 项可选；当前可选 1–{len(self.offered)}。"
                    if len(self.offered) > 1
                    else "当前没有其他可选的条款；输入“第N条”可打开任一条。"
                )
                return self._ask_again(Reply(messages=[message], error=True))
        ref = intents.clause_ref_span(text)
        if ref is not None:
            follow = intents.follow_up(ref[1]) if ref[1] else None
            r = self._open_ref(ref[0], Reply())
            if follow and self.open_id is not None:
                r.messages.append(
                    answers.follow_up(
                        self.notice, follow[0], self.open_id, self.as_of, self.estimates.get(self.open_id)
                    )
                )
            return r
        follow = intents.follow_up(text)
        if follow is not None and self.open_id is not None and not follow[1]:
            message = answers.follow_up(
                self.notice, follow[0], self.open_id, self.as_of, self.estimates.get(self.open_id)
            )
            return self._ask_again(Reply(messages=[message]))
        if error is not None and intents.looks_like_lookup(text):
            looked = self._lookup(text)
            if looked is not None:
                return looked
        if error is not None and not intents.looks_like_question(text):
            return self._ask_again(Reply(messages=[error.message], error=True))
        return self._search(text, follow[0] if follow else None)

    # -- questions and clauses -----------------------------------------------------------------

    def _search(self, text: str, follow: str | None) -> Reply:
        from assistant.search.index import QueryError, search  # jieba loads on the first question
        from assistant.search.vocabulary import vocabulary

        try:
            result = search(text, top=3)
        except QueryError as exc:
            return self._ask_again(Reply(messages=[str(exc)], error=True))
        taken = extract(text, prefer=self.known)
        figures = [t.field for t in taken.taken]  # figures and facts stated about the enterprise
        figures += [n for d in taken.deltas for n in (d.past, d.present)]
        figures += [n for n, _, _ in taken.declines] + (taken.unsure if taken.problems else [])
        hits = [] if not result.hits or self._weak(result) else result.hits
        ids = [h.id for h in hits]
        # a figure read for certain names its measure, even where the words matched little; a fact of
        # a clause with no calculator (第6条's 已享受其他奖励) names that clause
        users = self._measures_using(figures)
        facts = [t.field for t in taken.taken if family_of(t.field) is None]  # yes/no and choices
        if not users and result.declined is None:
            users = self._measures_using(facts, computable_only=False)
        if users:
            owner = next((i for i in ids if i in users), users[0])
            ids = [owner, *(i for i in ids if i != owner)][:3]
        if not ids:
            self.last_out_of_scope = True
            signal = vocabulary().scope.get(result.declined or "")
            message = answers.out_of_scope(self.notice, signal.reason if signal else None)
            return self._ask_again(Reply(messages=[message]))
        if len(result.unit_clauses) > 1 and not users and not taken.taken:
            return self._unit_duties(result.unit_names, result.unit_clauses)
        if self.profile is not None:
            self.profile = None
        self.pending = None
        self.offered = ids
        r = Reply(offered=[Offer(number=i, id=c, title=self.titles[c]) for i, c in enumerate(ids, 1)])
        self._take(taken, r)
        best = next((h for h in result.hits if h.id == ids[0]), None)
        terms = list(dict.fromkeys([*(best.matched if best else []), *result.tokens]))
        r = self._open(ids[0], r, highlight=terms)
        if follow is not None and self.open_id is not None:
            r.messages.append(
                answers.follow_up(
                    self.notice, follow, self.open_id, self.as_of, self.estimates.get(self.open_id)
                )
            )
        return r

    def _unit_duties(self, names: list[str], ids: list[str]) -> Reply:
        """ "工信局负责哪几条": the unit's clauses listed, none opened (no one clause is meant)."""
        if self.profile is not None:
            self.profile = None
        self.pending = None
        self.offered = ids
        message = (
            f"{'、'.join(names)}是以下{len(ids)}条的责任单位（按通知顺序）。输入序号或“第N条”查看全文和测算。"
        )
        offers = [Offer(number=i, id=c, title=self.titles[c]) for i, c in enumerate(ids, 1)]
        return self._ask_again(Reply(messages=[message], offered=offers))

    def _open_ref(self, text: str, r: Reply) -> Reply:
        from assistant.search.clause_ref import parse_clause_ref

        clause_id = parse_clause_ref(text)
        if clause_id is None or clause_id not in self.titles:
            r.messages.append("没有找到这一条。本通知共13条措施（第1–13条），输入“目录”查看。")
            r.error = True
            return self._ask_again(r)
        return self._open(clause_id, r)

    def _open(self, clause_id: str, r: Reply, highlight: list[str] | None = None) -> Reply:
        if self.profile is not None:
            self.profile = None
            r.messages.append("体检已暂停，已填写的信息保留；输入“体检”可继续。")
        self.open_id = clause_id
        self.pending = None
        self.highlight = highlight if highlight is not None else []
        view = answers.clause_view(self.notice, clause_id, self.as_of, self.highlight)
        r.clause = view
        if not view.in_force:
            r.messages.append("注意：" + view.in_force_message)
        r.messages.append(f"已打开{view.heading}。")
        return self._advance(r)

    # -- the interview -----------------------------------------------------------------------

    def _data(self) -> dict[str, object]:
        return dict(self.known)

    def _computable(self, measure: str) -> bool:
        if measure not in calculators.MEASURE_IDS:
            return False
        return bool(calculators.get_measure(measure).computable)

    def _advance(self, r: Reply) -> Reply:
        """Ask the next field the open measure needs, stop on a failed condition, or compute."""
        if self.profile is not None:
            return self._advance_profile(r)
        measure = self.open_id
        if measure is None:
            return r
        if not self._computable(measure):
            r.messages.append(answers.explain_without_amount(self.notice, measure))
            self.pending = None
            return r
        try:
            unmet = calculators.precheck(measure, self._data())
        except InputError:
            return self._evaluate(measure, r)  # figures that disagree: say so and ask again
        if unmet is not None:
            self.pending = None
            r.messages.append(answers.unmet_text(measure, self.titles[measure], unmet))
            return r
        needed = calculators.needed_fields(measure, self._data())
        if needed and needed[0] in self.declined:
            self.pending = None  # not asked: the person said it went down
            label = FIELDS[needed[0]].label.removesuffix("增长额")
            r.messages.append(f"按您所说{label}下降，第{measure}条按增长给予奖励，暂不符合条件。")
            return r
        if needed:
            return self._ask(self._next_field(needed), r, measure)
        return self._evaluate(measure, r)

    def _evaluate(self, measure: str, r: Reply) -> Reply:
        try:
            est = calculators.evaluate(measure, self._data(), as_of=self.as_of)
        except InputError as exc:
            r.messages.append(exc.message)
            r.error = True
            if exc.field in FIELDS:
                return self._ask(exc.field, r, measure)
            return r
        self.pending = None
        self.estimates[measure] = est
        r.estimate = est
        spec_fields = set(calculators.get_measure(measure).fields)
        r.conditions = [text for name, text in self.assumed.items() if name in spec_fields]
        return r

    def _ask(self, name: str, r: Reply, measure: str | None) -> Reply:
        self.pending = name
        r.question = self._prompt(name, measure)
        return r

    def _prompt(self, name: str, measure: str | None) -> FieldPrompt:
        spec = FIELDS[name]
        choices = [words[0] for words in spec.choices.values()]
        return FieldPrompt(
            name=name,
            label=spec.label,
            question=spec.question,
            unit=spec.unit,
            example=spec.example,
            kind=spec.kind,
            choices=choices,
            measure=measure,
            can_assume=bool(spec.assumption_text),
        )

    def _ask_again(self, r: Reply) -> Reply:
        """Repeat the pending question after a message, so the person knows what is awaited."""
        if self.quiz is not None and r.hint is None:
            return self._quiz_again(r)
        if self.pending is not None and r.question is None:
            r.question = self._prompt(self.pending, self.open_id)
        return r

    def _answer(self, text: str) -> Reply | InputError:
        name = self.pending
        assert name is not None
        spec = FIELDS[name]
        if is_unknown(text) or text.strip("。.！!？? ") in _UNKNOWN:
            if not spec.assumption_text:
                return self._ask_again(
                    Reply(
                        messages=[f"“{spec.label}”无法按假设计算，需要您提供。可先向财务或经办人员确认。"],
                        error=True,
                    )
                )
            self.known[name] = spec.assume_if_unknown
            self.assumed[name] = spec.assumption_text
            r = Reply(messages=[f"按假设处理：{spec.assumption_text}。"])
            return self._advance(r)
        try:
            value = parse_field(name, text)
        except InputError as exc:
            taken = extract(text, prefer=[name], pending=name)
            if any(t.field == name for t in taken.taken) or (
                (taken.taken or taken.declines) and not intents.looks_like_question(text)
            ):
                r = Reply()
                self._take(taken, r)
                return self._advance(r)
            if taken.problems and not taken.taken:  # "500万人民币" for 外资, "大概800万": say why, ask again
                return self._ask_again(Reply(messages=taken.problems, error=True))
            return exc
        bare = text.strip()
        small = isinstance(value, Decimal) and 0 < value < 10_000
        if spec.kind == "amount" and small and _BARE.fullmatch(bare):
            # "3500" for a quarter's sales: 3500 元 or 3500万? Asked, not guessed.
            message = (
                f"您输入的 {bare} 没有单位：是 {bare} {spec.unit}，还是 {bare}万{spec.unit}？"
                f"请带单位重新输入（如 {bare}万 或 {bare}{spec.unit}）。"
            )
            return self._ask_again(Reply(messages=[message], error=True))
        self._set(name, value)
        return self._advance(Reply())

    def transcript_markdown(self) -> str:
        """The conversation and its results as Markdown (assistant.dialog.export renders it)."""
        from assistant.dialog.export import transcript_markdown

        return transcript_markdown(self)
