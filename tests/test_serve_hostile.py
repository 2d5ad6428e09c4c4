"""`serve` under a hostile page or user (issue 11): each attack or fault found, reproduced.

Traffic goes only to 127.0.0.1. Waits poll with a bound; no fixed sleeps.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from corpus import load_notice
from tests.serve_support import app_processes, open_tab, reaped, serving, started, wait_until

TITLE = load_notice().metadata.title
READY_TEXT = "输入问题，回车发送"  # the input's placeholder once the index has loaded
needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")


def _status(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


async def _handshake(served, origin: str | None) -> int:
    """The status a websocket handshake gets (101 when accepted)."""
    import aiohttp

    try:
        async with open_tab(served, origin=origin):
            return 101
    except aiohttp.WSServerHandshakeError as error:
        return error.status


# -- 1. ctrl+e in a browser: a download to that browser, nothing written on the server ---------


@needs_proc
def test_export_in_a_tab_is_a_download_and_writes_nothing_on_the_server():
    with tempfile.TemporaryDirectory() as home:
        before = sorted(Path(home).rglob("*"))
        with serving(cwd=Path(home), env={"HOME": home}) as served:

            async def export() -> str:
                async with open_tab(served) as tab:
                    assert await tab.read_until(READY_TEXT), "the tab's app never became ready"
                    await tab.stdin("\x05")  # ctrl+e
                    assert await tab.read_until(
                        lambda t: any(e and e[0] == "deliver_file_start" for e in t.events), 60
                    ), "no download was offered to the browser"
                    key = next(e[1] for e in tab.events if e[0] == "deliver_file_start")
                    status, body = await asyncio.to_thread(_status, f"{served.url}download/{key}")
                    assert status == 200
                    return body

            body = asyncio.run(export())
        assert "政策问答记录" in body, "the download is the conversation's Markdown"
        assert sorted(Path(home).rglob("*")) == before, "export wrote a file on the server"


def test_a_served_app_never_writes_an_export_path_it_is_given(tmp_path):
    from assistant.web.tab_app import ServedPolicyApp

    target = tmp_path / "overwritten.md"
    message = ServedPolicyApp().save_export(str(target))
    assert message and "下载" in message
    assert not target.exists()


# -- 2. only the server's own page may open a tab -------------------------------------------


def test_websocket_from_another_origin_is_refused():
    with serving() as served:
        forged = asyncio.run(_handshake(served, "http://evil.example"))
        lookalike = asyncio.run(_handshake(served, served.origin + ".evil.example"))
        missing = asyncio.run(_handshake(served, None))
        assert (forged, lookalike, missing) == (403, 403, 403)
        assert not app_processes(served.proc.pid), "a refused connection must not start an app"


def test_allowed_origins_are_the_servers_own_and_the_public_url():
    from assistant.web.server import allowed_origins, origin_of

    origins = allowed_origins("127.0.0.1", 8000, "https://zc.example.gov.cn/")
    assert {"http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"} <= origins
    assert "https://zc.example.gov.cn" in origins
    assert "http://zc.example.gov.cn" not in origins and "http://127.0.0.1:8001" not in origins
    assert origin_of("https://Zc.Example.gov.cn:443/x") == "https://zc.example.gov.cn"
    assert allowed_origins("0.0.0.0", 8000, "http://10.0.0.5:8000") == frozenset(
        {"http://0.0.0.0:8000", "http://10.0.0.5:8000"}
    )


# -- 3. a cap on open tabs, and a clear page past it -------------------------------------------


@needs_proc
def test_tabs_past_the_cap_get_a_chinese_page_and_no_process():
    with serving("--max-tabs", "1") as served:

        async def over_the_cap() -> tuple[int, tuple[int, str], int]:
            async with open_tab(served) as tab:
                assert await tab.read_until(TITLE)
                second = await _handshake(served, "")
                page = await asyncio.to_thread(_status, served.url)
                apps = len(app_processes(served.proc.pid))
            return second, page, apps

        second, (page_status, page), apps = asyncio.run(over_the_cap())
        assert second == 503 and apps == 1
        assert page_status == 503 and "上限" in page and "1 个标签页" in page
        # The closed tab's place is free again.
        assert wait_until(lambda: _status(served.url)[0] == 200, 30)


# -- 4. absurd terminal sizes; a tab whose socket is gone ends --------------------------------


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        (100, 30, (100, 30)),
        (20000, 20000, None),
        (5000, 300, (600, 250)),
        (-5, 30, None),
        (0, 30, None),
        ("100", 30, None),
        (True, 30, None),
        (100.5, 30, None),
        (None, None, None),
    ],
)
def test_terminal_sizes_are_clamped_and_absurd_ones_refused(width, height, expected):
    from assistant.web.server import clamp_size

    assert clamp_size(width, height) == expected


class _Recorder:
    def __init__(self) -> None:
        self.sizes: list[tuple[int, int]] = []
        self.sent: list[bytes] = []

    async def set_terminal_size(self, width: int, height: int) -> None:
        self.sizes.append((width, height))

    async def send_bytes(self, data: bytes) -> bool:
        self.sent.append(data)
        return True


class _Socket:
    def __init__(self, texts: list[str]) -> None:
        self.texts = texts

    def __aiter__(self):
        return self._gen()

    async def _gen(self):
        from aiohttp import WSMessage, WSMsgType

        for text in self.texts:
            yield WSMessage(WSMsgType.TEXT, text, None)


def test_the_server_passes_on_only_sane_sizes_and_survives_malformed_messages():
    from assistant.web.server import PolicyServer

    messages = [
        '["resize", {"width": 20000, "height": 20000}]',
        '["resize", {"width": -1, "height": 24}]',
        "not json",
        '{"resize": 1}',
        '["stdin", 5]',
        "[]",
        '["resize", {"width": 1000, "height": 40}]',
        '["stdin", "你好"]',
    ]
    server = PolicyServer.__new__(PolicyServer)
    recorder = _Recorder()
    asyncio.run(server._process_messages(_Socket(messages), recorder))
    assert recorder.sizes == [(600, 40)]
    assert recorder.sent == ["你好".encode()]


def test_a_size_in_the_address_is_clamped_too():
    from assistant.web.server import size_from_query

    assert size_from_query({"width": "20000", "height": "20000"}) == (80, 24)
    assert size_from_query({"width": "700", "height": "50"}) == (600, 50)
    assert size_from_query({"width": "-3", "height": "x"}) == (80, 24)


@needs_proc
def test_an_app_that_does_not_answer_is_killed_and_reaped_when_its_socket_is_gone():
    """The app is frozen (SIGSTOP), as one busy drawing a huge screen was: it must still end."""
    with serving() as served:
        apps: dict[int, str | None] = {}

        async def freeze_then_leave() -> None:
            async with open_tab(served) as tab:
                assert await tab.read_until(TITLE)
                apps.update({p: started(p) for p in app_processes(served.proc.pid)})
                for pid in apps:
                    os.kill(pid, signal.SIGSTOP)

        try:
            asyncio.run(freeze_then_leave())
            assert apps
            assert wait_until(lambda: all(reaped(*app) for app in apps.items()), 30), "app outlived its tab"
        finally:  # a failure must not leave a frozen process behind (SIGTERM waits on a stopped one)
            for pid, start in apps.items():
                if not reaped(pid, start):
                    os.kill(pid, signal.SIGKILL)


# -- 5. a browser that leaves at once ---------------------------------------------------------


@needs_proc
def test_apps_of_tabs_closed_at_once_are_reaped():
    with serving() as served:

        async def come_and_go() -> None:
            for _ in range(3):
                async with open_tab(served):
                    pass

        asyncio.run(come_and_go())
        seen = {p: started(p) for p in app_processes(served.proc.pid)}
        assert wait_until(lambda: not app_processes(served.proc.pid), 45), "an app kept running"
        assert wait_until(lambda: all(reaped(*app) for app in seen.items()), 15), "an app left a zombie"
        assert served.proc.poll() is None, "the server itself must go on"


# -- 6. a plain GET /ws: one log line, no credentials -----------------------------------------


def test_plain_get_of_the_websocket_logs_one_line_without_credentials():
    with serving() as served:
        before = served.stderr()
        status, body = _status(
            served.url + "ws",
            {"Authorization": "Basic c2VjcmV0LXBhc3N3b3Jk", "Cookie": "session=cookie-secret-42"},
        )
        assert status == 400 and "WebSocket" in body
        assert wait_until(lambda: served.stderr() != before, 10)
        logged = served.stderr()[len(before) :]
    assert "c2VjcmV0" not in logged and "cookie-secret-42" not in logged
    assert "Traceback" not in logged and len(logged.strip().splitlines()) == 1


# -- 7. typing in a tab's first second is kept --------------------------------------------------


@needs_proc
def test_a_question_typed_before_the_app_is_up_is_answered():
    with serving() as served:

        async def type_at_once() -> bool:
            async with open_tab(served) as tab:
                await tab.stdin("电费有补贴吗\r")  # before the app has drawn anything
                return await tab.read_until("稳用电奖励", 120)

        assert asyncio.run(type_at_once()), "the question typed at once was lost"


def test_input_held_before_the_app_is_ready_is_bounded():
    from textual_serve.download_manager import DownloadManager

    from assistant.web.server import MAX_EARLY_INPUT, TabService

    async def nothing(*_) -> None:
        return None

    tab = TabService(
        ["true"], write_bytes=nothing, write_str=nothing, close=nothing, download_manager=DownloadManager()
    )
    chunk = b"x" * 1000

    async def flood() -> None:
        for _ in range(10 * MAX_EARLY_INPUT // len(chunk)):
            assert await tab.send_bytes(chunk)

    asyncio.run(flood())
    assert 0 < sum(map(len, tab._early)) <= MAX_EARLY_INPUT


# -- 8. options checked before starting, the real cause said in Chinese ----------------------


def _serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "serve", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("args", "cause"),
    [
        (["--public-url", ""], "--public-url 不能为空"),
        (["--public-url", "zc.example.gov.cn"], "http://"),
        (["--public-url", "https://x:99999"], "端口无效"),
        (["--host", "no-such-host.invalid"], "无法识别"),
        (["--host", ""], "--host 不能为空"),
        (["--max-tabs", "0"], "--max-tabs"),
        (["--port", "70000"], "端口应在 1 到 65535"),
    ],
)
def test_bad_options_are_refused_before_starting(args, cause):
    proc = _serve(*args, "--port", "8000") if "--port" not in args else _serve(*args)
    assert proc.returncode == 2
    assert cause in proc.stderr and "Traceback" not in proc.stderr
    assert "已就绪" not in proc.stderr and "端口可能已被占用" not in proc.stderr


def test_a_busy_port_is_named_and_nothing_says_ready():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = _serve("--port", str(port))
    assert proc.returncode == 2
    assert "占用" in proc.stderr and str(port) in proc.stderr
    assert "已就绪" not in proc.stderr and "打开" not in proc.stderr and "Traceback" not in proc.stderr
