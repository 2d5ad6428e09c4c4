"""`serve`'s options checked before the server starts, each fault named in Chinese.

It used to start with `--public-url ""` and then answer every page with 500, blame a bad host
on the port, and print "ready" before finding the port busy. The listening sockets are bound
here, so nothing is printed as ready until they are.
"""

from __future__ import annotations

import errno
import socket
from urllib.parse import urlsplit

MAX_TABS_LIMIT = 500


class OptionError(Exception):
    """An option that cannot work; ``message`` is Chinese and says what is expected."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_public_url(raw: str | None) -> str | None:
    """``--public-url`` without a trailing slash, or None when not given."""
    if raw is None:
        return None
    url = raw.strip()
    example = "如 https://zc.example.gov.cn 或 http://192.168.1.10:8000"
    if not url:
        raise OptionError(f"--public-url 不能为空，请写浏览器访问本服务的完整网址，{example}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise OptionError(f"--public-url “{raw}”中的端口无效，{example}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OptionError(f"--public-url “{raw}”不是以 http:// 或 https:// 开头的网址，{example}")
    if parts.query or parts.fragment or any(c.isspace() for c in url):
        raise OptionError(f"--public-url “{raw}”不应含空格、“?”或“#”，{example}")
    return url.rstrip("/")


def check_max_tabs(value: int) -> None:
    if not 1 <= value <= MAX_TABS_LIMIT:
        raise OptionError(
            f"--max-tabs 应在 1 到 {MAX_TABS_LIMIT} 之间（每个标签页约占 70 MB 内存），如 20；收到 {value}"
        )


def _reason(exc: OSError) -> str:
    reasons = {
        errno.EADDRINUSE: "端口已被其他程序占用",
        errno.EACCES: "没有权限使用这个端口（1024 以下的端口需要管理员权限）",
        errno.EADDRNOTAVAIL: "这个地址不属于本机",
    }
    return reasons.get(exc.errno or 0, f"系统错误 {exc.errno}")


def bind(host: str, port: int) -> list[socket.socket]:
    """Listening sockets for every address ``host`` names, or an OptionError naming the real cause."""
    if not 0 < port < 65536:
        raise OptionError(f"端口应在 1 到 65535 之间，如 8000；收到 {port}")
    if not host.strip():
        raise OptionError("--host 不能为空，请写本机的地址，如 127.0.0.1（仅本机）或 0.0.0.0（所有网卡）")
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError):
        raise OptionError(
            f"监听地址“{host}”无法识别，请写本机的 IP 地址或主机名，"
            "如 127.0.0.1（仅本机）或 0.0.0.0（所有网卡）"
        ) from None
    sockets: list[socket.socket] = []
    seen: set[tuple] = set()
    try:
        for family, kind, proto, _, address in found:
            if address in seen:
                continue
            seen.add(address)
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                sock.bind(address)
                sock.listen(128)
            except OSError as exc:
                raise OptionError(
                    f"无法在 {host} 的端口 {port} 启动服务：{_reason(exc)}。"
                    "请换一个端口（如 --port 8001）或地址"
                ) from None
            sock.setblocking(False)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets
