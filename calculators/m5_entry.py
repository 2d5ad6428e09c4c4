"""第5条 支持工业企业做大做强: 10万元 for a new build entering the statistics, 8万元 for 老上规."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from calculators.base import Draft, Measure, bool_conditions, finish, input_model, param, quote, yuan
from calculators.models import Estimate

FIELDS = ("in_cultivation_pool", "counted_2024", "entry_type")
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
conditions = bool_conditions(_CHECKS)


def compute(inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
    d = inp
    ok = draft.check_answers(d, _CHECKS)
    draft.step("读法说明", "培育库与2024年纳统两项条件对新建投产入规和“老上规”企业同样适用", "—")
    draft.notes.append(
        "本条写明“在落实省市两级入规奖励政策基础上”给予，即在省市入规奖励之外另给；"
        "就高原则仅在与省市政策重复且省市奖励资金由县财政兑现时适用。"
    )
    new_build = d.entry_type == "new_build"
    second, refund = param("m5_second_year_award_yuan"), param("m5_refund_yuan")
    if new_build:
        draft.notes.append(
            f"入库第二年（2025年）连续出数且实现正增长的，可再获一次性奖励 {yuan(second)}（本次未计入）。"
        )
        draft.notes.append(f"若入库后第二年退库，或入库后两年连续负增长，须退还奖励资金 {yuan(refund)}。")
    if not ok:
        return finish(draft, Decimal(0), as_of)
    name = "m5_new_build_award_yuan" if new_build else "m5_upgrade_award_yuan"
    kind = "2024年新建投产入规企业" if new_build else "“老上规”（规下转规上）企业"
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


MEASURE = Measure.define("5", EntryInput, compute, conditions)
