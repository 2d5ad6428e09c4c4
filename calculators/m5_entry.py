"""第5条 支持工业企业做大做强: 10万元 for a 2024 new build entering the statistics, 8万元 for 老上规."""

from __future__ import annotations

from calculators.amounts import Fixed
from calculators.conditions import Must
from calculators.parts import Gate, Note, Reading
from calculators.rules import Paths, Rule

RULE = Rule(
    "5",
    "EntryInput",
    (
        Must(
            "in_cultivation_pool",
            True,
            "纳入省工业企业供需对接平台“小升规”培育库",
            "本条奖励对象须纳入“小升规”培育库。",
        ),
        Must("counted_2024", True, "2024年纳统（入规）", "本条奖励对象须在2024年纳入规上统计。"),
        Reading("m5_both_conditions"),
        Note(
            "本条写明“在落实省市两级入规奖励政策基础上”给予，即在省市入规奖励之外另给；"
            "就高原则仅在与省市政策重复且省市奖励资金由县财政兑现时适用。"
        ),
        Paths(
            "entry_type",
            {
                "new_build": (
                    # Optional: the chat asks a new build; calc/check/batch without it say it was not checked.
                    Must(
                        "built_2024",
                        True,
                        "2024年新建投产",
                        "10万元奖励的对象为“2024年新建投产入规企业”，贵企业不是2024年新建投产。",
                        unchecked=(
                            "2024年新建投产",
                            "未填写投产年份",
                            "未核对，按企业自报的“新建投产入规”计",
                        ),
                    ),
                    Reading("m5_new_build_2024"),
                    Note(
                        "入库第二年连续出数且实现正增长的，可再获一次性奖励 "
                        "{yuan[m5_second_year_award_yuan]}（本次未计入）。",
                        params=("m5_second_year_award_yuan",),
                    ),
                    Note(
                        "若入库后第二年退库，或入库后两年连续负增长，须退还奖励资金 {yuan[m5_refund_yuan]}。",
                        params=("m5_refund_yuan",),
                    ),
                ),
                "upgrade": (Reading("m5_old_upgrade"), Reading("m5_refund_silent")),
            },
        ),
        Gate(),
        Paths(
            "entry_type",
            {
                "new_build": (
                    Fixed(
                        "m5_new_build_award_yuan",
                        "一次性奖励：2024年新建投产入规企业",
                        "入库第二年连续出数且正增长，可再得 {yuan[m5_second_year_award_yuan]}；"
                        "注意退库或连续两年负增长须退还 {yuan[m5_refund_yuan]}",
                    ),
                ),
                "upgrade": (
                    Fixed(
                        "m5_upgrade_award_yuan",
                        "一次性奖励：“老上规”企业",
                        "本条为定额一次性奖励，已按满额计",
                    ),
                ),
            },
        ),
    ),
)
MEASURE = RULE.measure()
