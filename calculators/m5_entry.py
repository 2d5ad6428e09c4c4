"""第5条 支持工业企业做大做强: 10万元 for a 2024 new build entering the statistics, 8万元 for 老上规."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from calculators.base import Draft, Measure, bool_conditions, finish, has, input_model, param, quote, yuan
from calculators.models import Estimate, Unmet

# built_2024 is optional: the chat asks a new build; calc/check/batch without it say it was not checked.
FIELDS = ("in_cultivation_pool", "counted_2024", "entry_type", "built_2024")
EntryInput = input_model("EntryInput", FIELDS)
_CHECKS = [
    (
        "in_cultivation_pool",
        True,
        "纳入省工业企业供需对接平台“小升规”培育库",
        "本条奖励对象须纳入“小升规”培育库。",
    ),
    ("counted_2024", True, "2024年纳统（入规）", "本条奖励对象须在2024年纳入规上统计。"),
]
_BUILT = (
    "built_2024",
    "2024年新建投产",
    "10万元奖励的对象为“2024年新建投产入规企业”，贵企业不是2024年新建投产。",
)
_bool_conditions = bool_conditions(_CHECKS)
_REQUIRED = tuple(n for n in FIELDS if n != "built_2024")


def _new_build(inp: BaseModel) -> bool:
    return inp.entry_type == "new_build"


def needed(inp: BaseModel) -> list[str]:
    return [n for n in _REQUIRED if not has(inp, n)]


def conditions(inp: BaseModel) -> list[Unmet]:
    out = _bool_conditions(inp)
    if _new_build(inp) and inp.built_2024 is False:
        out.append(Unmet(field=_BUILT[0], condition=_BUILT[1], reason=_BUILT[2]))
    return out


def _ask_also(inp: BaseModel) -> list[str]:
    return ["built_2024"] if _new_build(inp) and not has(inp, "built_2024") else []


def compute(inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
    d = inp
    ok = draft.check_answers(d, _CHECKS)
    draft.reading("m5_both_conditions")
    draft.notes.append(
        "本条写明“在落实省市两级入规奖励政策基础上”给予，即在省市入规奖励之外另给；"
        "就高原则仅在与省市政策重复且省市奖励资金由县财政兑现时适用。"
    )
    new_build = _new_build(d)
    second, refund = param("m5_second_year_award_yuan"), param("m5_refund_yuan")
    if new_build:
        if d.built_2024 is None:
            draft.step("2024年新建投产", "未填写投产年份", "未核对，按企业自报的“新建投产入规”计")
        else:
            ok = draft.check(d.built_2024 is True, *_BUILT) and ok
        draft.reading("m5_new_build_2024")
        draft.notes.append(
            f"入库第二年连续出数且实现正增长的，可再获一次性奖励 {yuan(second)}（本次未计入）。"
        )
        draft.notes.append(f"若入库后第二年退库，或入库后两年连续负增长，须退还奖励资金 {yuan(refund)}。")
    else:
        draft.reading("m5_old_upgrade")
        draft.reading("m5_refund_silent")
    if not ok:
        return finish(draft, Decimal(0), as_of)
    name = "m5_new_build_award_yuan" if new_build else "m5_upgrade_award_yuan"
    kind = "2024年新建投产入规企业" if new_build else "“老上规”企业"
    award = param(name)
    draft.step(f"一次性奖励：{kind}", quote(name), yuan(award))
    if new_build:
        draft.next_step.append(
            f"入库第二年连续出数且正增长，可再得 {yuan(second)}；"
            f"注意退库或连续两年负增长须退还 {yuan(refund)}"
        )
    else:
        draft.next_step.append("本条为定额一次性奖励，已按满额计")
    return finish(draft, award, as_of)


MEASURE = Measure.define("5", EntryInput, compute, conditions, needed=needed, ask_also=_ask_also)
