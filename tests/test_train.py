"""Training quiz: seeded and reproducible, placed at the notice's points, marked by the calculators."""

import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from assistant.training.quiz import AnswerError, Quiz, correct_estimate, diagnose, parse_answer
from assistant.training.scenarios import BUILDERS, Scenario, generate
from calculators import evaluate
from calculators.format import format_yuan
from corpus import load_parameters

AS_OF = date(2024, 3, 15)


def p(name: str) -> Decimal:
    return load_parameters()[name].decimal


def run(stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "train", "--as-of", "2024-03-15", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_same_seed_same_quiz_and_another_seed_another():
    assert generate(12, seed=5) == generate(12, seed=5)
    assert generate(12, seed=5) != generate(12, seed=6)
    first, second = run("", "--n", "4", "--seed", "11"), run("", "--n", "4", "--seed", "11")
    assert first.stdout == second.stdout and "第 1/4 题" in first.stdout


def _as_typed(amount: Decimal, style: int) -> str:
    """The right answer in the forms people type it."""
    if style == 1:
        return f"{amount:,f}"
    if style == 2 and amount and amount % 10_000 == 0:
        wan = f"{amount / 10_000:f}"
        return (wan.rstrip("0").rstrip(".") if "." in wan else wan) + "万"
    if style == 3 and amount == 0:
        return "0元"
    return f"{amount:f}"


@pytest.mark.parametrize("seed", range(8))
def test_right_answers_are_the_calculators_awards(seed):
    quiz = Quiz(n=15, seed=seed, as_of=AS_OF)
    for i in range(15):
        scenario = quiz.current
        award = evaluate(scenario.measure, scenario.data, AS_OF).award_yuan or Decimal(0)
        feedback = quiz.answer(_as_typed(award, i % 4))
        assert feedback.correct and feedback.expected == award, scenario
    assert quiz.done and quiz.score == 15


def test_scenarios_sit_at_thresholds_steps_and_caps():
    scenarios = [s for seed in range(40) for s in generate(10, seed)]
    assert {s.measure for s in scenarios} == set(BUILDERS)
    threshold, step, cap_steps = p("m1_threshold_yuan"), p("m1_step_yuan"), 5
    points = [threshold + k * step for k in range(cap_steps + 1)]
    m1 = [s for s in scenarios if s.measure == "1"]
    for s in m1:
        increase = s.data["sales_2024q1_yuan"] - s.data["sales_2023q1_yuan"]
        assert min(abs(increase - x) for x in points) <= 10_000, s.story
    awards = {correct_estimate(s, AS_OF).award_yuan for s in m1}
    assert Decimal(0) in awards and p("m1_cap_yuan") in awards  # both sides of the lines are asked
    gas = [s.data["gas_2024q1_m3"] for s in scenarios if s.measure == "3" and "最低用量" in s.focus]
    assert gas and {g - p("m3_minimum_m3") for g in gas} <= {-1, 0, 1}
    for s in scenarios:
        assert s.story.startswith("某") and s.question.endswith("？")


def test_wrong_answer_shows_the_trace_and_where_it_went_astray():
    capped = Scenario(
        "1",
        "",
        "",
        {
            "above_scale_industrial": True,
            "sales_2023q1_yuan": Decimal(30_000_000),
            "sales_2024q1_yuan": Decimal(42_000_000),
        },
        "",
    )
    right = correct_estimate(capped, AS_OF)
    assert right.award_yuan == p("m1_cap_yuan")
    assert "封顶" in diagnose(capped, right, Decimal(120_000), AS_OF)  # forgot the cap
    partial = Scenario("1", "", "", {**capped.data, "sales_2024q1_yuan": Decimal(36_700_000)}, "")
    right = correct_estimate(partial, AS_OF)
    assert right.award_yuan == 60_000
    message = diagnose(partial, right, Decimal(70_000), AS_OF)  # counted the partial step
    assert "不足一档" in message and "第" in message and "步" in message
    power = {
        "newly_commissioned_2024q1": False,
        "above_scale_manufacturing": True,
        "complies_with_industrial_policy": True,
        "strategic_emerging_2023": True,
        "power_2023q1_kwh": Decimal(1_000_000),
        "power_2024q1_kwh": Decimal(1_300_000),
    }
    strategic = Scenario("2", "", "", power, "")
    right = correct_estimate(strategic, AS_OF)
    message = diagnose(strategic, right, right.award_yuan / 2, AS_OF)  # used the ordinary rate
    assert "战新" in message and "0.1" in message and "0.05" in message
    assert "万" in diagnose(strategic, right, right.award_yuan / 10_000, AS_OF)  # 3 for 3万


def test_feedback_text_names_the_correct_amount_and_steps():
    quiz = Quiz(n=1, seed=3, as_of=AS_OF)
    right = correct_estimate(quiz.current, AS_OF)
    feedback = quiz.answer("123456789")
    assert not feedback.correct and quiz.score == 0
    assert format_yuan(right.award_yuan) in feedback.text
    assert right.steps[0].description in feedback.text and "计算过程" in feedback.text


def test_answers_in_words_and_bad_answers():
    assert parse_answer("８万") == 80_000 and parse_answer("八万元") == 80_000 and parse_answer("没有") == 0
    assert parse_answer("跳过") is None
    with pytest.raises(AnswerError) as exc:
        parse_answer("大概很多")
    assert "不是有效数字" in exc.value.message


def test_pipe_bad_answer_asks_again_and_eof_shows_the_score():
    quiz = Quiz(n=3, seed=21, as_of=AS_OF)
    first = correct_estimate(quiz.current, AS_OF).award_yuan
    proc = run(f"好多钱\n{first:f}\n", "--n", "3", "--seed", "21")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    out = proc.stdout
    assert "不是有效数字" in out
    assert out.count(quiz.current.question) >= 2  # the same question again after the bad answer
    assert "正确！" in out and "第 2/3 题" in out
    assert "输入结束。得分：1/1" in out


def test_full_run_scores_and_quit_word():
    quiz = Quiz(n=2, seed=4, as_of=AS_OF)
    answers = [f"{correct_estimate(s, AS_OF).award_yuan or 0:f}" for s in quiz.scenarios]
    proc = run("\n".join(answers) + "\n", "--n", "2", "--seed", "4")
    assert proc.returncode == 0 and "练习结束。得分：2/2" in proc.stdout
    proc = run("退出\n", "--n", "2", "--seed", "4")
    assert proc.returncode == 0 and "尚未作答" in proc.stdout


def test_bad_options_are_refused_in_chinese():
    proc = run("", "--n", "0")
    assert proc.returncode == 2 and "题数" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "train", "--as-of", "2024-02-30"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and "不存在" in proc.stderr and "Traceback" not in proc.stderr


def test_quiz_report_and_batch_import_neither_textual_nor_jieba():
    """The chat reuses these modules; they must stay UI-agnostic and light."""
    code = (
        "import sys, assistant.training.quiz, assistant.outreach.report, assistant.outreach.batch; "
        "print(sorted(m for m in ('textual', 'jieba') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


GAS = {"above_scale_industrial": True, "in_county": True, "specialized_sme_approved_on": None}


@pytest.mark.parametrize(
    ("measure", "data", "given", "says"),
    [
        ("3", GAS | {"gas_2024q1_m3": Decimal(1000)}, Decimal(0), "不足1000立方米"),
        (
            "3",
            GAS | {"gas_2024q1_m3": Decimal(999)},
            Decimal("499.5"),
            "忽略了“使用量不足1000立方米的不予补助”",
        ),
        (
            "3",
            GAS | {"gas_2024q1_m3": Decimal(50_000), "specialized_sme_approved_on": date(2024, 3, 31)},
            Decimal(25_000),
            "不含3月31日当日",
        ),
        (
            "4",
            {"heat_supplier": True, "resumed_on": date(2024, 2, 17), "continuous_supply_q1": True},
            Decimal(0),
            "不含2月17日当日",
        ),
        (
            "2",
            {
                "newly_commissioned_2024q1": False,
                "above_scale_manufacturing": True,
                "complies_with_industrial_policy": True,
                "strategic_emerging_2023": False,
                "power_2023q1_kwh": Decimal(2_000_000),
                "power_2024q1_kwh": Decimal(2_100_000),
            },
            Decimal(0),
            "不含5%",
        ),
        (
            "1",
            {
                "above_scale_industrial": True,
                "sales_2023q1_yuan": Decimal(0),
                "sales_2024q1_yuan": Decimal(6_500_000),
            },
            Decimal(65_000),
            "不足一档不计",
        ),
        ("9", {"fdi_2024q1_usd": Decimal(2_500_000)}, Decimal(75_000), "不足100万美元的部分也按比例计了"),
    ],
)
def test_diagnosis_tries_the_notice_boundaries_first(measure, data, given, says):
    scenario = Scenario(measure, "", "", data, "")
    right = correct_estimate(scenario, AS_OF)
    message = diagnose(scenario, right, given, AS_OF)
    assert says in message and "最可能的偏差在第" in message, message
    assert "规上工业企业”当成了" not in message and "未能确定" not in message


def test_diagnosis_says_undetermined_only_when_no_single_slip_explains_it():
    scenario = Scenario("3", "", "", GAS | {"gas_2024q1_m3": Decimal(1000)}, "")
    right = correct_estimate(scenario, AS_OF)
    assert "未能确定" in diagnose(scenario, right, Decimal(123_457), AS_OF)
    assert "未能确定" not in diagnose(scenario, right, Decimal(1000), AS_OF)  # 1元 rate: a single slip


def test_stories_state_every_fact_the_answer_depends_on():
    scenarios = [s for seed in range(60) for s in generate(10, seed)]
    new_plants = [s for s in scenarios if s.measure == "2" and s.data.get("newly_commissioned_2024q1")]
    assert new_plants and all("符合国家产业政策" in s.story for s in new_plants)
    m7 = [s for s in scenarios if s.measure == "7"]
    assert all(any(f"{w}企业" in s.story for w in ("工业", "建筑业", "商贸", "服务业")) for s in m7)
    for s in m7:
        if s.data["enterprise_status"] == "new_entry":
            entry = s.data["entry_month"]
            assert f"{entry} 月新入库" in s.story and s.data["months"] <= 13 - entry
    assert all("总额" in s.story for s in scenarios if s.measure == "9")
    assert all(
        "2024 年新建投产" in s.story or s.data["entry_type"] != "new_build"
        for s in scenarios
        if s.measure == "5"
    )
