"""Pilot tests of the terminal app by keyboard only (issue 12): scrolling while typing, screens and the
palette in any order, Chinese everywhere a person looks, a confirmed ctrl+n, hints that fit."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest
from rich.cells import cell_len
from textual import events
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from assistant.dialog.answers import validity_note
from assistant.tui.app import PolicyApp
from assistant.tui.provider import NO_MATCHES
from assistant.tui.screens import ConfirmNewScreen, ExportScreen, HelpScreen
from assistant.tui.widgets import Conversation, Message
from corpus import load_notice
from tests.test_engine import PROFILE_ANSWERS
from tests.test_tui import DAY, chat_app, drained, log_text, ready, say, sync


def screen_text(app: PolicyApp) -> str:
    """What the terminal shows now, as text (wide characters once each)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def last_bottom_visible(app: PolicyApp) -> bool:
    """Whether the last message's last line is inside the conversation's view."""
    log = app.query_one(Conversation)
    last = list(app.query(Message))[-1]
    return last.virtual_region.bottom <= log.scroll_y + log.scrollable_content_region.height


async def press_until(pilot, key: str, done, limit: int = 40) -> int:
    """Press ``key`` until ``done()``; how many presses it took (fails past ``limit``)."""
    for count in range(limit):
        if done():
            return count
        await pilot.press(key)
        await pilot.pause()
    raise AssertionError(f"{key} pressed {limit} times without reaching it")


async def settled(app: PolicyApp, pilot) -> None:
    """Until every message added has been scrolled into place (the app's own signal)."""
    log = app.query_one(Conversation)
    for _ in range(500):
        if log.unsettled == 0:
            return
        await pilot.pause(0.01)
    raise AssertionError("the conversation never settled")


# -- 1. keyboard scrolling ------------------------------------------------------------------


@sync
async def test_page_keys_reach_the_profile_total_at_80x24_while_typing():
    async with chat_app((80, 24)) as (app, pilot):
        await say(app, pilot, "体检")
        for _ in range(40):
            if app.engine.pending is None:
                break
            await say(app, pilot, PROFILE_ANSWERS[app.engine.pending])
        await settled(app, pilot)
        assert "企业可得合计" not in screen_text(app)
        assert not last_bottom_visible(app)  # the table is taller than the screen: shown from its top
        ask = app.query_one("#ask", Input)
        ask.value = "草稿"  # typing in progress is kept while paging
        presses = await press_until(pilot, "pagedown", lambda: last_bottom_visible(app))
        assert presses >= 1 and "企业可得合计" in screen_text(app)
        assert app.focused is ask and ask.value == "草稿"
        log = app.query_one(Conversation)
        await pilot.press("ctrl+home")
        assert log.scroll_y == 0
        await pilot.press("ctrl+end")
        assert log.scroll_y == log.max_scroll_y and last_bottom_visible(app)
        before = log.scroll_y
        await pilot.press("pageup")
        assert log.scroll_y < before
        await pilot.press("down")
        assert log.scroll_y > before - log.scrollable_content_region.height


@sync
async def test_the_next_quiz_question_is_reachable_by_keyboard_at_80x24():
    async with chat_app((80, 24)) as (app, pilot):
        await say(app, pilot, "练习 3 种子 42")
        await say(app, pilot, "1")  # a wrong answer: the judgement, the worked answer, the next question
        await settled(app, pilot)
        last = list(app.query(Message))[-1]
        assert "第 2/3 题" in last.text
        lines = last.text.splitlines()
        question = "".join(lines[lines.index("第 2/3 题") :][1:3]).replace(" ", "")  # its story and ask
        assert question not in "".join(screen_text(app).split())
        await press_until(pilot, "pagedown", lambda: last_bottom_visible(app))
        assert question in "".join(screen_text(app).split())


@sync
async def test_help_scrolls_to_its_end_at_80x24():
    async with chat_app((80, 24)) as (app, pilot):
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text")
        box = app.screen.query_one("#help-box")
        assert box.region.bottom <= 24 and text.region.bottom <= box.region.bottom
        assert text.max_scroll_y > 0  # longer than the box: it must scroll, not be cut off
        await press_until(pilot, "pagedown", lambda: text.scroll_y == text.max_scroll_y)
        await pilot.press("up")
        assert text.scroll_y == text.max_scroll_y - 1
        await pilot.press("f1")  # F1 again closes it
        assert not isinstance(app.screen, HelpScreen)


# -- 2. screens and the palette in any order -----------------------------------------------


