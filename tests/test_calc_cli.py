"""`policy-assistant calc` and `check`: readable Chinese or JSON, refusals with exit 2, no traceback."""

import io
import json
import subprocess
import sys

import pytest

from assistant.cli import main
from assistant.commands.calc_cmd import parse_measure
from calculators.fields import FIELDS
from tests.test_parse import CASES, measure_of

GOOD_1 = {"above_scale_industrial": True, "sales_2023q1_yuan": "4000万", "sales_2024q1_yuan": "4950万"}


def run(argv, stdin, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_calc_readable(monkeypatch, capsys):
    code, out, _ = run(["calc", "1", "--as-of", "2024-03-15"], json.dumps(GOOD_1), monkeypatch, capsys)
    assert code == 0
    assert "预计 90,000 元（9 万元）" in out and "计算过程" in out and "责任单位" in out
    assert "已不在有效期内" not in out


def test_calc_json_and_as_of(monkeypatch, capsys):
    code, out, _ = run(
        ["calc", "第1条", "--json", "--as-of", "2024-04-01"], json.dumps(GOOD_1), monkeypatch, capsys
    )
    data = json.loads(out)
    assert code == 0 and data["award_yuan"] == "90000" and data["eligible"] is True
    assert data["in_force"]["in_force"] is False and data["in_force"]["as_of"] == "2024-04-01"


def test_calc_json_shows_zero_and_null(monkeypatch, capsys):
    _, out, _ = run(
        ["calc", "1", "--json"],
        '{"above_scale_industrial": false, "sales_increase_yuan": 1}',
        monkeypatch,
        capsys,
    )
    assert json.loads(out)["award_yuan"] == "0"
    _, out, _ = run(
        ["calc", "6", "--json"],
        json.dumps({"sector": "商贸", "in_statistics_2023q1": True, "received_other_award": False}),
        monkeypatch,
        capsys,
    )
    assert json.loads(out)["award_yuan"] is None and json.loads(out)["eligible"] is None


def test_calc_reads_a_file(tmp_path, monkeypatch, capsys):
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"fdi_2024q1_usd": "350万美元"}, ensure_ascii=False), encoding="utf-8-sig")
    code, out, _ = run(["calc", "9", "--input", str(path)], "", monkeypatch, capsys)
    assert code == 0 and "90,000 元" in out and "不是发给企业" in out


@pytest.mark.parametrize(("name", "bad"), CASES, ids=[f"{n}={b!r}" for n, b in CASES])
def test_bad_input_at_every_field_exits_2_with_the_json_error(name, bad, monkeypatch, capsys):
    code, out, _ = run(["calc", measure_of(name), "--json"], json.dumps({name: bad}), monkeypatch, capsys)
    assert code == 2
    data = json.loads(out)
    assert set(data) == {"error", "field"} and data["field"] == name and FIELDS[name].label in data["error"]


@pytest.mark.parametrize(
    ("argv", "stdin", "says"),
    [
        (["calc", "1"], "", "输入为空"),
        (["calc", "1"], "{not json", "不是有效的 JSON"),
        (["calc", "1"], "[1, 2]", "JSON 对象"),
        (["calc", "14"], "{}", "1 到 13"),
        (["calc", "第二十条"], "{}", "1 到 13"),
        (["calc", "1"], '{"sales_increase_yuan": "-5"}', "不能为负数"),
        (["calc", "1", "--input", "/nonexistent/x.json"], "", "找不到输入文件"),
        (["check"], "{}", "体检"),  # an empty profile is fine: everything is listed as still needed
    ],
)
def test_refusals_in_chinese_without_json(argv, stdin, says, monkeypatch, capsys):
    code, out, err = run(argv, stdin, monkeypatch, capsys)
    if argv[0] == "check":
        assert code == 0 and says in out
        return
    assert code == 2 and says in err and "Traceback" not in err and out == ""


def test_bad_as_of_is_refused(monkeypatch, capsys):
    with pytest.raises(SystemExit) as exc:
        run(["calc", "1", "--as-of", "2024-02-30"], "{}", monkeypatch, capsys)
    assert exc.value.code == 2 and "不存在" in capsys.readouterr().err


def test_schema(monkeypatch, capsys):
    code, out, _ = run(["calc", "3", "--schema"], "", monkeypatch, capsys)
    schema = json.loads(out)
    assert code == 0 and schema["additionalProperties"] is False
    assert set(schema["properties"]) == {
        "above_scale_industrial",
        "in_county",
        "gas_2024q1_m3",
        "specialized_sme_approved_on",
    }
    assert schema["properties"]["gas_2024q1_m3"]["title"] == "2024年一季度天然气使用量"


@pytest.mark.parametrize(
    ("text", "mid"),
    [
        ("1", "1"),
        ("第1条", "1"),
        ("第十三条", "13"),
        ("措施5", "5"),
        ("５", "5"),
        ("0", None),
        ("14", None),
        ("x", None),
    ],
)
def test_parse_measure(text, mid):
    assert parse_measure(text) == mid


PROFILE = {
    "name": "示例机械有限公司",
    "above_scale_industrial": True,
    "sales_increase_yuan": "800万",
    "in_county": True,
    "gas_2024q1_m3": "5万方",
    "specialized_sme_approved_on": "无",
    "fdi_2024q1_usd": "200万美元",
}


def test_check_readable_and_json(monkeypatch, capsys):
    code, out, _ = run(
        ["check", "--as-of", "2024-03-15"], json.dumps(PROFILE, ensure_ascii=False), monkeypatch, capsys
    )
    assert code == 0 and "示例机械有限公司" in out
    assert "企业可得奖补合计：105,000 元（10.5 万元）" in out  # 80,000 + 25,000; measure 9 kept apart
    assert "第9条工作经费 60,000 元" in out
    assert "第2条：尚需" in out and "第10、11、12、13条：服务保障与安全生产措施，不设奖补金额" in out
    assert out.index("第1条") < out.index("第2条：尚需") < out.index("第3条") < out.index("第9条")
    code, out, _ = run(["check", "--json"], json.dumps(PROFILE, ensure_ascii=False), monkeypatch, capsys)
    data = json.loads(out)
    assert data["total_award_yuan"] == "105000" and data["work_funds_yuan"] == "60000"


def test_check_refuses_unknown_field(monkeypatch, capsys):
    code, out, _ = run(["check", "--json"], '{"salse": 1}', monkeypatch, capsys)
    assert code == 2 and json.loads(out)["field"] == "salse"


def subprocess_run(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def test_real_process_refusal_has_no_traceback():
    proc = subprocess_run("calc", "7", "--json", stdin='{"months": 13}')
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["field"] == "months"
    proc = subprocess_run("calc", "2", stdin="{broken")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "JSON" in proc.stderr


def test_calc_path_imports_neither_jieba_nor_textual():
    # The whole `policy-assistant calc` path, command discovery included.
    code = (
        "import io, sys, contextlib\n"
        'sys.stdin = io.StringIO(\'{"above_scale_industrial": true, "sales_increase_yuan": "800万"}\')\n'
        "from assistant.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['calc', '1']) == 0\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('jieba', 'textual', 'rank_bm25')]\n"
        "print(bad)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
