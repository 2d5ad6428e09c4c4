"""第2条 稳用电奖励: per kWh of the year-on-year increase (5% test), or of a new plant's whole use."""

from __future__ import annotations

from calculators.amounts import ByAnswer, Rate
from calculators.conditions import Growth, Must
from calculators.parts import Gate, IfGiven, Note, Reading, Step
from calculators.rules import Paths, Rule

# "符合" is this tool's verb: the notice reads "对国家产业政策等规定、…的规模以上制造业企业".
POLICY = Must(
    "complies_with_industrial_policy",
    True,
    "符合国家产业政策等规定（读法）",
    "按读法，本条奖励以符合国家产业政策等规定为前提（原文“对国家产业政策等规定”缺少动词，读作“符合”）。",
)
MANUFACTURING = Must(
    "above_scale_manufacturing", True, "规模以上制造业企业", "用电同比增量奖励的对象为规模以上制造业企业。"
)
_MINIMUM = {"minimum": "m2_minimum_yuan", "minimum_reading": "m2_minimum", "cap": "m2_cap_yuan"}

NEW_PLANT = (
    Step(
        "口径：2024年一季度新投产纳统企业",
        "{quote[m2_new_rate_yuan_per_kwh]}",
        "按2024年一季度用电量计；不适用5%增长门槛",
    ),
    Reading("m2_paths_exclusive"),
    POLICY,
    Reading("m2_policy_new_plant"),
    Gate(),
    IfGiven("power_2023q1_kwh", "所填2023年一季度用电", "不参与新投产口径计算"),
    Reading("m2_new_plant_base"),
    IfGiven("strategic_emerging_2023", "所填纳入2023年省战新产业年报库", "不适用0.1元标准", when_true=True),
    Reading("m2_new_plant_no_strategic"),
    Rate(
        "power_2024q1_kwh",
        "power_2024q1_kwh",
        "m2_new_rate_yuan_per_kwh",
        description="计算奖励（最高标准）",
        formula="{quantity}（2024年一季度用电量）× {rate} 元/{unit}",
        below="一季度用电量再增加 {need} 即达 {minimum} 起付额",
        more="一季度用电量每再增加 {unit_step}，最多可多得 {per_step}；再增加 {to_cap} 即达封顶 {cap}",
        **_MINIMUM,
    ),
)
YEAR_ON_YEAR = (
    Step("口径：同比增长口径", "非2024年一季度新投产纳统企业", "按同比增量计，适用5%增长门槛"),
    Reading("m2_paths_exclusive"),
    MANUFACTURING,
    POLICY,
    Reading("m2_policy"),
    Growth(
        "power_increase",
        "power_2023q1_kwh",
        "power_2024q1_kwh",
        "m2_growth_threshold_percent",
        what="用电",
        condition="用电同比增长 {p[m2_growth_threshold_percent]}%（含）以上",
        reason="同比增长 {pct}%，未达 {p[m2_growth_threshold_percent]}%。",
        zero_base="2023年一季度用电为0，无法计算同比增长；若属2024年一季度新投产纳统企业，请按新投产口径测算。",
        short="用电同比增长还差 {points} 个百分点（约 {gap}）即达 {p[m2_growth_threshold_percent]}% 门槛",
        reading="m2_exact_growth",
    ),
    Gate(),
    Rate(
        "power_increase",
        "power_2024q1_kwh",
        ByAnswer("strategic_emerging_2023", {True: "m2_strategic_rate_yuan_per_kwh"}, "m2_rate_yuan_per_kwh"),
        announce="确定每千瓦时奖励标准（最高）",
        description="计算奖励（最高标准）",
        formula="{quantity} × {rate} 元/{unit}",
        below="用电同比增量再增加 {need} 即达 {minimum} 起付额",
        more="用电同比增量每再增加 {unit_step}，最多可多得 {per_step}；再增加 {to_cap} 即达封顶 {cap}",
        **_MINIMUM,
    ),
)

RULE = Rule(
    "2",
    "PowerInput",
    (
        Note("工业用电不含余热发电。"),
        Note("同时落实省市春节期间短周期电力直接交易政策，符合条件的工业企业可参与交易（不计入本测算）。"),
        # The path question first: it decides which figures are needed (no answer: 同比 assumed).
        Paths("newly_commissioned_2024q1", {True: NEW_PLANT, False: YEAR_ON_YEAR}, default=False),
    ),
    # Interview order: the path, the yes/no answers, then the two figures.
    fields=(
        "newly_commissioned_2024q1",
        "above_scale_manufacturing",
        "complies_with_industrial_policy",
        "strategic_emerging_2023",
        "power_2023q1_kwh",
        "power_2024q1_kwh",
    ),
    upper_bound=True,
)
MEASURE = RULE.measure()
