"""The web server behind `serve`: textual-serve, with every browser tab treated as a hostile client.

textual-serve alone accepted websockets from any page's origin, any number of tabs, any terminal
size, logged tracebacks with request headers (credentials included), left apps running when a
browser left early and dropped what was typed before an app was up. Here: origins checked, tabs
capped, sizes clamped, one log line per fault, each app's process reaped, early typing kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import os
import signal
import socket
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from assistant.web.tab_app import READY_META

log = logging.getLogger("policy-assistant.serve")

MAX_WIDTH, MAX_HEIGHT = 600, 250  # cells: a 4K screen at a small font; a 20000² screen took 3.5 GB
ABSURD = 10_000  # a size beyond this is not a screen: the message is refused, not clamped
MAX_MESSAGE = 256 * 1024  # bytes in one websocket message (a paste); aiohttp allows 4 MB
MAX_EARLY_INPUT = 64 * 1024  # bytes typed before the app is ready, held for it
READY_FALLBACK = 90.0  # seconds: pass held input on even if the ready signal never came
QUIT_GRACE = 3.0  # seconds an app gets to quit after its socket is gone, then it is killed


def clamp_size(width: object, height: object) -> tuple[int, int] | None:
    """A terminal size within bounds, or None for a size that is not one (negative, absurd, not a number)."""
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (width, height)):
        return None
    if not (0 < width <= ABSURD and 0 < height <= ABSURD):  # type: ignore[operator]
        return None
    return min(width, MAX_WIDTH), min(height, MAX_HEIGHT)  # type: ignore[type-var]


def size_from_query(query: Any) -> tuple[int, int]:
    try:
        size = clamp_size(int(query.get("width", "80")), int(query.get("height", "24")))
    except ValueError:
        size = None
    return size or (80, 24)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` as a browser sends it in ``Origin`` (default ports left out)."""
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def allowed_origins(host: str, port: int, public_url: str) -> frozenset[str]:
    """The server's own origin and ``--public-url``'s; on loopback, each name of the loopback."""
    names = LOOPBACK if host in LOOPBACK else (host,)
    own = {origin_of(f"http://{f'[{n}]' if ':' in n else n}:{port}") for n in names}
    return frozenset({*own, origin_of(public_url)})


def _page(title: str, message: str, status: int) -> web.Response:
    body = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        f"<h1>{html.escape(title)}</h1><p>{html.escape(message)}</p></body></html>"
    )
    return web.Response(status=status, text=body, content_type="text/html", charset="utf-8")


class TabService(AppService):
    """One tab's app process: started without a shell, input held until ready, always reaped."""

    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(argv[0], **kwargs)
        self.argv = argv
        self.ready = False
        self._early: list[bytes] = []
        self._early_size = 0
        self._fallback: asyncio.TimerHandle | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        # No shell between server and app: one process per tab (was two), and the pid we kill
        # is the app's own.
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
        )
        self._stdin = process.stdin
        loop = asyncio.get_running_loop()
        self._fallback = loop.call_later(READY_FALLBACK, lambda: asyncio.ensure_future(self._flush()))
        return process

    async def send_bytes(self, data: bytes) -> bool:
        if self.ready:
            return await super().send_bytes(data)
        if self._early_size + len(data) <= MAX_EARLY_INPUT:
            self._early.append(data)
            self._early_size += len(data)
        return True

    async def _flush(self) -> None:
        if self.ready:
            return
        self.ready = True
        if self._fallback is not None:
            self._fallback.cancel()
        early, self._early = self._early, []
        if early:
            await super().send_bytes(b"".join(early))

    async def on_meta(self, data: bytes) -> None:
        with contextlib.suppress(ValueError, AttributeError):
            if json.loads(data).get("type") == READY_META:
                await self._flush()
                return
        await super().on_meta(data)

    async def stop(self) -> None:
        """Ask the app to quit; kill it if it has not within a few seconds; reap it either way."""
        if self._fallback is not None:
            self._fallback.cancel()
        process, task = self._process, self._task
        if process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_GRACE)
            for how in (None, signal.SIGTERM, signal.SIGKILL):
                if how is not None:
                    with contextlib.suppress(ProcessLookupError):
                        process.send_signal(how)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), QUIT_GRACE)
                    break
        if task is not None:
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(task, QUIT_GRACE)
        self._task = None