@sync
async def test_palette_help_palette_and_every_pair_of_screens_are_safe(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    openers = {"ctrl+p": CommandPalette, "f1": HelpScreen, "ctrl+e": ExportScreen, "ctrl+n": ConfirmNewScreen}
    async with chat_app((80, 24)) as (app, pilot):
        for keys in [("ctrl+p", "f1", "ctrl+p"), *itertools.product(openers, repeat=2)]:
            if app.engine.open_id is None:  # something typed, so ctrl+n asks
                await say(app, pilot, "第3条")
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
                assert app.is_running and len(app.screen_stack) <= 2, keys
            if keys[-1] == keys[-2] in ("f1", "ctrl+n"):  # F1 twice closes help; ctrl+n twice confirms
                assert len(app.screen_stack) == 1, keys
            else:
                assert isinstance(app.screen, openers[keys[-1]]), keys
            await pilot.press("escape")
            await pilot.pause()
            assert len(app.screen_stack) == 1, keys
            kept = "您：第3条" in log_text(app)
            assert kept != (keys[-2:] == ("ctrl+n", "ctrl+n")), keys  # only a confirmed ctrl+n clears


@pytest.mark.parametrize("seed", [12, 2024])
@sync
async def test_monkey_screens_and_palette_in_random_order(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # an export confirmed by chance lands here
    rng = random.Random(seed)
    keys = ["ctrl+p", "f1", "ctrl+e", "ctrl+n", "escape", "enter", "y", "n", "q", "down", "up"]
    keys += ["pagedown", "pageup", "ctrl+home", "ctrl+end", "f2", "tab", "a", "5", "backspace"]
    app = PolicyApp(as_of=DAY)
    app.animation_level = "none"
    quits: list[int] = []
    app.action_quit = lambda: quits.append(1)  # the palette's 退出 may be chosen by chance
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        done, last = 0, []
        while done < 600:
            assert app.is_running, f"the app ended after {last}"
            if rng.random() < 0.15 and isinstance(app.focused, Input) and app.focused.id == "ask":
                app.focused.value = rng.choice(["第5条", "体检", "是", "800万", "练习"])
                await pilot.press("enter")
                done += 1
                continue
            burst = last = [rng.choice(keys) for _ in range(rng.randint(1, 8))]
            for key in burst:
                event = events.Key(key, key if len(key) == 1 else None)
                event.set_sender(app)
                app._driver.send_message(event)
            await pilot.pause()
            done += len(burst)
            assert app.is_running and len(app.screen_stack) <= 2, app.screen_stack
        await drained(app, pilot)
        assert app.is_running and app.query(Message)  # the conversation is still there


# -- 3. Chinese everywhere a person looks; the palette finds 第五条 and titles --------------


async def palette_options(app: PolicyApp, pilot, query: str, want) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    app.screen.query_one(Input).value = query
    command_list = app.screen.query_one(CommandList)
    for _ in range(300):  # until the palette's search has shown what it found
        prompts = [str(command_list.get_option_at_index(i).prompt) for i in range(command_list.option_count)]
        if want(command_list, prompts):
            return prompts
        await pilot.pause(0.02)
    raise AssertionError(f"palette never showed results for {query!r}")


def first_is(text):
    return lambda _, prompts: bool(prompts) and text in prompts[0]


@pytest.mark.parametrize(
    ("query", "clause"), [("第五条", "5"), ("5号措施", "5"), ("用气", "3"), ("外资", "9"), ("统计氛围", "7")]
)
@sync
async def test_palette_finds_a_clause_by_number_as_written_or_by_title(query, clause):
    async with chat_app((120, 40)) as (app, pilot):
        await palette_options(app, pilot, query, first_is(f"第{clause}条"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.engine.open_id == clause


@sync
async def test_palette_says_no_match_in_chinese():
    async with chat_app((80, 24)) as (app, pilot):

        def no_matches(command_list, _):
            return command_list.option_count == 1 and command_list.get_option_at_index(0).id == "--no-matches"

        await palette_options(app, pilot, "zzqqxx", no_matches)
        shown = str(app.screen.query_one(CommandList).get_option_at_index(0).prompt)
        assert "No matches" not in shown and NO_MATCHES in shown


@sync
async def test_ctrl_c_says_how_to_quit_in_chinese():
    async with chat_app((80, 24)) as (app, pilot):
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = [f"{n.title} {n.message}" for n in app._notifications]
        assert said and all("quit" not in s.lower() for s in said)
        assert any("ctrl+q" in s and "退出" in s for s in said)
        assert app.is_running


# -- 4. ctrl+n asks first; hints fit the input ---------------------------------------------


@sync
async def test_ctrl_n_asks_before_clearing_answers_and_enter_does_not_confirm():
    async with chat_app((100, 30)) as (app, pilot):
        await say(app, pilot, "一季度销售额增长了800万，能奖励多少？")
        await say(app, pilot, "是")
        known = dict(app.engine.known)
        assert known
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, ConfirmNewScreen)
        assert f"和已填写的{len(known)}项信息" in screen_text(app).replace(" ", "")
        for key in ("enter", "n"):  # Enter (typing on by mistake) keeps; n cancels
            await pilot.press(key)
            await pilot.pause()
        assert app.engine.known == known and len(app.screen_stack) == 1
        await pilot.press("ctrl+n", "escape")
        assert app.engine.known == known
        await pilot.press("ctrl+n", "y")
        await pilot.pause()
        assert app.engine.known == {} and "您：" not in log_text(app)
        await say(app, pilot, "是")
        await pilot.press("ctrl+n", "ctrl+n")  # twice: confirmed
        await pilot.pause()
        assert "您：" not in log_text(app)
        await pilot.press("ctrl+n")  # nothing typed since: nothing to lose, no question
        assert len(app.screen_stack) == 1


@pytest.mark.parametrize("width", [80, 100, 120])
@sync
async def test_input_hints_fit_the_input_without_a_cut_word(width):
    async with chat_app((width, 30)) as (app, pilot):
        ask = app.query_one("#ask", Input)
        room = ask.content_size.width - 1
        for line in (None, "一季度销售额增长了800万，能奖励多少？", "体检", "是"):
            if line is not None:
                await say(app, pilot, line)
            hint = ask.placeholder
            assert cell_len(hint) <= room, (hint, room)
            assert not hint.endswith("…") or not hint[-2].isdigit()
        if width == 100:  # the reported case: the ready hint was cut after "增长了800万能奖"
            await pilot.press("ctrl+n", "y")
            await pilot.pause()
            assert ask.placeholder in ("输入问题，回车发送（如：电费有补贴吗）", "输入问题，回车发送")


# -- 6. the first screen says which day measures are judged by ------------------------------


def test_validity_note_says_what_runs_on_and_how_to_judge_another_day():
    notice = load_notice()
    late = validity_note(notice, date(2026, 12, 1), None)
    assert "仅第7条有效" in late and "核对以往奖补和培训" in late and "--as-of 2024-03-31" in late
    mid = validity_note(notice, date(2025, 6, 1), None)
    assert "第5、7条有效" in mid and "2024年到期" in mid
    assert validity_note(notice, date(2024, 2, 1), None) == ""  # all in force: nothing to warn of
    given = validity_note(notice, date(2026, 12, 1), date(2024, 3, 15))
    assert given.startswith("测算日期：2024年3月15日") and "全部 13 条措施均有效" in given


@sync
async def test_first_screen_carries_the_validity_line():
    app = PolicyApp()  # no --as-of: today
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)  # the line needs the notice, which loads after the first frame
        first = app.query(Message).first().text
        assert validity_note(load_notice(), date.today(), None) in first
        assert "--as-of" in first
    async with chat_app((80, 24)) as (app, pilot):
        assert "测算日期：2024年3月15日（--as-of）" in app.query(Message).first().text


def test_serve_start_up_banner_is_chinese_only():
    import socket
    import subprocess
    import sys

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    try:
        # serve binds its port before it says it is ready: its own ready line is the signal
        for line in server.stdout:
            lines.append(line)
            if "已就绪" in line:
                break
    finally:
        server.terminate()
        rest, _ = server.communicate(timeout=60)
    out = "".join(lines) + rest
    assert f"在浏览器中打开 http://127.0.0.1:{port}" in out
    assert "Serving" not in out and "Press Ctrl+C" not in out


# -- 5. chat --plain: line editing and history on a terminal, plain lines from a pipe ---------


def test_plain_chat_on_a_terminal_recalls_the_last_line_with_the_up_arrow():
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    main, child = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    chat = subprocess.Popen(
        [sys.executable, "-m", "assistant", "chat", "--plain", "--as-of", "2024-03-15"],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        close_fds=True,
    )
    os.close(child)
    seen = b""

    def read_until(marker: bytes, count: int = 1) -> None:
        nonlocal seen
        give_up = time.monotonic() + 120  # a limit for failing clearly; it returns on the marker
        while seen.count(marker) < count:
            assert time.monotonic() < give_up, seen.decode("utf-8", "replace")[-2000:]
            ready, _, _ = select.select([main], [], [], 1)
            if ready:
                try:
                    seen += os.read(main, 65536)
                except OSError:  # the child closed the terminal
                    break

    try:
        read_until(b"> ")
        os.write(main, "第3条\r".encode())
        read_until("已打开第3条".encode())
        read_until(b"> ", 2)
        os.write(main, b"\x1b[A\r")  # ↑ then Enter: readline brings back "第3条"
        read_until("已打开第3条".encode(), 2)
        read_until(b"> ", 3)
        os.write(main, "退出\r".encode())
        assert chat.wait(timeout=60) == 0
    finally:
        if chat.poll() is None:
            chat.kill()
        os.close(main)
    assert b"^[[A" not in seen  # without readline the arrow would arrive as text


def test_plain_chat_from_a_pipe_does_not_load_readline():
    import subprocess
    import sys

    probe = (
        "import sys; from assistant.cli import main; main(['chat', '--plain', '--as-of', '2024-03-15']);"
        "print('READLINE' if 'readline' in sys.modules else 'NO-READLINE')"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], input="第3条\n", capture_output=True, text=True, timeout=120, check=1
    ).stdout
    assert "已打开第3条" in out and out.rstrip().endswith("NO-READLINE")
    assert "测算日期：2024年3月15日（--as-of）" in out.splitlines()[1]  # the first screen line, as in the app
