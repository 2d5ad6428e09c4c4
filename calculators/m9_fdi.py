"""第9条 促进外资增长: 3万元 work funds per whole 100万美元 of FDI — paid to the township/department."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR

from pydantic import BaseModel

from calculators.base import Draft, Measure, finish, input_model, param, quote, yuan
from calculators.format import format_amount
from calculators.models import Estimate, Unmet

FIELDS = ("fdi_2024q1_usd",)
ForeignInvestmentInput = input_model("ForeignInvestmentInput", FIELDS)


def compute(inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
    fdi = inp.fdi_2024q1_usd
    step, step_award = param("m9_step_usd"), param("m9_step_award_yuan")
    draft.notes.append(
        "本条工作经费奖补发给完成引资任务的乡（镇）、部门，不是发给企业；企业本身的招商奖补按"
        "《将乐县招商引资优惠政策》（将委办〔2022〕11号）执行。"
    )
    whole = (fdi / step).to_integral_value(rounding=ROUND_FLOOR)
    draft.step(
        "按每满100万美元计档（不足一档不计）",
        f"⌊{format_amount(fdi, '美元')} ÷ {format_amount(step, '美元')}⌋；{quote('m9_step_usd')}",
        f"{whole} 档",
    )
    draft.reading("m9_whole_steps")
    award = whole * step_award
    draft.step("计算工作经费", f"{whole} 档 × {yuan(step_award)}", yuan(award))
    if award == 0:
        draft.unmet.append(
            Unmet(
                field="fdi_2024q1_usd",
                condition="实际利用外资满100万美元",
                reason=f"实际利用外资 {format_amount(fdi, '美元')}，不足100万美元。",
            )
        )
    more = (whole + 1) * step - fdi
    draft.next_step.append(
        f"再完成 {format_amount(more, '美元')} 实际利用外资可多得 {yuan(step_award)} 工作经费"
    )
    return finish(draft, award, as_of, paid_to_enterprise=False)


MEASURE = Measure.define("9", ForeignInvestmentInput, compute, paid_to_enterprise=False)
