"""Time from launching the chat app to its first frame, and to its first answer.

Two measurements, several runs each, medians printed (targets: first frame 0.5 s, first
answer 1 s; and, against a bare ``python -c "import textual.app"`` timed in the same run, first
frame within 1.3× and first answer within 2× of it):

1. headless: a fresh interpreter imports the app and runs it headless (App.run_test); it
   stamps the wall clock when the first frame has been rendered (call_after_refresh from
   on_mount), when the index worker is done, and when the first question's answer is on
   screen. Launch time is taken by the parent just before it starts the process.
2. tmux (if installed): the chat (this interpreter, ``-m assistant chat``: no dependence on
   where a virtualenv lives) in a real 120×40 terminal; the pane is polled until the header
   shows (first paint), then a question is typed, and the pane polled until the answer appears.
   The pane stays open if the app ends, so a failure prints what the app printed.

Usage: .venv/bin/python benchmarks/bench_tui.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
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
        super().on_mount()
        self.call_after_refresh(lambda: stamps.setdefault("first_frame", time.time()))

    def _index_ready(self, engine):
        stamps["index_ready"] = time.time()
        super()._index_ready(engine)

async def main():
    app = Timed(as_of=date(2024, 3, 15))
    async with app.run_test(size=(120, 40)) as pilot:
        while "first_frame" not in stamps:
            await asyncio.sleep(0.001)
        app.query_one("#ask", Input).value = sys.argv[1]
        await pilot.press("enter")  # typed at once: queued if the index is still loading
        while "已打开" not in "".join(m.text for m in app.query("Message")):
            await pilot.pause(0.005)
        stamps["first_answer"] = time.time()
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


def _tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", *args], capture_output=True, text=True)


def _pane(session: str) -> str:
    return _tmux("capture-pane", "-t", session, "-p").stdout


class TmuxRunFailed(RuntimeError):
    pass


def tmux_run(run: int) -> dict[str, float]:
    session = f"bench-tui-{run}"
    app = f"{shlex.quote(sys.executable)} -m assistant chat --as-of 2024-03-15"
    # If the app ends, the pane keeps its last words (and its exit status) for the report.
    command = f"{app}; echo 程序已退出，退出码 $?; sleep 60"
    start = time.time()
    made = _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "-c", str(ROOT), command)
    if made.returncode:
        raise TmuxRunFailed(f"tmux new-session 失败：{made.stderr.strip()}")
    result: dict[str, float] = {}
    try:
        deadline = start + 30

        def wait_for(text: str) -> float:
            while time.time() < deadline:
                pane = _pane(session)
                if text in pane:
                    return time.time() - start
                if "程序已退出" in pane:
                    raise TmuxRunFailed("程序提前退出，终端内容：\n" + pane)
                time.sleep(0.005)
            raise TmuxRunFailed(f"30 秒内未见“{text}”，终端内容：\n" + _pane(session))

        result["first_frame"] = wait_for("将政办规")
        # -l: the question is typed as text, never looked up as a key name.
        for keys in (["-l", QUESTION], ["Enter"]):
            sent = _tmux("send-keys", "-t", session, *keys)
            if sent.returncode:
                raise TmuxRunFailed(f"tmux send-keys 失败：{sent.stderr.strip()}\n" + _pane(session))
        result["first_answer"] = wait_for("已打开")
    finally:
        _tmux("kill-session", "-t", session)
    return result


def report(name: str, runs: list[dict[str, float]], floor: float) -> None:
    """Medians, and each against ``floor`` (the bare textual import of this run)."""
    print(f"\n{name}（{len(runs)} 次，中位数 / 最小 / 最大，秒；倍数 = 中位数 ÷ 裸导入 textual.app）")
    for key, label, target, ratio_target in (
        ("first_frame", "启动到首帧", 0.5, 1.3),
        ("index_ready", "启动到索引就绪", None, None),
        ("first_answer", "启动到首个回答", 1.0, 2.0),
    ):
        values = [r[key] for r in runs if key in r]
        if not values:
            continue
        med = statistics.median(values)
        line = f"  {label:<10} {med:.3f} / {min(values):.3f} / {max(values):.3f}  {med / floor:.2f}×"
        if target:
            line += f"  目标 {target} 秒：{'达到' if med <= target else '未达到'}"
        if ratio_target:
            line += f"；目标 ≤{ratio_target}×：{'达到' if med / floor <= ratio_target else '未达到'}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    headless_run()  # warm the OS file cache so every measured run starts alike
    bare_textual_run()
    floors = [bare_textual_run()["import_textual"] for _ in range(args.runs)]
    floor = statistics.median(floors)
    print(f'裸导入 textual.app（python -c "import textual.app"，{args.runs} 次中位数）：{floor:.3f} 秒')
    report("无头模式（App.run_test）", [headless_run() for _ in range(args.runs)], floor)
    if not shutil.which("tmux"):
        print("\n未安装 tmux：跳过真实终端测量")
        return
    # A keeper session holds the tmux server up, so runs don't race its shutdown.
    _tmux("new-session", "-d", "-s", "bench-tui-keep", "sleep 600")
    try:
        report("真实终端（tmux 120×40）", [tmux_run(i) for i in range(args.runs)], floor)
    except TmuxRunFailed as exc:
        print(f"\n真实终端测量失败：{exc}")
        sys.exit(1)
    finally:
        _tmux("kill-session", "-t", "bench-tui-keep")


if __name__ == "__main__":
    main()
