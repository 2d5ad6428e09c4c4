"""`policy-assistant serve`: the chat in a web browser (textual-serve), one conversation per tab."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from assistant.cli import Command

APP_TITLE = "将乐县稳工业措施政策助手"
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
    p.add_argument("--as-of", metavar="日期", help="对话中按此日期判断措施是否在有效期内（默认今天）")


def app_command(as_of: str | None = None) -> str:
    """The command textual-serve starts for each browser tab: this interpreter, the terminal app.

    Not ``-m assistant chat``: textual-serve gives the app pipes, not a terminal, and the chat
    command takes pipes to mean its line mode. This module's ``__main__`` opens the app itself.
    """
    parts = [sys.executable, "-m", "assistant.commands.serve_cmd"]
    if as_of:
        parts.append(as_of)
    return shlex.join(parts)


def run_app(argv: list[str]) -> int:
    """One browser tab's conversation (started by textual-serve with its web driver)."""
    from assistant.tui.app import PolicyApp
    from calculators.fields import parse_date

    as_of = parse_date(argv[0]) if argv else None
    PolicyApp(as_of=as_of).run()
    return 0


def run(args: argparse.Namespace) -> int:
    from assistant.commands.batch_cmd import parse_as_of

    if parse_as_of(args.as_of) is False:
        return 2
    if not 0 < args.port < 65536:
        sys.stderr.write("错误：端口应在 1 到 65535 之间，如 8000。\n")
        return 2
    from textual_serve.server import Server

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        sys.stderr.write(
            f"注意：正在监听 {args.host}，本服务没有登录验证，同一网络中的任何人都能打开对话。"
            "请放在带身份验证的反向代理之后（见 README）。\n"
        )
    server = Server(
        command=app_command(args.as_of),
        host=args.host,
        port=args.port,
        title=APP_TITLE,
        public_url=args.public_url,
        templates_path=TEMPLATES,  # our page: no Google font, Chinese buttons
    )
    sys.stderr.write(
        f"在浏览器中打开 {server.public_url} 即可使用；每个标签页是独立的对话。按 Ctrl+C 停止。\n"
    )
    try:
        server.serve()
    except OSError as exc:
        sys.stderr.write(
            f"错误：无法在 {args.host}:{args.port} 启动服务（{exc.strerror or exc}），端口可能已被占用。\n"
        )
        return 2
    return 0


COMMANDS = [
    Command("serve", "在浏览器中使用对话助手（本机网页服务，每个标签页独立对话）", configure, run, order=50)
]


if __name__ == "__main__":
    sys.exit(run_app(sys.argv[1:]))
