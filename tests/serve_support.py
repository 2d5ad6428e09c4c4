"""Helpers for the serve tests: a server on a free loopback port, a tab's websocket, process checks."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from assistant.commands.serve_cmd import descendants

ROOT = Path(__file__).resolve().parent.parent


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


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def started(pid: int) -> str | None:
    """The process's start time (clock ticks since boot): with the pid, who it is; None if gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (FileNotFoundError, IndexError):
        return None


def reaped(pid: int, start: str | None) -> bool:
    """Gone for good: no such process, not even a zombie (a new process with the pid is another)."""
    return started(pid) != start


def wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


class Served:
    def __init__(self, proc: subprocess.Popen, url: str, log: Path) -> None:
        self.proc, self.url, self.log = proc, url, log
        self.origin = url.rstrip("/")

    def stderr(self) -> str:
        return self.log.read_text("utf-8", "replace")


@contextmanager
def serving(*extra: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    """Start `serve` on a free port; wait (polling) until its page answers."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="serve-log-")[1])
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(port), *extra],
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=cwd,
            env=environment,
            start_new_session=True,  # so the app processes it spawns are stopped with it
        )
    served = Served(proc, f"http://127.0.0.1:{port}/", log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(served.url, timeout=2):
                    break
            except urllib.error.HTTPError:
                break  # it answers (a full server says 503)
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {served.stderr()}") from None
                time.sleep(0.2)
        yield served
    finally:
        with contextlib.suppress(ProcessLookupError):  # a test may have stopped it already
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.unlink(missing_ok=True)


class Tab:
    """One browser tab's websocket, as the page opens it (same Origin)."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.text = ""
        self.events: list[list] = []  # JSON messages from the server (downloads, …)

    async def stdin(self, data: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", data]))

    async def read_until(self, want, timeout: float = 90) -> bool:
        """Collect what the app draws until ``want(self)`` (or a string in the text) holds."""
        import aiohttp

        check = (lambda tab: want in tab.text) if isinstance(want, str) else want
        deadline = time.monotonic() + timeout
        while not check(self) and time.monotonic() < deadline:
            try:
                msg = await asyncio.wait_for(self.ws.receive(), timeout=1)
            except TimeoutError:
                continue
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.text += msg.data.decode("utf-8", "ignore")
            elif msg.type == aiohttp.WSMsgType.TEXT:
                self.events.append(json.loads(msg.data))
            elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
        return check(self)


@contextlib.asynccontextmanager
async def open_tab(served: Served, origin: str | None = "", query: str = "width=100&height=30"):
    import aiohttp

    headers = {"Origin": served.origin if origin == "" else origin} if origin is not None else {}
    ws_url = served.url.replace("http://", "ws://") + "ws?" + query
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url, headers=headers) as ws:
        yield Tab(ws)
