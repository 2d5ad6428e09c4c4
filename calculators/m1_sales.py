"""第1条 落实增产增效奖励: 5万元 from 500万元 sales growth, +1万元 per further whole 100万元, cap 10万元."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, Decimal

from pydantic import BaseModel

from calculators.base import Draft, Measure, bool_conditions, finish, has, input_model, param, quote, yuan
from calculators.errors import InputError
from calculators.format import format_amount
from calculators.models import Estimate, Unmet

FIELDS = ("above_scale_industrial", "sales_increase_yuan", "sales_2023q1_yuan", "sales_2024q1_yuan")
SalesGrowthInput = input_model("SalesGrowthInput", FIELDS)

_conditions = bool_conditions(
    [("above_scale_industrial", True, "规上工业企业", "本条奖励对象为规上工业企业，贵企业不是规上工业企业。")]
)


def needed(inp: BaseModel) -> list[str]:
    out = [] if has(inp, "above_scale_industrial") else ["above_scale_industrial"]
    if has(inp, "sales_increase_yuan"):
        return out
    pair = [n for n in ("sales_2023q1_yuan", "sales_2024q1_yuan") if not has(inp, n)]
    if pair == ["sales_2023q1_yuan", "sales_2024q1_yuan"]:
        return [*out, "sales_increase_yuan"]  # ask the single figure; the pair is the alternative
    return out + pair


def increase_of(inp: BaseModel, draft: Draft | None = None) -> Decimal:
    given = inp.sales_increase_yuan
    before, after = inp.sales_2023q1_yuan, inp.sales_2024q1_yuan
    if before is not None and after is not None:
        diff = after - before
        if given is not None and given != diff:
            raise InputError(
                "sales_increase_yuan",
                f"销售额增长额（{format_amount(given, '元')}）与两季度销售额之差"
                f"（{format_amount(diff, '元')}）不一致，请只填其一或更正",
            )
        if draft:
            draft.step(
                "计算销售额同比增长额",
                f"{format_amount(after, '元')} − {format_amount(before, '元')}",
                format_amount(diff, "元"),
            )
            if before == 0:
                draft.reading("m1_zero_base")
        return diff
    if draft:
        draft.step("销售额同比增长额（企业直接提供）", "—", format_amount(given, "元"))
    return given


def compute(inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
    ok = draft.check(
        inp.above_scale_industrial is True,
        "above_scale_industrial",
        "规上工业企业",
        "本条奖励对象为规上工业企业，贵企业不是规上工业企业。",
    )
    increase = increase_of(inp, draft)
    if not ok:
        return finish(draft, Decimal(0), as_of)
    threshold, step, step_award = (
        param("m1_threshold_yuan"),
        param("m1_step_yuan"),
        param("m1_step_award_yuan"),
    )
    base, cap = param("m1_base_award_yuan"), param("m1_cap_yuan")
    reached = increase >= threshold
    draft.check(
        reached,
        "sales_increase_yuan",
        _growth_condition(),
        _growth_reason(increase),
    )
    if not reached:
        draft.next_step.extend(_short(inp))
        return finish(draft, Decimal(0), as_of)
    whole_steps = ((increase - threshold) / step).to_integral_value(rounding=ROUND_FLOOR)
    draft.step("达到门槛，一次性奖励", quote("m1_base_award_yuan"), yuan(base))
    draft.reading("m1_whole_steps")
    draft.step(
        "超出门槛部分按每满一档加奖（不足一档不计）",
        f"⌊({format_amount(increase, '元')} − {format_amount(threshold, '元')})"
        f" ÷ {format_amount(step, '元')}⌋"
        f" = {whole_steps} 档；{quote('m1_step_yuan')}",
        yuan(whole_steps * step_award),
    )
    raw = base + whole_steps * step_award
    award = draft.apply_cap(raw, "m1_cap_yuan")
    if award < cap:
        more = threshold + (whole_steps + 1) * step - increase
        draft.next_step.append(f"再增加 {format_amount(more, '元')} 销售额可多得 {yuan(step_award)}")
    return finish(draft, award, as_of)


def conditions(inp: BaseModel) -> list[Unmet]:
    """Failed conditions on what is known: the status, and the growth once it is known."""
    out = _conditions(inp)
    known = has(inp, "sales_increase_yuan") or (
        has(inp, "sales_2023q1_yuan") and has(inp, "sales_2024q1_yuan")
    )
    threshold = param("m1_threshold_yuan")
    if known and (increase := increase_of(inp)) < threshold:
        out.append(
            Unmet(field="sales_increase_yuan", condition=_growth_condition(), reason=_growth_reason(increase))
        )
    return out


def _short(inp: BaseModel) -> list[str]:
    threshold, base = param("m1_threshold_yuan"), param("m1_base_award_yuan")
    gap = threshold - increase_of(inp)
    return [f"再增加 {format_amount(gap, '元')} 销售额即达 {yuan(threshold)} 门槛，可得 {yuan(base)}"]


def _near_miss(inp: BaseModel) -> list[str]:
    short = any(u.field == "sales_increase_yuan" for u in conditions(inp))
    return _short(inp) if short else []


def _growth_reason(increase: Decimal) -> str:
    return f"同比增长 {format_amount(increase, '元')}，未达 {yuan(param('m1_threshold_yuan'))}。"


def _growth_condition() -> str:
    return f"销售额同比增长 {format_amount(param('m1_threshold_yuan'), '元')}（含）以上"


MEASURE = Measure.define("1", SalesGrowthInput, compute, conditions, needed=needed, near_miss=_near_miss)
