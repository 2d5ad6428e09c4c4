import io
import json
import os
import subprocess
import sys

import pytest

from assistant.cli import main
from tests.conftest import ROOT


def run(capsys, *argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_prints_ranked_clauses(capsys):
    code, out, err = run(capsys, "search", "电费有补贴吗")
    assert code == 0 and err == ""
    assert out.startswith("1. 第2条 稳用电奖励")
    assert "责任单位：县工信局、财政局、开发区、供电公司" in out and "【用电】" in out


def test_search_json_has_the_contract_fields(capsys):
    code, out, _ = run(capsys, "search", "小升规企业奖励", "--json", "--top", "2")
    data = json.loads(out)
    assert code == 0 and set(data) >= {"query", "tokens", "hits"}
    assert 1 <= len(data["hits"]) <= 2
    hit = data["hits"][0]
    assert hit["id"] == "5" and set(hit) >= {"id", "title", "score", "responsible_units", "snippet"}


def test_search_out_of_scope_says_so(capsys):
    code, out, _ = run(capsys, "search", "怎么申请护照")
    assert code == 0 and "没有找到" in out
    code, out, _ = run(capsys, "search", "怎么申请护照", "--json")
    assert json.loads(out)["hits"] == []


@pytest.mark.parametrize(
    ("question", "kind", "reason"),
    [
        ("统计局电话多少", "phone", "没有电话"),
        ("个人用电能补吗", "individual", "个人或家庭"),
        ("热死了", "chitchat", "闲聊"),
    ],
)
def test_search_out_of_scope_by_a_signal_says_why_and_what_the_notice_covers(capsys, question, kind, reason):
    code, out, _ = run(capsys, "search", question)
    assert code == 0 and "没有找到" in out and reason in out and "用电、用气、用热" in out
    code, out, _ = run(capsys, "search", question, "--json")
    data = json.loads(out)
    assert data["hits"] == [] and data["declined"] == kind
    code, out, _ = run(capsys, "search", "电费有补贴吗", "--json")
    assert json.loads(out)["declined"] is None


def test_search_reads_traditional_characters(capsys):
    code, out, _ = run(capsys, "search", "天然氣補助每立方米多少錢", "--json")
    data = json.loads(out)
    assert code == 0 and data["query"] == "天然气补助每立方米多少钱" and data["hits"][0]["id"] == "3"


def test_search_reads_one_query_per_line_from_stdin(capsys, monkeypatch):
    lines = "电费有补贴吗\n\n统计员\x01奖励\n怎么注册公司\n第五条\n"
    code, out, _ = run(capsys, "search", stdin=lines, monkeypatch=monkeypatch)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 5  # one JSON line per input line, bad lines included
    assert rows[0]["hits"][0]["id"] == "2"
    assert rows[1]["hits"] == [] and "不能为空" in rows[1]["error"]
    assert rows[2]["hits"] == [] and "控制字符" in rows[2]["error"]
    assert rows[3]["hits"] == [] and "error" not in rows[3]
    assert rows[4]["hits"][0]["id"] == "5"


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["search", ""], "不能为空"),
        (["search", "电" * 100_000], "太长"),
        (["search", "电费\x07补贴"], "控制字符"),
        (["search", "电费", "--top", "0"], "--top"),
        (["clause", "99"], "找不到条款"),
        (["clause", "第十四条"], "找不到条款"),
        (["clause", "x" * 100_000], "找不到条款"),
    ],
)
def test_bad_input_exits_2_with_a_chinese_message(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert needle in err and "Traceback" not in err
    assert len(err) < 500  # the bad input is not echoed back whole


@pytest.mark.parametrize("ref", ["5", "第5条", "第五条", "5号措施"])
def test_clause_accepts_every_way_of_naming_it(capsys, ref):
    code, out, _ = run(capsys, "clause", ref)
    assert code == 0 and out.startswith("第5条 支持工业企业做大做强")
    assert "有效期：本条未写明截止日期" in out and "老上规" in out
    assert "2024年1月1日至2025年12月31日" not in out  # the notice sets no end date for 第5条


def test_clause_json_and_named_clauses(capsys):
    code, out, _ = run(capsys, "clause", "final", "--json")
    data = json.loads(out)
    assert code == 0 and data["id"] == "final" and "就高原则" in data["text"]
    code, out, _ = run(capsys, "clause", "7", "--json")
    data = json.loads(out)
    assert data["validity"]["end"] is None and "长期有效" in data["validity"]["description"]
    code, out, _ = run(capsys, "clause", "preamble")
    assert code == 0 and "将政办规〔2024〕2号" in out


def test_clauses_lists_all_with_units(capsys):
    code, out, _ = run(capsys, "clauses")
    assert code == 0 and out.count("\n") == 16  # heading + 15 clauses
    assert "第12条" in out and "招商中心" in out
    code, out, _ = run(capsys, "clauses", "--json")
    assert [c["id"] for c in json.loads(out)][:2] == ["preamble", "1"]


def test_search_command_module_stays_light():
    code = (
        "import sys, assistant.commands.search_cmd\n"
        "print(sorted({'jieba', 'rank_bm25', 'numpy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_whole_process_json_run_is_quiet(tmp_path):
    """jieba writes nothing to stderr and no cache file is needed in the temporary directory."""
    cmd = [sys.executable, "-m", "assistant", "search", "天然气补多少", "--json"]
    # Search's own cache goes to the suite's cache directory (conftest), not the user's.
    cache = os.environ["POLICY_ASSISTANT_CACHE"]
    env = {"TMPDIR": str(tmp_path), "PATH": "", "POLICY_ASSISTANT_CACHE": cache}
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout)["hits"][0]["id"] == "3"
    assert list(tmp_path.iterdir()) == []
