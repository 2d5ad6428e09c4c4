"""Time from launching the chat app to its first frame, and to its first answer.

Two measurements, several runs each, medians printed (targets: first frame 0.5 s, first
answer 1 s; and, against a bare ``python -c "import textual.app"`` timed in the same run, first
frame within 1.3× and first answer within 2× of it). Runs are interleaved — a floor, then the
app headless, then in tmux — and each ratio is the median of each run over the floor timed just
before it: the machine is shared and its load drifts. The project's bytecode is compiled first,
as an install would (see ``_bytecode``). The question is typed at the first frame, before the
notice, engine and index have loaded: the app queues it and answers it once they have.

1. headless: a fresh interpreter imports the app and runs it headless (App.run_test); it
   stamps the wall clock when the first frame has been rendered (call_after_refresh from
   on_mount), when the index worker is done, and when the first question's answer has been
   rendered (call_after_refresh from the answer; the Enter press is not awaited, as
   ``pilot.press`` waits for the process to be idle, i.e. for what the app does after).
   Launch time is taken by the parent just before it starts the process.
2. tmux (if installed): the chat (this interpreter, ``-m assistant chat``: no dependence on
   where a virtualenv lives) in a real terminal of a fixed size (120×40, or ``--size 80x24``),
   on a tmux server of its own (``-L``: other helpers' or the person's sessions, running the
   same benchmark at the same time, cannot kill or resize its panes); the pane is polled until
   the header shows (first paint), then a question is typed, and the pane polled until the
   answer appears. The pane stays open if the app ends, so a failure prints what the app
   printed; a tmux command that fails says which, with its exit status and message.

Usage: .venv/bin/python benchmarks/bench_tui.py [--runs N] [--size 80x24]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "一季度销售额增长了800万，能奖励多少？"

HEADLESS = r"""
import asyncio, json, sys, time
from datetime import date
from assistant.tui.app import PolicyApp
from textual.widgets import Input

stamps = {}

class Timed(PolicyApp):
    def on_mount(self):
        # Before the app's own on_mount: this stamp runs first after the first refresh.
        self.call_after_refresh(lambda: stamps.setdefault("first_frame", time.time()))
        super().on_mount()

    def _index_ready(self, engine):
        stamps["index_ready"] = time.time()
        super()._index_ready(engine)

    def _answer(self, text):
        super()._answer(text)
        # As the first frame: stamped once the answer has been drawn.
        self.call_after_refresh(lambda: stamps.setdefault("first_answer", time.time()))

async def main():
    app = Timed(as_of=date(2024, 3, 15))
    async with app.run_test(size=(120, 40)) as pilot:
        while "first_frame" not in stamps:
            await asyncio.sleep(0.001)
        app.query_one("#ask", Input).value = sys.argv[1]
        # typed at once: queued if the index is still loading. Not awaited: pilot.press returns
        # only once the process is idle, i.e. after whatever the app does after the answer too.
        pressed = asyncio.ensure_future(pilot.press("enter"))
        while "first_answer" not in stamps:
            await asyncio.sleep(0.001)
        await pressed
        if "已打开" not in "".join(m.text for m in app.query("Message")):
            sys.exit("首个回答不是预期的回答（应含“已打开”）")
    print(json.dumps(stamps))

asyncio.run(main())
"""


def headless_run() -> dict[str, float]:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", HEADLESS, QUESTION], capture_output=True, text=True, cwd=ROOT, check=True
    )
    stamps = json.loads(out.stdout.strip().splitlines()[-1])
    return {k: v - start for k, v in stamps.items()}


def bare_textual_run() -> dict[str, float]:
    """The floor: a fresh interpreter that only imports textual.app."""
    start = time.time()
    subprocess.run([sys.executable, "-c", "import textual.app"], check=True, cwd=ROOT)
    return {"import_textual": time.time() - start}


class TmuxRunFailed(RuntimeError):
    pass


class Tmux:
    """A tmux server of this benchmark's own (``-L``, no config file): no session, option or
    dying server of the person's own tmux can disturb a run, and ending it ends every pane."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.socket = f"bench-tui-{os.getpid()}"
        self.size = size
        self.socket_path: Path | None = None

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(
                ["tmux", "-L", self.socket, "-f", os.devnull, *args],
                capture_output=True,
                text=True,
                timeout=10,
            )
        except subprocess.TimeoutExpired:
            raise TmuxRunFailed(f"tmux {args[0]} 10 秒无响应") from None

    def checked(self, *args: str) -> str:
        done = self(*args)
        if done.returncode:
            raise TmuxRunFailed(
                f"tmux {args[0]} 失败（退出码 {done.returncode}）：{done.stderr.strip() or '无输出'}"
            )
        return done.stdout

    def start(self, command: str) -> str:
        """A detached session of the fixed size running ``command``; its pane's id once it exists."""
        width, height = self.size
        pane = self.checked(
            "new-session", "-d", "-P", "-F", "#{pane_id}", "-x", str(width), "-y", str(height),
            "-c", str(ROOT), command,
        ).strip()  # fmt: skip
        if not pane.startswith("%"):
            raise TmuxRunFailed(f"tmux new-session 未给出窗格编号：{pane!r}")
        for _ in range(200):
            if pane in self("list-panes", "-a", "-F", "#{pane_id}").stdout.split():
                return pane
            time.sleep(0.01)
        raise TmuxRunFailed(f"tmux 窗格 {pane} 2 秒内未出现")

    def open(self) -> None:
        """Start the server with a keeper session, which holds it up between runs (no run races
        its shutdown). No client ever attaches to this server, so each pane keeps the size given
        (not ``window-size manual``: with it, tmux 3.3a's server died at the next new-session)."""
        self.checked("new-session", "-d", "-s", "keep", "sleep 600")
        self.socket_path = Path(self.checked("display-message", "-p", "#{socket_path}").strip())

    def pane_text(self, pane: str) -> str:
        return self.checked("capture-pane", "-p", "-t", pane)

    def stop(self) -> None:
        self("kill-server")
        if self.socket_path is not None:  # tmux leaves its socket file behind
            self.socket_path.unlink(missing_ok=True)


