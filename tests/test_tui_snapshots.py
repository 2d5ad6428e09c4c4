"""Snapshots of the app at 80×24 and 120×40 (pytest-textual-snapshot). Deterministic: a fixed
as-of date, no cursor blink, and the shot taken only when the app itself says it is done — index
loaded, each line answered, each message scrolled into place — never after a delay (under load a
delay is too short: this test used to fail with two busy cores). Update with --snapshot-update."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from textual.widgets import Input

from assistant.tui.app import PolicyApp
from assistant.tui.widgets import Conversation, Message

DAY = date(2024, 3, 15)
# Only a hung app takes this long; it is a limit for failing clearly, not a wait.
HUNG_AFTER_SECONDS = 120


async def until(pilot, done, what: str) -> None:
    loop = asyncio.get_running_loop()
    give_up = loop.time() + HUNG_AFTER_SECONDS
    while not done():
        if loop.time() > give_up:
            raise AssertionError(f"the app never got {what}")
        await pilot.pause(0.01)


def conversation(*lines: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        log = app.query_one(Conversation)
        await until(pilot, lambda: app.ready and log.unsettled == 0, "ready")
        ask = app.query_one("#ask", Input)
        ask.cursor_blink = False
        for line in lines:
            shown = len(app.query(Message))
            ask.value = line
            await pilot.press("enter")
            # The line and its answer are mounted and scrolled into place.
            await until(pilot, lambda n=shown: len(app.query(Message)) >= n + 2 and log.unsettled == 0, line)
        await pilot.pause()
        # Under load the scroll to the new message (call_after_refresh) can land after the shot:
        # wait until two screens in a row are the same.
        shown = None
        for _ in range(200):
            await pilot.pause(0.05)
            now = app.export_screenshot()
            if now == shown:
                break
            shown = now

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_first_screen(snap_compare, size):
    assert snap_compare(PolicyApp(as_of=DAY), terminal_size=size, run_before=conversation())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_an_answer_with_its_clause(snap_compare, size):
    app = PolicyApp(as_of=DAY)
    run_before = conversation("一季度销售额增长了800万，能奖励多少？", "是")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_expired_clause_panel_says_so_first(snap_compare):
    app = PolicyApp(as_of=date(2026, 11, 28))
    assert snap_compare(app, terminal_size=(120, 40), run_before=conversation("第3条"))
