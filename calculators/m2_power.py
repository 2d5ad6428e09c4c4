"""第2条 稳用电奖励: per kWh of the year-on-year increase (5% test), or of a new plant's whole use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from calculators.base import GUIDANCE_UNIT, Draft, Measure, finish, has, input_model, param, quote, yuan
from calculators.format import format_amount
from calculators.models import Estimate, Unmet

# Interview order: the path question first, since it decides which figures are needed.
FIELDS = (
    "newly_commissioned_2024q1",
    "above_scale_manufacturing",
    "complies_with_industrial_policy",
    "strategic_emerging_2023",
    "power_2023q1_kwh",
    "power_2024q1_kwh",
)
PowerInput = input_model("PowerInput", FIELDS)
_KWH = "千瓦时"
# "符合" is this tool's verb: the notice reads "对国家产业政策等规定、…的规模以上制造业企业".
_POLICY = (
    "complies_with_industrial_policy",
    "符合国家产业政策等规定（读法）",
    "按读法，本条奖励以符合国家产业政策等规定为前提（原文“对国家产业政策等规定”缺少动词，读作“符合”）。",
)
_MANUFACTURING = (
    "above_scale_manufacturing",
    "规模以上制造业企业",
    "用电同比增量奖励的对象为规模以上制造业企业。",
)


def _new(inp: BaseModel) -> bool | None:
    return inp.newly_commissioned_2024q1 if has(inp, "newly_commissioned_2024q1") else None


def needed(inp: BaseModel) -> list[str]:
    new = _new(inp)
    if new is True:
        names: tuple[str, ...] = ("complies_with_industrial_policy", "power_2024q1_kwh")
    else:
        names = FIELDS
    return [n for n in names if not has(inp, n)]


def conditions(inp: BaseModel) -> list[Unmet]:
    checks = [_POLICY] if _new(inp) is True else [_MANUFACTURING, _POLICY]
    out = [
        Unmet(field=f, condition=c, reason=r)
        for f, c, r in checks
        if has(inp, f) and getattr(inp, f) is False
    ]
    before, after = inp.power_2023q1_kwh, inp.power_2024q1_kwh
    if _new(inp) is False and before is not None and after is not None:
        unmet = _growth_unmet(before, after)
        if unmet:
            out.append(unmet)
    return out


def _growth_condition() -> str:
    return f"用电同比增长 {param('m2_growth_threshold_percent')}%（含）以上"


def _growth_unmet(before: Decimal, after: Decimal) -> Unmet | None:
    """The 5% test, exact: increase × 100 ≥ base × 5 (no rounded percentage decides the boundary)."""
    threshold = param("m2_growth_threshold_percent")
    if before == 0:
        reason = "2023年一季度用电为0，无法计算同比增长；若属2024年一季度新投产纳统企业，请按新投产口径测算。"
        return Unmet(field="power_2023q1_kwh", condition=_growth_condition(), reason=reason)
    if (after - before) * 100 >= before * threshold:
        return None
    growth = (after - before) / before * 100
    reason = f"同比增长 {_pct(growth, threshold)}%，未达 {threshold}%。"
    return Unmet(field="power_2024q1_kwh", condition=_growth_condition(), reason=reason)


def _growth_short(before: Decimal, after: Decimal) -> list[str]:
    threshold = param("m2_growth_threshold_percent")
    if before == 0 or _growth_unmet(before, after) is None:
        return []
    growth = (after - before) / before * 100
    short_kwh = before * threshold / 100 - (after - before)
    return [
        f"用电同比增长还差 {_pct(threshold - growth, Decimal(0))} 个百分点"
        f"（约 {format_amount(short_kwh, _KWH)}）即达 {threshold}% 门槛"
    ]


def _near_miss(inp: BaseModel) -> list[str]:
    before, after = inp.power_2023q1_kwh, inp.power_2024q1_kwh
    return _growth_short(before, after) if before is not None and after is not None else []


def _pay(draft: Draft, raw: Decimal, as_of: date, rate_name: str, marginal_kwh: str) -> Estimate:
    """Apply the 1,000 元 minimum and the 35万元 cap, with near-miss guidance."""
    minimum, cap = param("m2_minimum_yuan"), param("m2_cap_yuan")
    rate = param(rate_name)
    if raw < minimum:
        draft.check(
            False,
            "power_2024q1_kwh",
            f"奖励金额不低于 {yuan(minimum)}",
            f"按规则计得 {yuan(raw)}，{quote('m2_minimum_yuan')}。",
        )
        draft.reading("m2_minimum")
        need = (minimum - raw) / rate
        draft.next_step.append(
            f"{marginal_kwh}再增加 {format_amount(need, _KWH)} 即达 {yuan(minimum)} 起付额"
        )
        return finish(draft, Decimal(0), as_of, upper_bound=True)
    draft.step("起付额", f"{yuan(raw)} ≥ {yuan(minimum)}", "满足")
    draft.reading("m2_minimum")
    award = draft.apply_cap(raw, "m2_cap_yuan")
    if award < cap:
        draft.next_step.append(
            f"{marginal_kwh}每再增加 {format_amount(GUIDANCE_UNIT, _KWH)}，"
            f"最多可多得 {yuan(rate * GUIDANCE_UNIT)}；"
            f"再增加 {format_amount((cap - raw) / rate, _KWH)} 即达封顶 {yuan(cap)}"
        )
    return finish(draft, award, as_of, upper_bound=True)


def compute(inp: BaseModel, draft: Draft, as_of: date) -> Estimate:
    d = inp  # attribute access on the dynamic model
    draft.notes.append("工业用电不含余热发电。")
    draft.notes.append(
        "同时落实省市春节期间短周期电力直接交易政策，符合条件的工业企业可参与交易（不计入本测算）。"
    )
    if d.newly_commissioned_2024q1:
        return _new_plant(d, draft, as_of)
    draft.step("口径：同比增长口径", "非2024年一季度新投产纳统企业", "按同比增量计，适用5%增长门槛")
    draft.reading("m2_paths_exclusive")
    ok = draft.check(d.above_scale_manufacturing is True, *_MANUFACTURING)
    ok = draft.check(d.complies_with_industrial_policy is True, *_POLICY) and ok
    draft.reading("m2_policy")
    before, after = d.power_2023q1_kwh, d.power_2024q1_kwh
    increase = after - before
    draft.step(
        "计算用电同比增量",
        f"{format_amount(after, _KWH)} − {format_amount(before, _KWH)}",
        format_amount(increase, _KWH),
    )
    if before != 0:
        growth = increase / before * 100
        formula = f"{format_amount(increase, _KWH)} ÷ {format_amount(before, _KWH)} × 100%"
        draft.step("计算用电同比增长率", formula, f"{_pct(growth, param('m2_growth_threshold_percent'))}%")
    draft.reading("m2_exact_growth")
    failed = _growth_unmet(before, after)
    reached = failed is None
    draft.check(
        reached,
        failed.field if failed else "power_2024q1_kwh",
        _growth_condition(),
        failed.reason if failed else "",
    )
    if failed:
        draft.next_step.extend(_growth_short(before, after))
    if not (ok and reached):
        return finish(draft, Decimal(0), as_of, upper_bound=True)
    strategic = d.strategic_emerging_2023 is True
    rate_name = "m2_strategic_rate_yuan_per_kwh" if strategic else "m2_rate_yuan_per_kwh"
    rate = param(rate_name)
    draft.step("确定每千瓦时奖励标准（最高）", quote(rate_name), f"{rate} 元/{_KWH}")
    raw = increase * rate
    draft.step("计算奖励（最高标准）", f"{format_amount(increase, _KWH)} × {rate} 元/{_KWH}", yuan(raw))
    return _pay(draft, raw, as_of, rate_name, "用电同比增量")


def _pct(value: Decimal, avoid: Decimal | None = None) -> str:
    """A percentage for reading: two decimals, more where two would show ``avoid`` (the 5% threshold,
    or 0 for a gap) though the exact value is not it — 4.999% is never shown as "5%"."""
    quantum = Decimal("0.01")
    while True:
        shown = value.quantize(quantum)
        if value == avoid or shown != avoid or shown == value:
            return format(shown, "f").rstrip("0").rstrip(".")
        quantum = quantum.scaleb(-1)


def _new_plant(d: BaseModel, draft: Draft, as_of: date) -> Estimate:
    """新投产纳统 path: the whole 2024 Q1 use at 0.01 元/千瓦时, each reading said where it applies."""
    draft.step(
        "口径：2024年一季度新投产纳统企业",
        quote("m2_new_rate_yuan_per_kwh"),
        "按2024年一季度用电量计；不适用5%增长门槛",
    )
    draft.reading("m2_paths_exclusive")
    ok = draft.check(d.complies_with_industrial_policy is True, *_POLICY)
    draft.reading("m2_policy_new_plant")
    if not ok:
        return finish(draft, Decimal(0), as_of, upper_bound=True)
    if d.power_2023q1_kwh is not None:
        draft.step(
            "所填2023年一季度用电",
            format_amount(d.power_2023q1_kwh, _KWH),
            "不参与新投产口径计算",
        )
    draft.reading("m2_new_plant_base")
    if d.strategic_emerging_2023:
        draft.step("所填纳入2023年省战新产业年报库", "是", "不适用0.1元标准")
    draft.reading("m2_new_plant_no_strategic")
    rate = param("m2_new_rate_yuan_per_kwh")
    use = d.power_2024q1_kwh
    raw = use * rate
    draft.step(
        "计算奖励（最高标准）",
        f"{format_amount(use, _KWH)}（2024年一季度用电量）× {rate} 元/{_KWH}",
        yuan(raw),
    )
    return _pay(draft, raw, as_of, "m2_new_rate_yuan_per_kwh", "一季度用电量")


MEASURE = Measure.define(
    "2", PowerInput, compute, conditions, needed=needed, upper_bound=True, near_miss=_near_miss
)