def tmux_run(tmux: Tmux) -> dict[str, float]:
    app = f"{shlex.quote(sys.executable)} -m assistant chat --as-of 2024-03-15"
    # If the app ends, the pane keeps its last words (and its exit status) for the report.
    command = f"{app}; echo 程序已退出，退出码 $?; sleep 60"
    start = time.time()
    pane = tmux.start(command)
    result: dict[str, float] = {}
    deadline = start + 30

    def wait_for(text: str) -> float:
        while time.time() < deadline:
            shown = tmux.pane_text(pane)
            if text in shown:
                return time.time() - start
            if "程序已退出" in shown:
                raise TmuxRunFailed("程序提前退出，终端内容：\n" + shown)
            time.sleep(0.01)  # each look is a tmux process: sparing the two cores the app runs on
        raise TmuxRunFailed(f"30 秒内未见“{text}”，终端内容：\n" + tmux.pane_text(pane))

    try:
        result["first_frame"] = wait_for("将政办规")
        # -l: the question is typed as text, never looked up as a key name.
        for keys in (["-l", QUESTION], ["Enter"]):
            sent = tmux("send-keys", "-t", pane, *keys)
            if sent.returncode:
                raise TmuxRunFailed(
                    f"tmux send-keys 失败（退出码 {sent.returncode}）：{sent.stderr.strip()}\n终端内容：\n"
                    + tmux("capture-pane", "-p", "-t", pane).stdout
                )
        result["first_answer"] = wait_for("已打开")
    finally:
        tmux("kill-session", "-t", pane)
    return result


def report(name: str, runs: list[dict[str, float]], floors: list[float]) -> None:
    """Medians, and each run against the bare textual import timed just before it: on a shared,
    busy machine the load drifts within minutes, and a ratio of neighbours cancels the drift."""
    print(f"\n{name}（{len(runs)} 次，中位数 / 最小 / 最大，秒；倍数 = 每次 ÷ 紧邻的裸导入，取中位数）")
    for key, label, target, ratio_target in (
        ("first_frame", "启动到首帧", 0.5, 1.3),
        ("index_ready", "启动到索引就绪", None, None),
        ("first_answer", "启动到首个回答", 1.0, 2.0),
    ):
        pairs = [(r[key], floor) for r, floor in zip(runs, floors, strict=True) if key in r]
        if not pairs:
            continue
        values = [v for v, _ in pairs]
        med = statistics.median(values)
        ratio = statistics.median(v / floor for v, floor in pairs)
        line = f"  {label:<10} {med:.3f} / {min(values):.3f} / {max(values):.3f}  {ratio:.2f}×"
        if target:
            line += f"  目标 {target} 秒：{'达到' if med <= target else '未达到'}"
        if ratio_target:
            line += f"；目标 ≤{ratio_target}×：{'达到' if ratio <= ratio_target else '未达到'}"
        print(line)


def _bytecode() -> None:
    """Compile the project's modules as an install does: with PYTHONDONTWRITEBYTECODE set (as in
    some sandboxes) every launch would recompile them (≈25 ms before the first frame, ≈50 ms more
    before the first answer), which no installed copy does, while textual's floor is compiled."""
    for package in ("assistant", "calculators", "corpus"):
        compileall.compile_dir(ROOT / package, quiet=1)


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"窗口大小应为 宽x高，如 80x24，而不是 {text!r}")
    return int(width), int(height)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=_size, default=(120, 40), help="tmux 窗口大小，默认 120x40")
    args = parser.parse_args()
    _bytecode()
    headless_run()  # warm the OS file cache so every measured run starts alike
    bare_textual_run()
    tmux = Tmux(args.size) if shutil.which("tmux") else None
    floors: list[float] = []
    headless: list[dict[str, float]] = []
    real: list[dict[str, float]] = []
    try:
        if tmux is not None:
            tmux.open()
        for _ in range(args.runs):  # interleaved: the floor, then the app, under the same load
            floors.append(bare_textual_run()["import_textual"])
            headless.append(headless_run())
            if tmux is not None:
                real.append(tmux_run(tmux))
    except TmuxRunFailed as exc:
        print(f"真实终端测量失败：{exc}")
        sys.exit(1)
    finally:
        if tmux is not None:
            tmux.stop()
    print(
        f'裸导入 textual.app（python -c "import textual.app"，{args.runs} 次）：'
        f"中位数 {statistics.median(floors):.3f} 秒，最小 {min(floors):.3f}，最大 {max(floors):.3f}"
    )
    report("无头模式（App.run_test）", headless, floors)
    if tmux is None:
        print("\n未安装 tmux：跳过真实终端测量")
    else:
        report(f"真实终端（tmux {args.size[0]}×{args.size[1]}）", real, floors)


if __name__ == "__main__":
    main()
