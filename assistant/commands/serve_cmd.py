"""`policy-assistant serve`: the chat in a web browser (textual-serve), one conversation per tab."""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

from assistant.commands import Command

APP_TITLE = "将乐县稳工业措施政策助手"
DEFAULT_MAX_TABS = 20
TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--host", default="127.0.0.1", metavar="地址", help="监听地址（默认 127.0.0.1，仅本机可访问）"
    )
    p.add_argument("--port", type=int, default=8000, metavar="端口", help="监听端口（默认 8000）")
    p.add_argument(
        "--public-url",
        metavar="网址",
        help="经反向代理对外提供时，浏览器访问的网址（如 https://zc.example.gov.cn），默认 http://地址:端口",
    )
    p.add_argument(
        "--max-tabs",
        type=int,
        default=DEFAULT_MAX_TABS,
        metavar="个数",
        help=f"最多同时打开的对话（标签页）数，每个约占 70 MB 内存（默认 {DEFAULT_MAX_TABS}）",
    )
    p.add_argument("--as-of", metavar="日期", help="对话中按此日期判断措施是否在有效期内（默认今天）")


def app_argv(as_of: str | None = None) -> list[str]:
    """The command started for each browser tab: this interpreter, the terminal app.

    Not ``-m assistant chat``: textual-serve gives the app pipes, not a terminal, and the chat
    command takes pipes to mean its line mode. This module's ``__main__`` opens the app itself.
    """
    parts = [sys.executable, "-m", "assistant.commands.serve_cmd"]
    if as_of:
        parts.append(as_of)
    return parts


SERVER_PID_VARIABLE = "POLICY_ASSISTANT_SERVER_PID"


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie, killed but not yet reaped, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except FileNotFoundError:
        return False
    except (OSError, IndexError):  # no /proc here: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc; empty where there is none)."""
    children: dict[int, list[int]] = {}
    try:
        entries = list(Path("/proc").iterdir())
    except OSError:
        return []
    for entry in entries:
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def end_with_server(server_pid: int, interval: float = 1.0) -> threading.Thread:
    """End this tab's app when the server is gone.

    textual-serve starts each app through a shell and stops it only on a clean shutdown. A server
    stopped otherwise left apps running for good (one was found using a whole core after its
    server and browser were gone). A daemon thread polls the server and ends the process.
    """

    def watch() -> None:
        while _alive(server_pid):
            time.sleep(interval)
        os._exit(0)  # the main thread may be busy; nothing of a lost tab is left to save

    thread = threading.Thread(target=watch, name="server-watch", daemon=True)
    thread.start()
    return thread


def run_app(argv: list[str]) -> int:
    """One browser tab's conversation (started by textual-serve with its web driver)."""
    from assistant.web.tab_app import ServedPolicyApp
    from calculators.fields import parse_date

    server = os.environ.get(SERVER_PID_VARIABLE, "")
    if server.isdigit():
        end_with_server(int(server))
    as_of = parse_date(argv[0]) if argv else None
    ServedPolicyApp(as_of=as_of).run()
    return 0


def run(args: argparse.Namespace) -> int:
    from assistant.commands.batch_cmd import parse_as_of

    if parse_as_of(args.as_of) is False:
        return 2
    from assistant.web.options import OptionError, bind, check_max_tabs, check_public_url

    try:
        public_url = check_public_url(args.public_url)
        check_max_tabs(args.max_tabs)
        sockets = bind(args.host, args.port)  # before anything says "ready"
    except OptionError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return 2
    from assistant.web.server import PolicyServer

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        sys.stderr.write(
            f"注意：正在监听 {args.host}，本服务没有登录验证，同一网络中的任何人都能打开对话。"
            "请放在带身份验证的反向代理之后（见 README）。\n"
        )
    if args.host in ("0.0.0.0", "::") and public_url is None:
        sys.stderr.write(
            "注意：监听所有网卡时，请用 --public-url 写明其他电脑访问本服务的网址（如 http://192.168.1.10:8000），"
            "否则页面连不上对话（只接受本服务网址发起的连接）。\n"
        )
    os.environ[SERVER_PID_VARIABLE] = str(os.getpid())  # inherited by every tab's app
    server = PolicyServer(
        app_argv(args.as_of),
        host=args.host,
        port=args.port,
        title=APP_TITLE,
        public_url=public_url,
        templates_path=TEMPLATES,  # our page: no Google font, Chinese buttons
        max_tabs=args.max_tabs,
        sockets=sockets,
    )
    server.serve()
    return 0


COMMANDS = [
    Command("serve", "在浏览器中使用对话助手（本机网页服务，每个标签页独立对话）", configure, run, order=50)
]


if __name__ == "__main__":
    sys.exit(run_app(sys.argv[1:]))
