"""The dialog engine as Chinese transcripts: question, answers, the amount and clause it ends on.

The driver answers whatever the engine asks from a table of answers by field, and fails if it is
asked a field the table lacks — so "only what the calculator still needs" is tested too (a figure
given in the question is not in the table, and asking for it again fails the test).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from assistant.dialog.engine import DialogEngine
from assistant.dialog.render import render_plain
from tests.conftest import SAMPLE_PROFILE

IN_FORCE_DAY = date(2024, 3, 15)
LATER_DAY = date(2026, 11, 28)


def converse(engine: DialogEngine, question: str, answers: dict[str, str], limit: int = 30):
    reply = engine.reply(question)
    asked: list[str] = []
    while reply.question is not None:
        name = reply.question.name
        assert name in answers, f"asked {name} ({reply.question.question}); {render_plain(reply)}"
        asked.append(name)
        reply = engine.reply(answers[name])
        assert len(asked) <= limit
    return reply, asked


CASES = [
    # (question, answers by field, clause, amount, fields that must not be asked)
    (
        "一季度销售额增长了800万，能奖励多少？",
        {"above_scale_industrial": "是"},
        "1",
        80_000,
        ["sales_increase_yuan"],
    ),
    (
        "我们是规上工业企业，去年一季度销售额4000万，今年一季度4950万，增产增效奖励有多少",
        {},
        "1",
        90_000,
        ["sales_2023q1_yuan", "sales_2024q1_yuan", "above_scale_industrial"],
    ),
    (
        "电费有补贴吗",
        {
            "above_scale_manufacturing": "是",
            "complies_with_industrial_policy": "对",
            "newly_commissioned_2024q1": "否",
            "strategic_emerging_2023": "不是",
            "power_2023q1_kwh": "120万度",
            "power_2024q1_kwh": "150万度",
        },
        "2",
        15_000,
        [],
    ),
    (
        "用电比去年多了30万度，去年120万度，用电奖励有多少？",
        {
            "above_scale_manufacturing": "y",
            "complies_with_industrial_policy": "是",
            "newly_commissioned_2024q1": "n",
            "strategic_emerging_2023": "有",
        },
        "2",
        30_000,
        ["power_2023q1_kwh", "power_2024q1_kwh"],
    ),
    (
        "用了5万方天然气，用气有补助吗",
        {"above_scale_industrial": "是", "in_county": "是", "specialized_sme_approved_on": "无"},
        "3",
        25_000,
        ["gas_2024q1_m3"],
    ),
    (
        "供热企业复工供汽有奖励吗",
        {"heat_supplier": "是", "resumed_on": "2024年2月10日", "continuous_supply_q1": "是"},
        "4",
        50_000,
        [],
    ),
    (
        "小升规培育库企业今年入规有什么奖励",
        {"in_cultivation_pool": "是", "counted_2024": "是", "entry_type": "新建投产", "built_2024": "是"},
        "5",
        100_000,
        [],
    ),
    (
        "规下转规上入规奖励多少",
        {"in_cultivation_pool": "是", "counted_2024": "是", "entry_type": "老上规"},
        "5",
        80_000,
        [],
    ),
    (
        "3个统计员，干了10个月，统计人员有补助吗",
        {"enterprise_status": "新入库", "entry_month": "3", "continuous_reporting": "是"},
        "7",
        4_500,
        ["statisticians", "months"],
    ),
    ("外资到资350万美元，有奖励吗", {}, "9", 90_000, ["fdi_2024q1_usd"]),
]


@pytest.mark.parametrize(("question", "answers", "clause", "amount", "not_asked"), CASES)
def test_conversation_to_an_amount(question, answers, clause, amount, not_asked):
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    reply, asked = converse(engine, question, answers)
    assert reply.estimate is not None, render_plain(reply)
    assert reply.estimate.measure == clause
    assert reply.estimate.award_yuan == Decimal(amount)
    assert not set(asked) & set(not_asked)
    text = render_plain(reply)
    assert "预估金额，以责任单位审核为准" in text
    assert "计算过程" in text
    if reply.estimate.upper_bound:
        assert "预计最高" in text


def test_figures_taken_are_said_back():
    reply = DialogEngine(as_of=IN_FORCE_DAY).reply("一季度销售额增长了800万，能奖励多少？")
    assert any("已记下" in m and "8,000,000 元" in m for m in reply.messages)
    assert reply.offered and reply.offered[0].id == "1"
    assert reply.clause is not None and reply.clause.id == "1"
    assert len(reply.offered) <= 3


def test_measure_9_says_the_money_goes_to_the_township():
    reply, _ = converse(DialogEngine(as_of=IN_FORCE_DAY), "外资到资350万美元，有奖励吗", {})
    assert reply.estimate is not None and reply.estimate.paid_to_enterprise is False
    assert "乡镇" in render_plain(reply)


def test_changed_answer_recomputes_and_keeps_the_others():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    converse(engine, "一季度销售额增长了800万，能奖励多少？", {"above_scale_industrial": "是"})
    reply = engine.reply("销售额改成900万")
    assert reply.question is None  # 规上 is not asked again
    assert reply.estimate is not None and reply.estimate.award_yuan == Decimal(90_000)
    assert any("原为 8,000,000 元" in m for m in reply.messages)
    reply = engine.reply("改：销售额增长1000万")
    assert reply.estimate is not None and reply.estimate.award_yuan == Decimal(100_000)


def test_unknown_gives_a_conditional_answer():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    reply, _ = converse(engine, "一季度销售额增长了800万，能奖励多少？", {"above_scale_industrial": "不知道"})
    assert reply.estimate is not None and reply.estimate.award_yuan == Decimal(80_000)
    assert "若贵企业属于规上工业企业，则" in render_plain(reply)


def test_failed_condition_stops_the_interview_and_says_why():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    reply = engine.reply("我们不是规上企业，一季度销售额增长了800万，能奖励多少")
    assert reply.question is None and reply.estimate is None
    text = render_plain(reply)
    assert "不适用" in text and "规上" in text


def test_failed_condition_in_the_middle_of_an_interview():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    reply = engine.reply("供热企业有奖励吗")
    assert reply.question is not None and reply.question.name == "heat_supplier"
    reply = engine.reply("否")
    assert reply.question is None
    assert "不适用" in render_plain(reply)


def test_out_of_scope():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    reply = engine.reply("怎么注册公司")
    text = render_plain(reply)
    assert "本通知未涉及" in text and "第1条" in text
    assert engine.open_id is None


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("统计局电话多少", "没有电话"),
        ("我家里用电多能补贴吗", "个人或家庭"),
        ("出口退税怎么办理", "别的领域"),
    ],
)
def test_a_decline_says_why_when_a_signal_decided_it(question, why):
    text = render_plain(DialogEngine(as_of=IN_FORCE_DAY).reply(question))
    assert "本通知未涉及这个问题：" in text and why in text and "第1条" in text


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("要什么材料", "以企业实际开具发票销售额为参考依据"),
        ("找哪个部门？", "县工信局"),
        ("什么时候截止", "2024年3月31日"),
        ("能和省里的一起拿吗", "就高原则"),
        ("怎么算的", "计算过程"),
    ],
)
def test_follow_ups_answer_from_the_open_clause(follow_up, expected):
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    converse(engine, "一季度销售额增长了800万，能奖励多少？", {"above_scale_industrial": "是"})
    reply = engine.reply(follow_up)
    assert expected in render_plain(reply)
    assert engine.open_id == "1"


def test_follow_up_during_interview_keeps_the_question():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    reply = engine.reply("电费有补贴吗")
    pending = reply.question.name
    reply = engine.reply("找哪个部门")
    assert "供电公司" in render_plain(reply)
    assert reply.question is not None and reply.question.name == pending


@pytest.mark.parametrize(
    ("question", "pending", "bad", "says"),
    [
        ("一季度销售额增长了800万，能奖励多少？", "above_scale_industrial", "也许吧", "是”或“否"),
        ("一季度销售额增长了800万，能奖励多少？", "above_scale_industrial", "abc", "是”或“否"),
        ("我们是规上企业，天然气补助", "gas_2024q1_m3", "-5", "负数"),
        ("我们是规上企业，天然气补助", "gas_2024q1_m3", "很多", "不是有效数字"),
        ("供热企业有奖励吗", "resumed_on", "2024-02-30", "不存在"),
        ("3个统计员，统计人员补助", "months", "13", "1 到 12"),
    ],
)
def test_bad_answer_repeats_the_same_question(question, pending, bad, says):
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    reply = engine.reply(question)
    while reply.question is not None and reply.question.name != pending:
        reply = engine.reply(
            {"specialized_sme_approved_on": "无", "enterprise_status": "在库"}.get(reply.question.name, "是")
        )
    assert engine.pending == pending
    known = dict(engine.known)
    reply = engine.reply(bad)
    assert reply.error and says in render_plain(reply)
    assert reply.question is not None and reply.question.name == pending
    assert engine.known == known


@pytest.mark.parametrize("line", ["", "   ", "问" * 100_000])
def test_empty_and_huge_lines_leave_state_intact(line):
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    engine.reply("一季度销售额增长了800万，能奖励多少？")
    before = (dict(engine.known), engine.pending, engine.open_id)
    reply = engine.reply(line)
    assert reply.error
    assert reply.messages[0].startswith("请输入") or "输入过长" in reply.messages[0]
    assert (dict(engine.known), engine.pending, engine.open_id) == before
    assert reply.question is not None and reply.question.name == engine.pending


def test_pick_by_number_open_by_clause_ref_and_list():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    first = engine.reply("用电奖励")
    assert len(first.offered) >= 2
    second = first.offered[1].id
    assert engine.reply("选2").clause.id == second
    assert engine.reply("第5条").clause.id == "5"
    assert engine.reply("第十三条").clause.id == "13"
    listing = render_plain(engine.reply("目录"))
    assert "第1条" in listing and "第13条" in listing


def test_bare_number_picks_during_a_yes_no_question_but_answers_a_number_question():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    first = engine.reply("一季度销售额增长了800万，能奖励多少？")
    assert first.question.kind == "bool" and len(first.offered) >= 2
    assert engine.reply("2").clause.id == first.offered[1].id
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    engine.reply("外资有奖励吗")
    assert engine.pending == "fdi_2024q1_usd"
    reply = engine.reply("2")  # not a pick; but 2 美元 or 2万美元? asked, not guessed
    assert engine.open_id == "9" and engine.pending == "fdi_2024q1_usd" and reply.error
    assert "fdi_2024q1_usd" not in engine.known and any("2万" in m for m in reply.messages)
    reply = engine.reply("2美元")
    assert reply.estimate is not None and engine.known["fdi_2024q1_usd"] == Decimal(2)


def test_restart_and_help():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    converse(engine, "一季度销售额增长了800万，能奖励多少？", {"above_scale_industrial": "是"})
    assert "追问" in render_plain(engine.reply("帮助"))
    engine.reply("重新开始")
    assert engine.known == {} and engine.open_id is None and engine.state == "idle"


def test_answers_are_reused_by_the_next_calculation():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    converse(engine, "一季度销售额增长了800万，能奖励多少？", {"above_scale_industrial": "是"})
    _, asked = converse(
        engine, "用了5万方天然气，用气有补助吗", {"in_county": "是", "specialized_sme_approved_on": "无"}
    )
    assert "above_scale_industrial" not in asked


def test_clause_without_an_amount_is_explained():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    reply = engine.reply("第8条")
    text = render_plain(reply)
    assert "将政办明电〔2023〕4号" in text and reply.question is None


def test_expired_measure_says_so_first():
    engine = DialogEngine(as_of=LATER_DAY)
    reply, _ = converse(engine, "一季度销售额增长了800万，能奖励多少？", {"above_scale_industrial": "是"})
    assert reply.estimate is not None and reply.estimate.in_force.in_force is False
    assert render_plain(reply).startswith("【注意】") or "已不在有效期" in reply.messages[0]
    opened = engine.reply("第1条")
    assert opened.clause is not None and opened.clause.in_force is False
    assert opened.messages[0].startswith("注意：")
    # Measure 7 is 长期有效: no warning.
    assert DialogEngine(as_of=LATER_DAY).reply("第7条").clause.in_force is True


PROFILE_ANSWERS = SAMPLE_PROFILE | {
    "sales_increase_yuan": "800万",
    "sales_2023q1_yuan": "4000万",
    "sales_2024q1_yuan": "4800万",
    "specialized_sme_approved_on": "无",
    "enterprise_status": "新入库",
    "entry_month": "不知道",
    "statisticians": "3",
    "months": "10",
}


def test_whole_profile_mode_ends_with_a_table_and_total():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    reply, asked = converse(engine, "体检", PROFILE_ANSWERS, limit=40)
    assert len(asked) == len(set(asked))  # nothing asked twice
    table = reply.table
    assert table is not None
    rows = {row.measure: row for row in table.rows}
    assert rows["1"].award_yuan == Decimal(80_000)
    assert rows["2"].award_yuan == Decimal(15_000)
    assert rows["3"].award_yuan == Decimal(25_000)
    assert rows["4"].status.startswith("不符合")  # not a heat supplier: stopped early
    assert rows["5"].award_yuan == Decimal(80_000)
    assert rows["7"].award_yuan == Decimal(4_500)
    assert table.total_award_yuan == Decimal(80_000 + 15_000 + 25_000 + 80_000 + 4_500)
    assert "合计" in render_plain(reply)


def test_profile_skips_known_fields():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    converse(engine, "一季度销售额增长了800万，能奖励多少？", {"above_scale_industrial": "是"})
    _, asked = converse(engine, "体检", PROFILE_ANSWERS, limit=40)
    assert "above_scale_industrial" not in asked and "sales_increase_yuan" not in asked


def test_an_answer_may_carry_several_figures():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    converse(
        engine,
        "我们是规上制造业企业，电费有补贴吗",
        {
            "complies_with_industrial_policy": "是",
            "newly_commissioned_2024q1": "否",
            "strategic_emerging_2023": "否",
        }
        | {"power_2023q1_kwh": "去年一季度120万度，今年一季度150万度"},
    )
    assert engine.estimates["2"].award_yuan == Decimal(15_000)
    assert engine.known["power_2024q1_kwh"] == Decimal(1_500_000)


def test_profile_with_unknown_states_the_assumption():
    engine = DialogEngine(as_of=IN_FORCE_DAY)
    answers = dict(PROFILE_ANSWERS, above_scale_industrial="不知道")
    reply, _ = converse(engine, "体检", answers, limit=40)
    assert reply.table is not None
    assert any("若贵企业属于规上工业企业" in n for n in reply.table.notes)


def test_validity_follow_up_for_a_long_running_measure():
    engine = DialogEngine(as_of=LATER_DAY)
    engine.reply("第7条")
    text = render_plain(engine.reply("什么时候截止"))
    assert "长期有效" in text and "仍在有效期内" in text
