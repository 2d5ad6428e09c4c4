"""Training quiz: scenarios (`assistant.training.scenarios`) marked by the calculators.

Every correct answer is `calculators.evaluate`'s award. A wrong answer is
explained by asking the calculators what-if questions (a yes/no flipped, a figure rounded to a
whole step, the date moved) and showing the first step of the trace where that reading parts
from the right one. No textual here: the `train` command and the chat both drive `Quiz`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from assistant.training.scenarios import Scenario, day_text, generate, number_text
from assistant.training.slips import explain_slip
from calculators import InputError, evaluate
from calculators.fields import FIELDS, parse_amount
from calculators.format import format_yuan
from calculators.models import Estimate
from corpus.text import normalise_input

ZERO_WORDS = frozenset({"没有", "无", "不能", "不符合", "不给", "拿不到", "零"})
SKIP_WORDS = frozenset({"跳过", "不会", "不知道", "答案"})
QUIT_WORDS = frozenset({"退出", "结束", "q", "quit", "exit"})
_WAN = Decimal(10_000)


def correct_estimate(scenario: Scenario, as_of: date | None = None) -> Estimate:
    """The calculators' own answer to the scenario."""
    return evaluate(scenario.measure, scenario.data, as_of)


def expected_award(est: Estimate) -> Decimal:
    return est.award_yuan if est.award_yuan is not None else Decimal(0)


def _variants(scenario: Scenario) -> list[tuple[str, dict[str, object]]]:
    """What-if inputs that stand for a common misreading, each with the sentence that names it:
    figures and dates near a boundary first, then a fact of the story taken the other way (the story
    states it, so misreading it is the less likely slip)."""
    out: list[tuple[str, dict[str, object]]] = []
    flips: list[tuple[str, dict[str, object]]] = []
    for name, value in scenario.data.items():
        spec = FIELDS[name]
        label = spec.label
        if isinstance(value, bool):
            words = "是" if not value else "否"
            flips.append((f"把“{label}”当成了“{words}”", {**scenario.data, name: not value}))
        elif spec.kind == "enum":
            for code, words in spec.choices.items():
                if code != value:
                    flips.append((f"把“{label}”当成了“{words[0]}”", {**scenario.data, name: code}))
        elif spec.kind in ("date", "optional_date"):
            if value is not None:
                for days, how in ((-1, "提前一天"), (1, "推后一天")):
                    moved = value + timedelta(days=days)  # type: ignore[operator]
                    out.append(
                        (
                            f"把“{label}”按{how}（{day_text(moved)}）算，日期边界（含当日）看错了",
                            {**scenario.data, name: moved},
                        )
                    )
            if spec.kind == "optional_date":
                flip = None if value is not None else date(2024, 1, 1)
                said = "未获批" if flip is None else "已获批"
                out.append((f"把“{label}”当成了“{said}”，用错了标准", {**scenario.data, name: flip}))
        elif isinstance(value, Decimal):
            for nudged in (value - 1, value + 1):
                reading = (
                    f"把“{label}”{number_text(value)} 当作 {number_text(nudged)}，“以上/不足”是否含本数看错了"
                )
                out.append((reading, {**scenario.data, name: nudged}))
            for unit in (Decimal(1_000_000), Decimal(100_000), Decimal(10_000), Decimal(1_000), Decimal(100)):
                for rounded in (
                    (value / unit).to_integral_value("ROUND_CEILING") * unit,
                    (value / unit).to_integral_value("ROUND_FLOOR") * unit,
                ):
                    if rounded != value:
                        out.append(
                            (
                                f"把“{label}”{number_text(value)} 当作 {number_text(rounded)} 计算"
                                "（不足一档按一档算，或门槛边界看错）",
                                {**scenario.data, name: rounded},
                            )
                        )
    return out + flips


def _first_difference(right: Estimate, other: Estimate) -> str:
    for i, (a, b) in enumerate(zip(right.steps, other.steps, strict=False), start=1):
        if (a.description, a.value) != (b.description, b.value):
            return f"偏差出在第{i}步「{a.description}」：正确为 {a.value}，按您的读法为 {b.value}。"
    return ""


_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?(?= 元)")


