"""The terminal app's cold start (issue 13): the first frame comes before the notice, the engine
and the index load, says the notice's title and number from notice.yaml as the validated
notice does, and nothing typed while they load is lost."""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import threading
from datetime import date

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input

import assistant.search.index
from assistant.commands.chat_cmd import _as_of
from assistant.tui.app import PolicyApp
from assistant.tui.heading import Heading, notice_file, notice_heading, scan_heading
from assistant.tui.widgets import Message
from calculators import InputError
from calculators.fields import parse_date
from corpus import load_notice
from tests.conftest import ROOT
from tests.test_tui import DAY, drained, log_text, ready, say, sync


def test_heading_read_unvalidated_is_the_validated_notices():
    meta = load_notice().metadata
    scanned = scan_heading(notice_file().read_text(encoding="utf-8"))
    assert scanned == notice_heading() == Heading(title=meta.title, number=meta.number)


META = "# 注释\nmetadata:\n  notice_title: 通知\n{}\n  issuer: 县政府\nsections:\n- id: 一\n"


@pytest.mark.parametrize(
    "lines",
    [
        "  title: 措施 一\n  number: 将政办规〔2024〕2号",
        "  number: 2号文\n  # 标题\n  title: 措施",
        "  title: 措施  \n  number: 第2号",  # trailing spaces are not part of a plain scalar
    ],
)
def test_scan_reads_plain_lines_as_yaml_does(lines):
    text = META.format(lines)
    meta = yaml.safe_load(text)["metadata"]
    assert scan_heading(text) == Heading(title=meta["title"], number=meta["number"])


@pytest.mark.parametrize(
    "lines",
    [
        "  title: '措施'\n  number: 2号",  # quoted
        "  title: 措施 # 注\n  number: 2号",  # a comment
        "  title: >-\n    措施\n  number: 2号",  # folded
        "  title: 措施\n  number: 2024",  # a number to YAML
        "  title: 措施\n  number: '2号'",
        "  title: 措施",  # no number under metadata
        "  title: 措施\nother:\n  number: 2号",  # the number belongs to another key
    ],
)
def test_scan_leaves_every_other_spelling_to_yaml(lines):
    assert scan_heading(META.format(lines)) is None


# A fresh interpreter starts the app as `policy-assistant chat --as-of …` does (arguments parsed
# by the CLI's own parser) and lists, at its first frame, what it has imported.
FIRST_FRAME = r"""
import json, sys
from assistant.cli import build_parser
from assistant.tui.app import PolicyApp

args = build_parser().parse_args(["chat", "--as-of", "2024-03-15"])
seen = {}

class Probe(PolicyApp):
    def on_mount(self):
        self.call_after_refresh(self._probe)  # before the app's own on_mount schedules its loading
        super().on_mount()

    def _probe(self):
        seen["modules"] = sorted(sys.modules)
        seen["header"] = [self.title, self.sub_title]
        seen["first"] = self.query("Message").first().text
        self.exit()

Probe(as_of=args.as_of).run(headless=True, size=(80, 24))
print(json.dumps(seen, ensure_ascii=False))
"""


def test_first_frame_waits_for_no_model_engine_or_index():
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, cwd=ROOT, timeout=120, check=True
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    heavy = ("pydantic", "calculators", "jieba", "numpy", "rank_bm25", "opencc", "corpus", "assistant.dialog")
    loaded = sorted(m for m in seen["modules"] if m.split(".")[0] in heavy or m.startswith(heavy))
    assert loaded == []
    heading = notice_heading()
    assert seen["header"] == [heading.number, heading.title]  # narrow: the number first
    assert heading.title in seen["first"] and "请直接提问" in seen["first"]


