"""Pilot tests of the terminal app: a conversation to an amount, the keys, the palette, narrow screens."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from datetime import date

import pytest
from textual import events
from textual.command import CommandPalette
from textual.widgets import Input

from assistant.tui.app import PolicyApp
from assistant.tui.screens import ExportScreen, HelpScreen
from assistant.tui.widgets import Message

DAY = date(2024, 3, 15)


def sync(test):
    """Run an async Pilot test with asyncio.run (no async pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


async def drained(app: PolicyApp, pilot) -> None:
    """Until the app has taken every key sent without waiting: keys still queued when the test
    ends would reach an app whose screens are already gone (an error in textual's shutdown)."""
    for _ in range(1000):
        if app._message_queue.empty():
            return
        await pilot.pause(0.01)
    raise AssertionError("the app never took the keys sent to it")


async def ready(app: PolicyApp, pilot) -> None:
    for _ in range(200):
        if app.ready:
            break
        await pilot.pause(0.02)
    await pilot.pause()
    assert app.ready


@contextlib.asynccontextmanager
async def chat_app(size: tuple[int, int]):
    """The app at ``size``, its index loaded: (app, pilot)."""
    app = PolicyApp(as_of=DAY)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        yield app, pilot


async def say(app: PolicyApp, pilot, text: str) -> None:
    """Type a line (Input.value: pilot.press cannot type Chinese punctuation) and press enter."""
    app.query_one("#ask", Input).value = text
    await pilot.press("enter")
    await pilot.pause()


def log_text(app: PolicyApp) -> str:
    return "\n".join(m.text for m in app.query(Message))


@sync
async def test_conversation_to_an_amount_at_120x40():
    async with chat_app((120, 40)) as (app, pilot):
        await say(app, pilot, "一季度销售额增长了800万，能奖励多少？")
        assert "已记下" in log_text(app) and "8,000,000 元" in log_text(app)
        assert app.query_one("#clause-panel").display  # wide: the clause is beside the chat
        await say(app, pilot, "是")
        text = log_text(app)
        assert "预计可获 80,000 元（8 万元）" in text
        assert "预估金额，以责任单位审核为准" in text
        # Full-width input is normalised: ８００万 is 800万.
        await say(app, pilot, "销售额改成９００万")
        assert "90,000 元" in log_text(app)


@sync
async def test_narrow_screen_folds_the_clause_panel_and_f2_shows_it():
    async with chat_app((80, 24)) as (app, pilot):
        await say(app, pilot, "第3条")
        panel = app.query_one("#clause-panel")
        assert not panel.display
        assert "按 F2 查看" in log_text(app)
        await pilot.press("f2")
        assert panel.display and not app.query_one("#chat").display
        await pilot.press("f2")
        assert not panel.display and app.query_one("#chat").display
        assert app.focused is app.query_one("#ask")


@sync
async def test_keys_new_conversation_help_and_export(tmp_path):
    async with chat_app((100, 30)) as (app, pilot):
        await say(app, pilot, "一季度销售额增长了800万，能奖励多少？")
        await say(app, pilot, "是")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#export-path", Input)
        path_input.value = str(tmp_path / "没有这个目录" / "a.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # a bad path: a Chinese message, the modal stays
        assert "不存在" in str(app.screen.query_one("#export-error").render())
        target = tmp_path / "记录.md"
        path_input.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        written = target.read_text(encoding="utf-8")
        assert "80,000 元" in written and "一季度销售额增长了800万" in written
        assert [p.name for p in tmp_path.iterdir()] == ["记录.md"]  # no temp file left behind

        await pilot.press("ctrl+n")  # answers given: it asks first (tests/test_tui_keys.py has the rest)
        assert app.engine.known
        await pilot.press("y")
        await pilot.pause()
        assert app.engine.known == {} and app.engine.open_id is None
        assert "您：一季度销售额增长了800万" not in log_text(app)


@sync
async def test_command_palette_lists_clauses_and_opens_one():
    async with chat_app((120, 40)) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        app.screen.query_one(Input).value = "稳用气奖励"
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert app.engine.open_id == "3"


@sync
async def test_a_question_typed_while_loading_is_answered_after(monkeypatch):
    import threading

    import assistant.search.index

    gate = threading.Event()
    real = assistant.search.index.warm_up
    monkeypatch.setattr(assistant.search.index, "warm_up", lambda: (gate.wait(5), real()))
    app = PolicyApp(as_of=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.ready
        assert "加载" in app.query_one("#ask", Input).placeholder
        await say(app, pilot, "第1条")
        assert "加载完成后立即回答" in log_text(app)
        gate.set()
        await ready(app, pilot)
        assert app.engine.open_id == "1"
        assert "加载" not in app.query_one("#ask", Input).placeholder


@sync
async def test_huge_paste_does_not_freeze_and_is_refused():
    async with chat_app((80, 24)) as (app, pilot):
        await say(app, pilot, "问" * 100_000)
        assert "输入过长" in log_text(app)
        assert max(len(m.text) for m in app.query(Message)) < 5_000


@sync
async def test_pasting_100_kb_is_cut_and_refused_in_chinese():
    async with chat_app((80, 24)) as (app, pilot):
        ask = app.query_one("#ask", Input)
        ask.post_message(events.Paste("电费" * 50_000))
        await pilot.pause()
        assert 500 < len(ask.value) <= 2_001  # cut, yet long enough for the engine to refuse
        await pilot.press("enter")
        await pilot.pause()
        assert "输入过长" in log_text(app)
        assert app.engine.open_id is None


@pytest.mark.parametrize("seed", [20241])
@sync
async def test_monkey_2000_random_keys_and_inputs(seed, tmp_path, monkeypatch):
    import random

    monkeypatch.chdir(tmp_path)  # an export confirmed by chance lands here, not in the repo
    rng = random.Random(seed)
    keys = [
        "a",
        "1",
        "5",
        "enter",
        "backspace",
        "f1",
        "f2",
        "escape",
        "tab",
        "shift+tab",
        "up",
        "down",
        "left",
        "right",
        "home",
        "end",
        "ctrl+n",
        "ctrl+e",
        "pageup",
        "pagedown",
        "space",
        "delete",
        "ctrl+p",  # screens and the palette in random order (more in test_tui_keys.py)
        "ctrl+home",
        "ctrl+end",
        "y",
        "n",
    ]
    lines = [
        "是",
        "否",
        "不知道",
        "800万",
        "第5条",
        "选2",
        "目录",
        "体检",
        "帮助",
        "重新开始",
        "abc",
        "",
        "要什么材料",
        "销售额改成900万",
        "电费有补贴吗",
        "１２０万度",
        "2024-02-30",
        "怎么注册公司",
        "问" * 3000,
    ]
    app = PolicyApp(as_of=DAY)
    app.animation_level = "none"  # scroll animations would make each key wait for them
    app.action_quit = lambda: None  # the palette's 退出 may be chosen by chance
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        done = 0
        while done < 2000:  # keys in bursts of up to 20: one settle per burst keeps this quick
            if rng.random() < 0.3 and isinstance(app.focused, Input):
                app.focused.value = rng.choice(lines)
                await pilot.press("enter")
                done += 1
            else:
                burst = [rng.choice(keys) for _ in range(rng.randint(1, 20))]
                for key in burst:  # as pilot.press does, without its settle after every key
                    event = events.Key(key, key if len(key) == 1 else None)
                    event.set_sender(app)
                    app._driver.send_message(event)
                await pilot.pause()
                done += len(burst)
        await drained(app, pilot)
        assert app.is_running
        assert len(app.screen_stack) <= 2  # one modal at most, whatever the order of keys
