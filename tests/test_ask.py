"""``policy-assistant ask``: one question answered once, as the chat's first reply, in JSON or text."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from assistant.commands.ask_cmd import MAX_LINE_BYTES, answer
from assistant.dialog.engine import DialogEngine
from tests.conftest import ROOT

KEYS = {"question", "clauses", "out_of_scope", "read", "derived", "asks", "estimate", "messages"}


@pytest.fixture(scope="module")
def engine():
    return DialogEngine(as_of=date(2024, 3, 15))


def test_figures_read_are_under_field_names_as_decimal_strings(engine):
    out = answer(engine, "我们一季度开票4200万，去年同期3500万，能奖多少")
    assert set(out) == KEYS
    # the increase is worked out from the two stated figures, and said to be
    assert out["read"] == {
        "sales_2024q1_yuan": "42000000",
        "sales_2023q1_yuan": "35000000",
        "sales_increase_yuan": "7000000",
    }
    assert out["clauses"][0] == "1" and out["out_of_scope"] is False
    assert out["asks"] == "above_scale_industrial" and out["estimate"] is None
    assert any("已记下" in m and "按今年 − 去年推算" in m for m in out["messages"])


def test_a_complete_question_gives_its_estimate(engine):
    out = answer(engine, "我们是规上工业企业，去年一季度销售额4000万，今年一季度4950万")
    assert out["read"]["above_scale_industrial"] is True
    assert out["asks"] is None
    assert out["estimate"]["measure"] == "1" and out["estimate"]["award_yuan"] == "90000"


def test_dates_iso_and_enums_by_key(engine):
    out = answer(engine, "我们是供热企业，2024年2月10日复工")
    assert out["read"] == {"heat_supplier": True, "resumed_on": "2024-02-10"}
    out = answer(engine, "去年是规下，今年刚入规")
    assert out["read"]["entry_type"] == "upgrade"


@pytest.mark.parametrize("remark", ["今天天气怎么样", "热死了", "你好"])
def test_everyday_remarks_start_no_interview(engine, remark):
    out = answer(engine, remark)
    assert out["clauses"] == [] and out["out_of_scope"] is True
    assert out["asks"] is None and out["read"] == {}
    assert engine.pending is None and engine.open_id is None


def test_an_uncertain_figure_is_asked_for_with_what_was_understood(engine):
    out = answer(engine, "外资到位了350万元")
    assert out["read"] == {} and out["asks"] == "fdi_2024q1_usd"
    assert any("您说的 350万元 是人民币" in m and "美元" in m for m in out["messages"])


def test_each_question_is_a_fresh_conversation(engine):
    answer(engine, "一季度销售额增长了800万")
    out = answer(engine, "用了5万方天然气")
    assert "sales_increase_yuan" not in out["read"] and "sales_increase_yuan" not in engine.known


def _run(args, stdin: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "ask", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def test_stdin_one_object_per_line_bad_lines_get_chinese_messages():
    lines = "一季度销售额增长了800万\n".encode() + b"\xff\xfe bad\n" + b"x" * (MAX_LINE_BYTES + 10) + b"\n"
    lines += "天然气用了5万方\n".encode()
    proc = _run(["--json", "--as-of", "2024-03-15"], lines)
    assert proc.returncode == 0, proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(out) == 4
    assert out[0]["read"] == {"sales_increase_yuan": "8000000"}
    assert "UTF-8" in out[1]["error"] and out[1]["read"] == {}
    assert "超过" in out[2]["error"]
    assert out[3]["read"] == {"gas_2024q1_m3": "50000"}


def test_without_json_it_prints_what_the_chat_would():
    proc = _run(["--as-of", "2024-03-15", "外资到资350万美元，有奖励吗"], b"")
    text = proc.stdout.decode()
    assert proc.returncode == 0
    assert "已记下：2024年一季度实际利用外资 3,500,000 美元" in text and "预估金额" in text


def test_a_level_worked_out_from_an_increase_is_derived_not_read(engine):
    out = answer(engine, "去年一季度用电80万度，今年一季度比去年多20万度")
    assert out["read"] == {"power_2023q1_kwh": "800000"}
    assert out["derived"] == {"power_2024q1_kwh": "1000000"}
    assert "推算" in out["messages"][0] and engine.known["power_2024q1_kwh"] == 1_000_000


def test_the_third_sales_figure_stays_in_read(engine):
    out = answer(engine, "去年一季度卖了3000万今年一季度卖了3800万")
    assert out["read"]["sales_increase_yuan"] == "8000000" and out["derived"] == {}