@sync
async def test_welcome_gains_its_validity_line_once_loaded(monkeypatch):
    gate = threading.Event()
    real = assistant.search.index.warm_up
    monkeypatch.setattr(assistant.search.index, "warm_up", lambda: (gate.wait(30), real()))
    app = PolicyApp(as_of=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        welcome = app.query(Message).first()
        assert notice_heading().number in welcome.text and "测算日期" not in welcome.text
        gate.set()
        await ready(app, pilot)
        assert app.query(Message).first() is welcome
        assert welcome.text.startswith("您好！") and "测算日期：2024年3月15日（--as-of）" in welcome.text


def test_gc_pause_nests_and_leaves_a_gc_already_off_alone():
    from assistant.tui import gc_pause

    assert gc.isenabled()
    gc_pause.pause()  # the chat command, before importing the app
    gc_pause.pause()  # the app, as it is made
    assert not gc.isenabled()
    gc_pause.resume()
    assert gc.isenabled()
    gc_pause.resume()
    assert gc.isenabled()
    gc.disable()
    try:
        gc_pause.pause()
        gc_pause.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()


@sync
async def test_gc_is_paused_while_loading_only(monkeypatch):
    """The app pauses the cyclic GC from its start until loading ends and the first answers are
    drawn; an app that ends while still loading resumes it too, and a GC already off stays off."""
    assert gc.isenabled()
    gate = threading.Event()
    real = assistant.search.index.warm_up
    monkeypatch.setattr(assistant.search.index, "warm_up", lambda: (gate.wait(30), real()))
    app = PolicyApp(as_of=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not gc.isenabled()
        await say(app, pilot, "第1条")
        gate.set()
        await ready(app, pilot)
        await pilot.pause()
        assert gc.isenabled() and "已打开第1条" in log_text(app)
    gate.clear()
    app = PolicyApp(as_of=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not gc.isenabled() and not app.ready
    assert gc.isenabled()
    gate.set()
    gc.disable()
    try:
        app = PolicyApp(as_of=DAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(app, pilot)
            await pilot.pause()
        assert not gc.isenabled()
    finally:
        gc.enable()


@sync
async def test_every_line_typed_while_loading_is_kept_and_answered_in_order(monkeypatch):
    gate = threading.Event()
    real = assistant.search.index.warm_up
    monkeypatch.setattr(assistant.search.index, "warm_up", lambda: (gate.wait(30), real()))
    opened: list[str] = []
    app = PolicyApp(as_of=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.ready
        await say(app, pilot, "第1条")
        ask = app.query_one("#ask", Input)
        ask.value = "第"
        ask.cursor_position = 1
        await pilot.press("3")  # keys, as a person types them, before loading ends
        ask.insert_text_at_cursor("条")
        await pilot.press("enter")
        await pilot.press(*"12")  # typed, not yet sent: stays in the input
        await pilot.pause()
        assert not app.ready
        text = log_text(app)
        assert text.count("您：") == 2 and text.index("您：第1条") < text.index("您：第3条")
        assert text.count("加载完成后立即回答") == 1  # said once, not per line
        real_answer = app._answer
        monkeypatch.setattr(app, "_answer", lambda line: (opened.append(line), real_answer(line)))
        gate.set()
        await ready(app, pilot)
        assert opened == ["第1条", "第3条"]
        assert app.engine.open_id == "3"
        assert ask.value == "12"
        text = log_text(app)
        assert text.index("您：第3条") < text.index("已打开第1条") < text.index("已打开第3条")


def burst(app: PolicyApp, *keys: str) -> None:
    """Keys as a terminal delivers a fast burst: all queued before the app handles the first."""
    for key in keys:
        char = key if len(key) == 1 else None
        app.post_message(events.Key(key, char))


@sync
async def test_a_burst_of_lines_typed_while_loading_stays_lines(monkeypatch):
    """Typed faster than the app takes keys (as it is while loading): each Enter ends its own
    line; no line is joined to the next, sent twice or lost (seen in tmux before the fix)."""
    gate = threading.Event()
    real = assistant.search.index.warm_up
    monkeypatch.setattr(assistant.search.index, "warm_up", lambda: (gate.wait(30), real()))
    app = PolicyApp(as_of=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, *"help", "enter", *"12", "enter", *"3")
        await drained(app, pilot)
        await pilot.pause()
        users = [m.text for m in app.query(Message) if m.has_class("user")]
        assert users == ["您：help", "您：12"]
        assert app._queued == ["help", "12"]
        assert app.query_one("#ask", Input).value == "3"  # typed after the last Enter: kept
        gate.set()
        await ready(app, pilot)
        assert app._queued == []


ISO_ISH = st.one_of(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2110, 12, 31)).map(lambda d: d.isoformat()),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    st.sampled_from(["2024-02-30", "2100-12-31", "2101-01-01", "1999-12-31", "2000-01-01", "２０２４-03-15"]),
)


@given(ISO_ISH)
def test_as_of_read_early_agrees_with_parse_date(text):
    try:
        expected: date | str = parse_date(text, "测算日期")
    except InputError as exc:
        expected = exc.message
    try:
        got: date | str = _as_of(text)
    except argparse.ArgumentTypeError as exc:
        got = str(exc)
    assert got == expected


@pytest.mark.parametrize("text", ["2024-03-15", "2024年3月15日", "20240315"])
def test_as_of_spellings_still_read(text):
    assert _as_of(text) == date(2024, 3, 15)
