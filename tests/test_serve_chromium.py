"""A real browser (headless Chromium) on `serve`: typing at once is answered, ctrl+e is a download.

Skipped where Chromium is absent (CI needs no browser); the same checks run over the websocket
protocol in test_serve_hostile.py.
"""

import asyncio
import base64
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.serve_support import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Chromium 未安装（apt-get install chromium 后可运行）"
)


class _Page:
    def __init__(self, cdp) -> None:
        self.cdp, self.next_id, self.frames = cdp, 100, ""

    async def call(self, method: str, params: dict | None = None) -> dict:
        self.next_id += 1
        await self.cdp.send_json({"id": self.next_id, "method": method, "params": params or {}})
        while True:
            msg = await asyncio.wait_for(self.cdp.receive_json(), 60)
            self._note(msg)
            if msg.get("id") == self.next_id:
                return msg

    def _note(self, msg: dict) -> None:
        if msg.get("method") == "Network.webSocketFrameReceived":
            frame = msg["params"]["response"]
            data = frame["payloadData"]
            raw = base64.b64decode(data) if frame["opcode"] == 2 else data.encode()
            self.frames += raw.decode("utf-8", "ignore")

    async def wait_frames(self, want: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while want not in self.frames and time.monotonic() < deadline:
            try:
                self._note(await asyncio.wait_for(self.cdp.receive_json(), 1))
            except TimeoutError:
                continue
        return want in self.frames

    async def key(self, **event) -> None:
        await self.call("Input.dispatchKeyEvent", {"type": "rawKeyDown", **event})
        await self.call("Input.dispatchKeyEvent", {"type": "keyUp", **event})


async def _type_then_export(url: str, downloads: Path) -> tuple[bool, list[Path]]:
    import aiohttp

    profile = tempfile.mkdtemp()
    browser = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
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
        found = None
        for line in browser.stderr:
            found = re.search(r"DevTools listening on (ws://127\.0\.0\.1:(\d+)/\S+)", line)
            if found:
                break
        assert found, "Chromium did not open its DevTools port"
        async with aiohttp.ClientSession() as session:
            # The browser's own session stays open: closing it resets the download behaviour.
            async with session.ws_connect(found.group(1), max_msg_size=0) as whole:
                await whole.send_json(
                    {
                        "id": 1,
                        "method": "Browser.setDownloadBehavior",
                        "params": {"behavior": "allow", "downloadPath": str(downloads)},
                    }
                )
                await whole.receive_json()
                async with session.get(f"http://127.0.0.1:{found.group(2)}/json/list") as response:
                    target = next(t for t in await response.json() if t["type"] == "page")
                async with session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as cdp:
                    page = _Page(cdp)
                    await page.call("Network.enable")
                    await page.call("Page.navigate", {"url": url})
                    deadline = time.monotonic() + 30
                    while time.monotonic() < deadline:  # the page's terminal, not yet the app
                        probe = "document.querySelector('textarea') !== null"
                        found_area = await page.call("Runtime.evaluate", {"expression": probe})
                        if found_area["result"]["result"].get("value"):
                            break
                        await asyncio.sleep(0.1)  # poll interval
                    focus = "document.querySelector('textarea').focus()"
                    await page.call("Runtime.evaluate", {"expression": focus})
                    await page.call("Input.insertText", {"text": "电费有补贴吗"})
                    await page.key(key="Enter", code="Enter", windowsVirtualKeyCode=13, text="\r")
                    answered = await page.wait_frames("稳用电奖励", 120)
                    await page.key(key="e", code="KeyE", windowsVirtualKeyCode=69, modifiers=2)  # ctrl+e
                    deadline = time.monotonic() + 60
                    while time.monotonic() < deadline:
                        done = [p for p in downloads.iterdir() if not p.name.endswith(".crdownload")]
                        if done:
                            return answered, done
                        await asyncio.sleep(0.2)  # poll interval
                    return answered, []
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
        browser.stderr.close()
        shutil.rmtree(profile, ignore_errors=True)


def test_chromium_typing_at_once_is_answered_and_export_downloads(tmp_path):
    server_home, downloads = tmp_path / "server", tmp_path / "downloads"
    server_home.mkdir()
    downloads.mkdir()
    with serving(cwd=server_home, env={"HOME": str(server_home)}) as served:
        answered, files = asyncio.run(_type_then_export(served.url, downloads))
    assert answered, "the question typed as the page opened was not answered"
    assert len(files) == 1 and re.fullmatch(r"政策问答-\d{8}\.md", files[0].name), files
    assert "电费有补贴吗" in files[0].read_text("utf-8")
    assert not list(server_home.rglob("*")), "the export was written on the server"
