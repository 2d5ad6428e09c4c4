"""Training scenarios: short stories placed at the notice's thresholds, steps and caps.

Every number a scenario is built around comes from `corpus.load_parameters()` (the notice's
own figures): at the point, just below it or just above it, and now and then with a condition
that fails. The same seed gives the same scenarios.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from calculators import MEASURE_IDS, get_measure
from calculators.boundaries import boundary_case
from calculators.fields import FIELDS
from corpus import load_parameters

_WAN = Decimal(10_000)


def _p(name: str) -> Decimal:
    return load_parameters()[name].decimal


def _pdate(name: str) -> date:
    return date.fromisoformat(load_parameters()[name].value)


def number_text(value: Decimal | int) -> str:
    value = Decimal(value)
    return f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{int(value):,}"


def _money(value: Decimal | int, unit: str = "元") -> str:
    """A figure as a story tells it: 3,650 万元 when whole 万, else 36,504,300 元."""
    value = Decimal(value)
    if value >= _WAN and value % _WAN == 0:
        return f"{number_text(value / _WAN)} 万{unit}"
    return f"{number_text(value)} {unit}"


def day_text(d: date) -> str:
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


@dataclass(frozen=True)
class Scenario:
    """One question: a short story, the calculator's input it encodes, and what it is placed near."""

    measure: str
    story: str
    question: str
    data: dict[str, object]
    focus: str


# ---------------------------------------------------------------- scenario builders
# Each takes the random source and returns a scenario placed at, just below or just above one
# of its measure's thresholds, steps or caps (or with a condition failing, now and then).


def _offset(rng: random.Random, delta: Decimal) -> tuple[Decimal, str]:
    return rng.choice([(Decimal(0), "恰好在"), (-delta, "略低于"), (delta, "略高于")])


def _m1(rng: random.Random) -> Scenario:
    threshold, step = _p("m1_threshold_yuan"), _p("m1_step_yuan")
    steps_to_cap = (_p("m1_cap_yuan") - _p("m1_base_award_yuan")) / _p("m1_step_award_yuan")
    focus, point = rng.choice(
        [
            ("增长门槛", threshold),
            ("每满一档", threshold + step * rng.randint(1, int(steps_to_cap) - 1)),
            ("封顶", threshold + step * steps_to_cap),
        ]
    )
    delta, where = _offset(rng, Decimal(10_000))
    before = Decimal(rng.randrange(2_000, 8_000)) * _WAN
    after = before + point + delta
    scale = rng.random() < 0.15
    kind = "规下工业企业（尚未纳入规上统计）" if scale else "规上工业企业"
    story = f"某{kind} 2024 年一季度开票销售额 {_money(after)}，上年同期 {_money(before)}。"
    data = {"above_scale_industrial": not scale, "sales_2023q1_yuan": before, "sales_2024q1_yuan": after}
    return Scenario("1", story, "按第1条（增产增效奖励），可获奖励多少元？", data, f"{focus}（{where}）")


