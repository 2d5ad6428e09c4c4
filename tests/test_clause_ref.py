import pytest

from assistant.search.clause_ref import chinese_number, parse_clause_ref


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第5条", "5"),
        ("第五条", "5"),
        ("5号措施", "5"),
        ("措施五", "5"),
        ("措施5", "5"),
        ("5", "5"),
        ("五", "5"),
        ("第 5 条", "5"),
        ("第５条", "5"),  # full-width digit, NFKC
        ("第十三条", "13"),
        ("第十条说什么", "10"),
        ("第三条天然气补助找谁", "3"),
        ("措施一的奖励标准", "1"),
        ("第二项", "2"),
        ("12号措施", "12"),
        ("preamble", "preamble"),
        ("FINAL", "final"),
        ("附则", "final"),
    ],
)
def test_clause_numbers_are_found(text, expected):
    assert parse_clause_ref(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "第14条",  # the notice has 13 measures
        "第0条",
        "将政办〔2022〕6号",  # a document number, not a clause
        "每月16号要报信息",  # a date
        "将政办明电〔2023〕4号第15条",  # a clause of another document
        "100万美元",
        "一季度用电增长5%",
        "入库第二年还有奖励吗",
        "电费有补贴吗",
        "",
    ],
)
def test_numbers_that_are_not_clause_references(text):
    assert parse_clause_ref(text) is None


@pytest.mark.parametrize(("text", "value"), [("一", 1), ("十", 10), ("十三", 13), ("二十", 20), ("9", 9)])
def test_chinese_number(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["十十", "百", "一二", "", "三x"])
def test_chinese_number_rejects_non_numbers(text):
    assert chinese_number(text) is None


def test_clause_ref_module_does_not_import_jieba():
    import subprocess
    import sys

    code = "import sys, assistant.search.clause_ref; print('jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