def diagnose(scenario: Scenario, right: Estimate, given: Decimal, as_of: date | None = None) -> str:
    """Where a wrong figure most likely went astray, by the calculators' own what-if answers."""
    correct = expected_award(right)
    if correct and given * _WAN == correct:
        return "您的数字少了“万”：答案以元计，可写 8万 或 80000。"
    slip = explain_slip(scenario, right, given)
    if slip:
        return slip
    for reading, data in _variants(scenario):
        try:
            other = evaluate(scenario.measure, data, as_of)
        except InputError:
            continue
        if expected_award(other) == given:
            return f"您的答案相当于{reading}。{_first_difference(right, other)}"
    final = len(right.steps)
    for i, step in enumerate(right.steps, start=1):
        # The last step's value is the right answer; its formula may still hold a figure before a cap.
        shown = f"{step.formula} {step.value}" if i < final else step.formula
        if given in {Decimal(m.replace(",", "")) for m in _AMOUNT.findall(shown)}:
            where = f"第{i}步「{step.description}」（{step.formula} → {step.value}）"
            if i == final:
                return f"您的数字是{where}算式中的中间数：漏了这一步，它的结果才是答案。"
            later = "；".join(s.description for s in right.steps[i:])
            return f"您的数字是{where}的结果，之后还漏了：{later}。"
    for text in (*right.notes, *right.next_step):
        if given in {Decimal(m.replace(",", "")) for m in _AMOUNT.findall(text)}:
            return f"您的数字见于说明「{text}」，但那不是本题所问的金额。"
    return "未能确定偏差所在：没有单独一处读错能得出您的数字，请对照下面的计算步骤逐步核对。"


def trace_text(est: Estimate) -> str:
    lines = [
        f"  {i}. {s.description}"
        + (f"：{s.formula}" if s.formula.strip() else "")
        + f" → {s.value}（第{s.clause}条）"
        for i, s in enumerate(est.steps, 1)
    ]
    lines += [f"  未满足：{u.condition}——{u.reason}" for u in est.unmet]
    return "\n".join(lines)


class AnswerError(Exception):
    """An answer that is no amount; ``message`` (Chinese) says what is expected."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_answer(text: str) -> Decimal | None:
    """The trainee's amount (any form the calculators accept); None means "skip, show me"."""
    s = normalise_input(text).rstrip("。.！!")
    if s in SKIP_WORDS:
        return None
    if s in ZERO_WORDS:
        return Decimal(0)
    try:
        return parse_amount(s, "答案", "80000、8万 或 8万元；不符合条件请答 0")
    except InputError as exc:
        raise AnswerError(exc.message) from None


@dataclass
class Feedback:
    correct: bool
    expected: Decimal
    given: Decimal | None
    text: str


@dataclass
class Quiz:
    """A quiz in progress: the scenarios, where the trainee is, and the score."""

    n: int = 10
    seed: int | None = None
    as_of: date | None = None
    scenarios: list[Scenario] = field(init=False)
    index: int = field(init=False, default=0)
    score: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        if self.seed is None:
            self.seed = random.SystemRandom().randrange(1, 100_000)
        self.scenarios = generate(self.n, self.seed)

    @property
    def done(self) -> bool:
        return self.index >= len(self.scenarios)

    @property
    def current(self) -> Scenario:
        return self.scenarios[self.index]

    def prompt(self) -> str:
        s = self.current
        return f"第 {self.index + 1}/{len(self.scenarios)} 题\n{s.story}\n{s.question}"

    def answer(self, text: str) -> Feedback:
        """Mark the current question and move on; AnswerError (nothing changes) for a non-amount."""
        given = parse_answer(text)
        scenario = self.current
        right = correct_estimate(scenario, self.as_of)
        expected = expected_award(right)
        self.index += 1
        bound = "（通知规定为“最高”标准，按最高额计）" if right.upper_bound and expected else ""
        if given is not None and given == expected:
            self.score += 1
            return Feedback(True, expected, given, f"正确！{format_yuan(expected)}{bound}")
        head = "" if given is None else f"不对。您答 {format_yuan(given)}，"
        why = "" if given is None else diagnose(scenario, right, given, self.as_of) + "\n"
        text = f"{head}正确答案是 {format_yuan(expected)}{bound}。\n{why}计算过程：\n{trace_text(right)}"
        return Feedback(False, expected, given, text)

    def summary(self) -> str:
        answered = self.index
        if not answered:
            return "尚未作答。"
        total = len(self.scenarios)
        return (
            f"得分：{self.score}/{answered}（共 {total} 题，种子 {self.seed}，可用 --seed {self.seed} 重做）"
        )
