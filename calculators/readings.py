"""Readings: where the notice is silent, ambiguous or elliptic, the reading the calculators apply.

Each reading is declared once here — the measure, the notice's own words it rests on (verbatim:
a test proves them in the clause) and the reading — and the calculators put it in the trace as a
step "读法：…" through :func:`read`. The README's 解读说明 section lists the same readings (a test
compares both), so what a trace says and what the documentation says cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    measure: str
    words: str  # the notice's words, verbatim from the clause
    text: str  # the reading; its first clause (up to "：" or "，") is the key phrase


READINGS: dict[str, Reading] = {
    "m1_zero_base": Reading(
        "1",
        "对2024年一季度销售额收入同比增长500万元以上的规上工业企业给予奖励",
        "上年同期销售额为0时，同比增长额即2024年一季度销售额全部：本条以增长额而非增长率为标准，"
        "故仍可测算；是否认定为同比增长，以责任单位审核为准",
    ),
    "m1_whole_steps": Reading(
        "1",
        "超出500万元的，每增加100万元再额外奖励1万元",
        "每满100万元计一档，不足一档不计：“每增加100万元”读作每增加满100万元",
    ),
    "m2_policy": Reading(
        "2",
        "对国家产业政策等规定、2024年一季度工业用电",
        "“符合国家产业政策等规定”是本工具补出的动词：原文“对国家产业政策等规定、……的规模以上制造业企业”"
        "缺少动词，读作“符合”，并以之为奖励前提",
    ),
    "m2_policy_new_plant": Reading(
        "2",
        "2024年一季度新投产纳统的规模以上工业企业，按2024年一季度用电增量给予每千瓦时最高0.01元奖励",
        "新投产口径同样以符合国家产业政策等规定为前提：新投产一句未重复此条件，本工具读作对全条适用",
    ),
    "m2_exact_growth": Reading(
        "2",
        "同比增长5%及以上",
        "5%门槛按精确数比较：增量 × 100 ≥ 上年同期 × 5，不按四舍五入后的百分比判断",
    ),
    "m2_new_plant_base": Reading(
        "2",
        "按2024年一季度用电增量给予每千瓦时最高0.01元奖励",
        "新投产企业的用电增量即2024年一季度用电量全部：企业于2024年一季度才投产纳统，"
        "上年同期没有可比的本企业生产用电；即使填写了2023年一季度用电，也不参与本口径计算",
    ),
    "m2_new_plant_no_strategic": Reading(
        "2",
        "纳入2023年省工业战略性新兴产业年报库的企业，按2024年一季度用电同比增量给予每千瓦时最高0.1元奖励",
        "战新产业0.1元标准不适用于新投产口径：该标准写在同比增量奖励之下，新投产企业按0.01元计",
    ),
    "m2_paths_exclusive": Reading(
        "2",
        "2024年一季度新投产纳统的规模以上工业企业",
        "新投产口径与同比增长口径二者择一：新投产纳统企业按新投产口径计，不再按同比增长5%口径计；"
        "新投产口径的对象为规模以上工业企业，不要求为制造业",
    ),
    "m2_minimum": Reading(
        "2",
        "单家企业奖励金额不足1000元的不予安排",
        "恰为1000元的照发：“不足1000元”不含1000元本数",
    ),
    "m3_minimum": Reading(
        "3",
        "使用量不足1000立方米的不予补助",
        "恰为1000立方米的照补：“不足1000立方米”不含1000立方米本数",
    ),
    "m3_deadline": Reading(
        "3",
        "2024年3月31日前获批“省专精特新中小企业”的企业给予1元/立方米补助",
        "“3月31日前”含3月31日当日，且更早年份获批的也算：原文只设截止日、未设起始日；"
        "本工具不核对该称号在2024年一季度是否仍在有效期内，以责任单位认定为准",
    ),
    "m5_both_conditions": Reading(
        "5",
        "对纳入省工业企业供需对接平台“小升规”培育库且2024年纳统的规模以上工业企业、规下转规上工业企业",
        "培育库与2024年纳统两项条件对新建投产入规和“老上规”企业同样适用：两类企业同在这一句的对象之中",
    ),
    "m5_old_upgrade": Reading(
        "5",
        "对“老上规”企业给予每家8万元一次性奖励",
        "“老上规”通知未下定义：本工具按企业自报的入规类型计（通常指规下转规上工业企业），以责任单位认定为准",
    ),
    "m5_new_build_2024": Reading(
        "5",
        "对2024年新建投产入规企业入库当年给予每家10万元一次性奖励",
        "新建投产须在2024年：未告知投产年份的，按企业自报的“新建投产入规”计，未核对投产年份",
    ),
    "m5_refund_silent": Reading(
        "5",
        "若入库后第二年退库企业，或者入库后两年连续负增长的，该入库企业需退还奖励资金10万元",
        "退还规定未提及“老上规”企业：该句写在新建投产入规企业的奖励之后、退还额为10万元，"
        "本工具只对新建投产入规企业列示退还条件",
    ),
    "m7_entry_year": Reading(
        "7",
        "给予统计人员入库当年（自然年）各150元/人/月的奖励",
        "150元标准只计入库当年（自然年）的月份：入库当月计入，最多计到当年12月",
    ),
    "m8_zero_base": Reading(
        "8",
        "新增生产型出口企业且当年出口额达100万美元以上的",
        "2023年出口额为0读作新增生产型出口企业：按2024年出口额判断是否达到100万美元",
    ),
    "m9_whole_steps": Reading(
        "9",
        "2024年一季度完成实际利用外资每100万美元的，再给予3万元工作经费奖补",
        "每满100万美元计一档，不足一档不计",
    ),
}


def key_phrase(reading_id: str) -> str:
    """The reading's first clause: what the README and the trace both say."""
    text = READINGS[reading_id].text
    cut = min((i for i in (text.find("："), text.find("，")) if i > 0), default=len(text))
    return text[:cut]


def read(reading_id: str) -> str:
    """The reading as a trace line says it: 读法：… （原文：“…”）."""
    r = READINGS[reading_id]
    return f"读法：{r.text}（原文：“{r.words}”）"