def _m2(rng: random.Random) -> Scenario:
    rate, strategic_rate = _p("m2_rate_yuan_per_kwh"), _p("m2_strategic_rate_yuan_per_kwh")
    growth, minimum, cap = _p("m2_growth_threshold_percent") / 100, _p("m2_minimum_yuan"), _p("m2_cap_yuan")
    focus = rng.choice(["增长门槛", "最低额", "封顶", "新投产"])
    strategic = rng.random() < 0.4 and focus != "最低额"
    per_kwh = strategic_rate if strategic else rate
    if focus == "新投产":
        use = minimum / _p("m2_new_rate_yuan_per_kwh")
        delta, where = _offset(rng, Decimal(100))
        data: dict[str, object] = {
            "newly_commissioned_2024q1": True,
            "complies_with_industrial_policy": True,
            "power_2024q1_kwh": use + delta,
        }
        story = (
            "某企业（符合国家产业政策等规定）2024 年一季度新投产并纳入规上统计，"
            f"一季度工业用电 {number_text(use + delta)} 千瓦时（不含余热发电）。"
        )
        return Scenario(
            "2", story, "按第2条（稳用电奖励），最高可获奖励多少元？", data, f"新投产最低额（{where}）"
        )
    if focus == "增长门槛":
        before = Decimal(rng.randrange(60, 600)) * _WAN
        increase = before * growth
        delta, where = _offset(rng, Decimal(100))
    elif focus == "最低额":
        increase = minimum / per_kwh
        before = Decimal(rng.randrange(10, 39)) * _WAN  # small enough that the 5% test is passed
        delta, where = _offset(rng, Decimal(100))
    else:
        increase = cap / per_kwh
        before = Decimal(rng.randrange(2_000, 6_000)) * _WAN
        delta, where = _offset(rng, Decimal(10_000))
    after = before + increase + delta
    tag = "，已纳入 2023 年省工业战略性新兴产业年报库" if strategic else ""
    story = (
        f"某规上制造业企业（符合国家产业政策{tag}）2024 年一季度工业用电 {number_text(after)} 千瓦时，"
        f"上年同期 {number_text(before)} 千瓦时（均不含余热发电）。"
    )
    data = {
        "newly_commissioned_2024q1": False,
        "above_scale_manufacturing": True,
        "complies_with_industrial_policy": True,
        "strategic_emerging_2023": strategic,
        "power_2023q1_kwh": before,
        "power_2024q1_kwh": after,
    }
    return Scenario("2", story, "按第2条（稳用电奖励），最高可获奖励多少元？", data, f"{focus}（{where}）")


def _m3(rng: random.Random) -> Scenario:
    deadline, minimum = _pdate("m3_specialized_deadline"), _p("m3_minimum_m3")
    focus = rng.choice(["最低用量", "封顶", "专精特新日期"])
    approved: date | None = None
    if focus == "专精特新日期":
        shift, where = rng.choice([(0, "恰好在"), (-1, "略早于"), (1, "略晚于")])
        approved = deadline + timedelta(days=shift)
        gas = Decimal(rng.randrange(3, 15)) * _WAN
    else:
        approved = rng.choice([None, deadline - timedelta(days=rng.randrange(30, 400))])
        per_m3 = _p("m3_rate_yuan_per_m3") if approved is None else _p("m3_specialized_rate_yuan_per_m3")
        point = minimum if focus == "最低用量" else _p("m3_cap_yuan") / per_m3
        delta, where = _offset(rng, Decimal(1) if focus == "最低用量" else Decimal(1_000))
        gas = point + delta
    in_county = rng.random() > 0.1
    sme = f"于 {day_text(approved)}获批省专精特新中小企业" if approved else "未获批省专精特新中小企业"
    place = "在将乐县域内" if in_county else "在县外的分厂"
    story = f"某规上工业企业（{sme}）2024 年一季度{place}使用天然气 {number_text(gas)} 立方米。"
    data = {
        "above_scale_industrial": True,
        "in_county": in_county,
        "gas_2024q1_m3": gas,
        "specialized_sme_approved_on": approved,
    }
    return Scenario("3", story, "按第3条（稳用气奖励），可获补助多少元？", data, f"{focus}（{where}）")


def _m4(rng: random.Random) -> Scenario:
    shift, where = rng.choice([(0, "恰好在"), (-1, "略早于"), (1, "略晚于")])
    resumed = _pdate("m4_resumption_deadline") + timedelta(days=shift)
    story = f"某集中供热企业于 {day_text(resumed)}达到复工复产标准，此后一季度持续生产、持续供汽。"
    data = {"heat_supplier": True, "resumed_on": resumed, "continuous_supply_q1": True}
    return Scenario("4", story, "按第4条（稳用热奖励），可获奖励多少元？", data, f"复工日期（{where}）")


def _m5(rng: random.Random) -> Scenario:
    entry = rng.choice(["new_build", "upgrade"])
    in_pool = rng.random() > 0.15
    words = "新建投产后入规" if entry == "new_build" else "由规下企业转为规上（老上规）"
    pool = "已纳入" if in_pool else "未纳入"
    story = f"某工业企业{pool}“小升规”培育库，2024 年{words}并纳入规上统计。"
    data: dict[str, object] = {"in_cultivation_pool": in_pool, "counted_2024": True, "entry_type": entry}
    if entry == "new_build":
        data["built_2024"] = True  # the story says 2024 年新建投产
    return Scenario("5", story, "按第5条，2024 年（入规当年）可获奖励多少元？", data, "入规类型")


