"""Browser access: `serve` answers over HTTP on localhost, one app process per tab, seen in Chromium."""

import asyncio
import base64
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.commands.serve_cmd import APP_TITLE
from corpus import load_notice
from tests.serve_support import app_processes, running, wait_until
from tests.serve_support import serving as served_by

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@contextmanager
def serving():
    with served_by() as served:
        yield served.proc, served.url


async def _read_tab(url: str, want: str, timeout: float = 45) -> str:
    """Open one tab's websocket as the page does and collect what the app draws."""
    import aiohttp

    ws_url = url.replace("http://", "ws://") + "ws?width=100&height=30"
    text = ""
    origin = {"Origin": url.rstrip("/")}  # as the page does: its own origin
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url, headers=origin) as ws:
        deadline = time.monotonic() + timeout
        while want not in text and time.monotonic() < deadline:
            try:
                msg = await asyncio.wait_for(ws.receive(), timeout=1)
            except TimeoutError:
                continue
            if msg.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                data = msg.data if isinstance(msg.data, bytes) else msg.data.encode()
                text += data.decode("utf-8", "ignore")
            elif msg.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
        return text


def test_serve_page_over_http_and_one_app_per_tab():
    title = load_notice().metadata.title
    with serving() as (proc, url):
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
            page = response.read().decode("utf-8")
        assert APP_TITLE in page and "/ws" in page
        assert "127.0.0.1" in page  # localhost by default
        # Nothing from the internet (offices are often offline); the page speaks Chinese.
        assert "https://" not in page and "http://fonts" not in page
        assert 'lang="zh-CN"' in page and "重新开始" in page

        async def two_tabs() -> list[str]:
            return list(await asyncio.gather(_read_tab(url, title), _read_tab(url, title)))

        async def while_open() -> tuple[list[str], list[int]]:
            tabs = asyncio.gather(two_tabs())
            counts: list[int] = []
            while not tabs.done():
                counts.append(len(app_processes(proc.pid)))
                await asyncio.sleep(0.3)
            return tabs.result()[0], counts

        texts, counts = asyncio.run(while_open())
        assert all(title in t for t in texts), "each tab should show the assistant"
        assert max(counts) >= 2, "each tab runs its own conversation process"
    assert proc.returncode is not None


async def _open_tab_then(url: str, title: str, action) -> None:
    """Connect a tab, wait for the app's first screen, run ``action`` while the tab stays open."""
    import aiohttp

    ws_url = url.replace("http://", "ws://") + "ws?width=100&height=30"
    origin = {"Origin": url.rstrip("/")}
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url, headers=origin) as ws:
        text, deadline = "", time.monotonic() + 45
        while title not in text and time.monotonic() < deadline:
            msg = await asyncio.wait_for(ws.receive(), timeout=45)
            if isinstance(msg.data, bytes):
                text += msg.data.decode("utf-8", "ignore")
        assert title in text
        await asyncio.to_thread(action)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_stopping_the_server_ends_the_apps_of_open_tabs(how):
    """SIGTERM: the server ends its tabs' apps and stops at once (textual-serve alone waited a
    minute). SIGKILL: each app notices its server is gone and ends (it used to run on for good)."""
    title = load_notice().metadata.title
    with serving() as (proc, url):
        apps: list[int] = []

        def stop_server() -> None:
            apps.extend(app_processes(proc.pid))
            os.kill(proc.pid, how)  # the server alone, not its process group
            if how == signal.SIGTERM:
                assert wait_until(lambda: proc.poll() is not None, 15), "server did not stop"

        asyncio.run(_open_tab_then(url, title, stop_server))
        assert apps, "the tab's app process was not found"
        assert wait_until(lambda: not any(running(p) for p in apps), 15), "an app outlived its server"


def test_serve_refuses_a_bad_port_in_chinese():
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "serve", "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 2 and "端口" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Chromium 未安装（apt-get install chromium 后可运行）"
)
def test_chromium_shows_the_assistant():
    """Drive headless Chromium to the page; the app's title must reach the page's terminal."""
    title = load_notice().metadata.title
    with serving() as (_, url):
        text = asyncio.run(_chromium_terminal_output(url, title))
    assert title in text


async def _chromium_terminal_output(url: str, want: str) -> str:
    import aiohttp

    profile = tempfile.mkdtemp()
    browser = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--window-size=1200,800",
            "about:blank",
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        devtools = None
        for line in browser.stderr:
            found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if found:
                devtools = found.group(1)
                break
        assert devtools, "Chromium did not open its DevTools port"
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{devtools}/json/list") as response:
                page = next(t for t in await response.json() if t["type"] == "page")
            async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as cdp:
                for i, (method, params) in enumerate(
                    [("Network.enable", {}), ("Page.enable", {}), ("Page.navigate", {"url": url})], start=1
                ):
                    await cdp.send_json({"id": i, "method": method, "params": params})
                # What the page's terminal receives from the app, frame by frame.
                text, deadline = "", time.monotonic() + 45
                while want not in text and time.monotonic() < deadline:
                    try:
                        msg = await asyncio.wait_for(cdp.receive_json(), timeout=1)
                    except TimeoutError:
                        continue
                    if msg.get("method") == "Network.webSocketFrameReceived":
                        frame = msg["params"]["response"]
                        data = frame["payloadData"]
                        raw = base64.b64decode(data) if frame["opcode"] == 2 else data.encode()
                        text += raw.decode("utf-8", "ignore")
                return text
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
        browser.stderr.close()
        shutil.rmtree(profile, ignore_errors=True)
