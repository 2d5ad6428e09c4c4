"""Chinese line breaking in the terminal app: widths kept, nothing lost, numbers whole, indents hang."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from assistant.tui.wrap import fit_line, wrap_line, wrap_text

_ALPHABET = st.sampled_from(list("达到门槛一次性奖励销售额万元，。、：“”（）") + list("0123456789,. abcE"))


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=300), st.integers(min_value=10, max_value=120))
def test_lines_fit_and_nothing_is_lost(text, width):
    lines = wrap_line(text, width)
    assert all(cell_len(line) <= width for line in lines)
    squeeze = re.compile(r"\s+")
    assert squeeze.sub("", "".join(lines)) == squeeze.sub("", text)


def test_a_numbered_step_keeps_its_indent_and_numbers_stay_whole():
    step = (
        "  4. 达到门槛，一次性奖励：“同比增长500万元（含500万元）以上的，给予一次性奖励5万元”"
        " = 50,000 元（5 万元）（第1条）"
    )
    lines = wrap_line(step, 40)
    assert lines[0].startswith("  4. 达到门槛") and len(lines) > 2
    assert all(line.startswith("     ") and not line[5].isspace() for line in lines[1:])
    assert any("50,000" in line for line in lines)  # not cut in the middle


def test_no_line_starts_with_closing_punctuation():
    text = "甲" * 9 + "，乙丙丁。" + "戊" * 12 + "美元⌋；“己”" + "庚" * 20
    for width in range(10, 40):
        for line in wrap_text(text, width)[1:]:
            assert line.lstrip()[0] not in "，。⌋；", (width, line)


def test_short_lines_and_line_breaks_are_kept():
    assert wrap_text("第一行\n\n第三行", 80) == ["第一行", "", "第三行"]


def test_styled_clause_text_keeps_its_highlights_and_fits():
    from rich.console import Console
    from rich.text import Text

    from assistant.tui.wrap import WrappedRichText

    text = Text("第2条 稳用电奖励\n\n")
    body = Text("按2024年一季度用电同比增量给予每千瓦时最高0.05元奖励，纳入年报库的企业每千瓦时最高0.1元。")
    body.highlight_words(["用电"], style="reverse")
    text.append_text(body)
    console = Console(width=24, record=True, color_system=None)
    segments = list(console.render(WrappedRichText(text)))
    lines = "".join(s.text for s in segments).split("\n")
    assert all(cell_len(line) <= 24 for line in lines)
    assert "".join(lines).replace(" ", "") == text.plain.replace("\n", "").replace(" ", "")
    assert any(s.text == "用电" and s.style and s.style.reverse for s in segments)
    assert any("0.05元" in line for line in lines)  # a figure is not cut in two


def test_fit_line_takes_the_longest_option_that_fits_and_never_cuts_a_number():
    options = (
        "输入问题，回车发送（如：一季度销售额增长了800万能奖多少）",
        "输入问题，回车发送（如：电费有补贴吗）",
        "输入问题",
    )
    assert fit_line(options, 80) == options[0]
    assert fit_line(options, 50) == options[1]
    assert fit_line(options, 20) == options[2]
    # None fits: the last is cut between whole tokens, "800万" never becomes "80…".
    cut = fit_line(("请回答：一季度销售额增长额（如 8000000）",), 36)
    assert cut == "请回答：一季度销售额增长额（如…" and cell_len(cut) <= 36
    assert fit_line(("ab 800万",), 6) == "ab…"
    assert fit_line(("很长的提示",), 0) == ""
