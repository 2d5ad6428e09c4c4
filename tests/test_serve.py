"""Browser access: `serve` answers over HTTP on localhost, one app process per tab, seen in Chromium."""

import asyncio
import base64
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.commands.serve_cmd import APP_TITLE, descendants
from corpus import load_notice

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_processes(server_pid: int) -> list[int]:
    found = []
    for pid in descendants(server_pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"assistant.commands.serve_cmd" in cmdline and b"python" in cmdline.split(b" ")[0]:
            found.append(pid)
    return found


@contextmanager
def serving():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # so the app processes it spawns are stopped with it
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {proc.stderr.read().decode()}") from None
                time.sleep(0.2)
        yield proc, url
    finally:
        with contextlib.suppress(ProcessLookupError):  # a test may have stopped it already
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stderr.close()


async def _read_tab(url: str, want: str, timeout: float = 45) -> str:
    """Open one tab's websocket as the page does and collect what the app draws."""
    import aiohttp

    ws_url = url.replace("http://", "ws://") + "ws?width=100&height=30"
    text = ""
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
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


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


async def _open_tab_then(url: str, title: str, action) -> None:
    """Connect a tab, wait for the app's first screen, run ``action`` while the tab stays open."""
    import aiohttp

    ws_url = url.replace("http://", "ws://") + "ws?width=100&height=30"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
        text, deadline = "", time.monotonic() + 45
        while title not in text and time.monotonic() < deadline:
            msg = await asyncio.wait_for(ws.receive(), timeout=45)
            if isinstance(msg.data, bytes):
                text += msg.data.decode("utf-8", "ignore")
        assert title in text
        await asyncio.to_thread(action)


def _wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


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
                assert _wait_until(lambda: proc.poll() is not None, 15), "server did not stop"

        asyncio.run(_open_tab_then(url, title, stop_server))
        assert apps, "the tab's app process was not found"
        assert _wait_until(lambda: not any(_running(p) for p in apps), 15), "an app outlived its server"


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
