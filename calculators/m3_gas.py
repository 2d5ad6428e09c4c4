"""第3条 稳用气奖励: 0.5 元/m³ of 2024 Q1 gas (1 元 for 省专精特新), nothing below 1,000 m³, cap 20万元."""

from __future__ import annotations

from calculators.amounts import ByDate, Rate
from calculators.conditions import AtLeast, Must
from calculators.parts import Gate, Given
from calculators.rules import Rule

GAS = Given("gas_2024q1_m3")

RULE = Rule(
    "3",
    "GasInput",
    (
        Must("above_scale_industrial", True, "规模以上工业企业", "本条补助对象为规模以上工业企业。"),
        Must("in_county", True, "在县域内使用天然气", "本条补助对象为县域内使用天然气的企业。"),
        AtLeast(
            GAS,
            "m3_minimum_m3",
            field="gas_2024q1_m3",
            condition="一季度用气量 {threshold}（含）以上",
            reason="用气 {value}，{quote[m3_minimum_m3]}。",
            short="一季度用气量还差 {gap} 即达 {threshold}",
            reading="m3_minimum",
        ),
        Gate(),
        Rate(
            "gas_2024q1_m3",
            "gas_2024q1_m3",
            ByDate(
                "specialized_sme_approved_on",
                "m3_specialized_deadline",
                then="m3_specialized_rate_yuan_per_m3",
                otherwise="m3_rate_yuan_per_m3",
                label="省专精特新中小企业",
                absent=("未获批", "按一般标准"),
                applies="适用1元/立方米",
                late="晚于截止日，按一般标准",
                reading="m3_deadline",
                hint_text="若在{day[m3_specialized_deadline]}前（含）获批“省专精特新中小企业”，按"
                "{p[m3_specialized_rate_yuan_per_m3]} 元/立方米计可得 {alt}",
            ),
            description="计算补助",
            formula="{quantity} × {rate} 元/{unit}；{rate_quote}",
            cap="m3_cap_yuan",
            more="每多用 {unit_step}天然气可多得 {per_step}；用气达 {cap_quantity} 即达封顶",
        ),
    ),
)
MEASURE = RULE.measure()