class PolicyServer(Server):
    """textual-serve's server with the checks a network service needs."""

    def __init__(
        self,
        argv: list[str],
        *,
        host: str,
        port: int,
        title: str,
        public_url: str | None,
        templates_path: Path,
        max_tabs: int,
        sockets: Iterable[socket.socket] = (),
    ) -> None:
        super().__init__(
            command=argv[0],
            host=host,
            port=port,
            title=title,
            public_url=public_url,
            templates_path=templates_path,
        )
        self.argv = argv
        self.max_tabs = max_tabs
        self.sockets = list(sockets)
        self.origins = allowed_origins(host, port, self.public_url)
        self.tabs: set[TabService] = set()
        self._opening = 0  # tabs counted from the cap check until their service exists

    # -- logging: one plain line per event, never a traceback or a request's headers --------

    def initialize_logging(self) -> None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        for name in ("policy-assistant.serve", "textual-serve"):
            logger = logging.getLogger(name)
            logger.handlers[:] = [handler]
            logger.setLevel(logging.INFO)
            logger.propagate = False

    async def on_startup(self, app: web.Application) -> None:
        sys.stderr.write(
            f"已就绪：在浏览器中打开 {self.public_url} 即可使用；每个标签页是独立的对话"
            f"（最多同时 {self.max_tabs} 个）。按 Ctrl+C 停止。\n"
        )
        sys.stderr.flush()

    async def on_shutdown(self, app: web.Application) -> None:
        # textual-serve waits (up to a minute) for open tabs on Ctrl+C or SIGTERM: end their apps
        # first, so the tabs close and the server stops at once.
        for tab in list(self.tabs):
            if tab.pid is not None:
                with contextlib.suppress(OSError):
                    os.kill(tab.pid, signal.SIGTERM)

    def serve(self, debug: bool = False) -> None:
        self.debug = False  # textual's devtools in a tab are for development, never here
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            sock=self.sockets,  # bound and checked before anything is printed
            handle_signals=False,
            loop=loop,
            print=lambda *args: None,
            access_log=None,  # its lines carry each request's Referer and query
        )

    # -- pages ---------------------------------------------------------------------------------

    def _full(self) -> bool:
        return len(self.tabs) + self._opening >= self.max_tabs

    def _busy_page(self) -> web.Response:
        return _page(
            "暂时无法打开新的对话",
            f"同时打开的对话已达上限（{self.max_tabs} 个标签页）。请关闭不用的标签页，或稍后刷新本页再试。",
            503,
        )

    async def handle_index(self, request: web.Request) -> Any:
        if self._full():
            return self._busy_page()
        return await super().handle_index(request)

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            return _page("下载已失效", "这个下载链接已失效。请回到对话中再按 ctrl+e 导出。", 404)
        content_type = meta.mime_type or "application/octet-stream"
        if meta.encoding:
            content_type += f"; charset={meta.encoding}"
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        # A Chinese file name: RFC 6266 filename* (UTF-8), with an ASCII name for old clients.
        response = web.StreamResponse(
            headers={
                "Content-Type": content_type,
                "Content-Disposition": f'{disposition}; filename="export.md"; '
                f"filename*=UTF-8''{quote(meta.file_name)}",
                "X-Content-Type-Options": "nosniff",
            }
        )
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        peer = request.remote or "?"
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        if not websocket.can_prepare(request).ok:
            log.info("拒绝 %s：/ws 收到的不是 WebSocket 连接请求", peer)
            return _page("请求有误", "此地址只接受对话页面的 WebSocket 连接，请打开首页。", 400)
        origin = request.headers.get("Origin", "")
        if origin.lower() not in self.origins:
            log.info("拒绝 %s：来源 %r 不是本服务的网址", peer, origin[:200])
            return _page("拒绝连接", "只有本服务自己的页面可以打开对话，其他网页不能连接。", 403)
        if self._full():
            log.info("拒绝 %s：已有 %d 个对话，达到上限", peer, len(self.tabs))
            return self._busy_page()
        width, height = size_from_query(request.query)
        self._opening += 1
        tab: TabService | None = None
        try:
            await websocket.prepare(request)
            tab = TabService(
                self.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            self.tabs.add(tab)
            self._opening -= 1
            await tab.start(width, height)
            await self._process_messages(websocket, tab)
        except (asyncio.CancelledError, ConnectionError):
            pass
        except Exception as error:  # a tab's fault ends that tab, in one line
            log.warning("对话出错（%s），已结束该标签页的对话", type(error).__name__)
        finally:
            if tab is None:
                self._opening -= 1
            else:
                with contextlib.suppress(Exception):
                    await tab.stop()
                self.tabs.discard(tab)
            with contextlib.suppress(Exception):
                await websocket.close()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """The browser's messages; anything malformed is ignored instead of ending the server's task."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
            except ValueError:
                continue
            if not (isinstance(envelope, list) and envelope and isinstance(envelope[0], str)):
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                size = clamp_size(data.get("width"), data.get("height"))
                if size is not None:
                    await app_service.set_terminal_size(*size)
            elif kind == "ping" and isinstance(data, str | int | float):
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()
