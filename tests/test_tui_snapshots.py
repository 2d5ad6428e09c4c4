"""Snapshots of the app at 80×24 and 120×40 (pytest-textual-snapshot). Deterministic: a fixed
as-of date, the index loaded before the shot, no cursor blink. Update with --snapshot-update."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input

from assistant.tui.app import PolicyApp

DAY = date(2024, 3, 15)


def conversation(*lines: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        for _ in range(300):
            if app.ready:
                break
            await pilot.pause(0.02)
        ask = app.query_one("#ask", Input)
        ask.cursor_blink = False
        for line in lines:
            ask.value = line
            await pilot.press("enter")
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