def _m7(rng: random.Random) -> Scenario:
    status = rng.choice(["new_entry", "existing"])
    sector = rng.choice(["工业", "建筑业", "商贸", "服务业"])  # the four sectors the clause names
    people = rng.randint(1, 4)
    data: dict[str, object] = {
        "enterprise_status": status,
        "continuous_reporting": True,
        "statisticians": people,
    }
    if status == "new_entry":
        # 150 元 counts only the months of the entry year: from the entry month to December.
        entry = rng.choice([1, 3, 6, rng.randint(2, 11)])
        months = rng.choice([13 - entry, rng.randint(1, 13 - entry)])
        kind = f"{sector}企业 2024 年 {entry} 月新入库"
        data["entry_month"] = entry
    else:
        months = rng.choice([1, 6, 11, 12, rng.randint(2, 10)])
        kind = f"{sector}企业已在库多年"
    data["months"] = months
    story = f"某{kind}，有 {people} 名统计人员，2024 年持续出数 {months} 个月。"
    return Scenario("7", story, "按第7条，统计人员共可获补助多少元？", data, "按人按月")


def _m9(rng: random.Random) -> Scenario:
    step = _p("m9_step_usd")
    delta, where = _offset(rng, Decimal(10_000))
    fdi = step * rng.randint(1, 5) + delta
    story = (
        f"某乡镇 2024 年一季度完成实际利用外资合计 {_money(fdi, '美元')}"
        "（工作经费按乡镇、部门完成的总额计档）。"
    )
    return Scenario(
        "9", story, "按第9条，可安排多少工作经费（元）？", {"fdi_2024q1_usd": fdi}, f"每满一档（{where}）"
    )


def _fact(name: str, value: object) -> str:
    spec = FIELDS[name]
    if isinstance(value, bool):
        shown = "是" if value else "否"
    elif spec.kind == "enum":
        shown = spec.choices[str(value)][0]
    elif isinstance(value, date):
        shown = day_text(value)
    elif value is None:
        shown = "无"
    else:
        shown = f"{number_text(value)} {spec.unit}".rstrip()  # type: ignore[arg-type]
    return f"{spec.label}：{shown}"


def _declared(measure_id: str) -> Callable[[random.Random], Scenario]:
    """A measure without a story of its own: a boundary case derived from its declaration
    (calculators.boundaries), its facts told plainly."""

    def build(rng: random.Random) -> Scenario:
        measure = get_measure(measure_id)
        case = boundary_case(measure.rule, rng)
        story = "某企业：" + "；".join(_fact(n, v) for n, v in case.data.items()) + "。"
        question = f"按第{measure_id}条（{measure.title}），可获奖励多少元？"
        return Scenario(measure_id, story, question, case.data, case.focus)

    return build


# The stories told so far (their texts and draws kept, so a seed gives the same quiz); every
# other measure with an amount is asked from its declaration.
_STORIES: dict[str, Callable[[random.Random], Scenario]] = {
    "1": _m1,
    "2": _m2,
    "3": _m3,
    "4": _m4,
    "5": _m5,
    "7": _m7,
    "9": _m9,
}
BUILDERS: dict[str, Callable[[random.Random], Scenario]] = {
    mid: _STORIES.get(mid) or _declared(mid) for mid in MEASURE_IDS if get_measure(mid).computable
}


def generate(n: int = 10, seed: int | None = None) -> list[Scenario]:
    """``n`` scenarios; the same seed gives the same quiz. Measures are dealt in shuffled rounds."""
    rng = random.Random(seed)
    out: list[Scenario] = []
    while len(out) < n:
        order = list(BUILDERS)
        rng.shuffle(order)
        out += [BUILDERS[m](rng) for m in order[: n - len(out)]]
    return out
