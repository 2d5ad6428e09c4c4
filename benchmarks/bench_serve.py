"""Load on `serve`: N browser tabs at once on loopback, each typing a question at once.

Prints memory per tab (PSS and RSS of each tab's app process), time to the first frame and to the
answer, and how many tabs were answered. Bounded in tabs (at most 60) and in time (--timeout):
it stops by itself. Traffic goes only to 127.0.0.1.

    .venv/bin/python benchmarks/bench_serve.py [--tabs 30] [--timeout 300]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.commands.serve_cmd import descendants  # noqa: E402

QUESTION = "电费有补贴吗\r"
ANSWER = "稳用电奖励"  # the clause the answer opens
FIRST = "将乐县"  # in the header of the first frame


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) in kB; PSS shares the interpreter's common pages fairly between tabs."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    fields = {line.split(":")[0]: int(line.split()[1]) for line in text.splitlines()[1:] if ":" in line}
    return fields.get("Pss", 0), fields.get("Rss", 0)


def app_pids(server: int) -> list[int]:
    out = []
    for pid in descendants(server):
        with contextlib.suppress(OSError):
            if b"assistant.commands.serve_cmd" in Path(f"/proc/{pid}/cmdline").read_bytes():
                out.append(pid)
    return out


async def one_tab(url: str, deadline: float, all_answered: asyncio.Event, done: list[int], n: int) -> dict:
    import aiohttp

    result: dict = {"first": None, "answer": None, "error": None}
    start = time.monotonic()
    ws_url = url.replace("http://", "ws://") + "ws?width=100&height=30"
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(ws_url, headers={"Origin": url.rstrip("/")}) as ws,
        ):
            await ws.send_str(json.dumps(["stdin", QUESTION]))  # typed at once, before the app is up
            text = ""
            while result["answer"] is None and time.monotonic() < deadline:
                try:
                    msg = await asyncio.wait_for(ws.receive(), timeout=1)
                except TimeoutError:
                    continue
                if msg.type == aiohttp.WSMsgType.BINARY:
                    text += msg.data.decode("utf-8", "ignore")
                    if result["first"] is None and FIRST in text:
                        result["first"] = time.monotonic() - start
                    if ANSWER in text:
                        result["answer"] = time.monotonic() - start
                elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    result["error"] = "closed"
                    break
            done.append(1)
            if len(done) == n:
                all_answered.set()
            # Stay open until every tab is done, so memory is measured with all of them running.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(all_answered.wait(), max(0.0, deadline - time.monotonic()))
    except Exception as exc:  # a refused or broken tab is a figure, not a crash of the benchmark
        result["error"] = type(exc).__name__
        done.append(1)
        if len(done) == n:
            all_answered.set()
    return result


async def run_tabs(url: str, server: int, n: int, timeout: float) -> tuple[list[dict], list[tuple[int, int]]]:
    deadline = time.monotonic() + timeout
    all_answered, done = asyncio.Event(), []
    tasks = [asyncio.create_task(one_tab(url, deadline, all_answered, done, n)) for _ in range(n)]
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(all_answered.wait(), timeout)
    memory = [memory_kb(pid) for pid in app_pids(server)]  # every tab still open
    return list(await asyncio.gather(*tasks)), memory


def figures(values: list[float]) -> str:
    if not values:
        return "—"
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return f"median {statistics.median(values):.1f} s, p95 {p95:.1f} s, max {values[-1]:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tabs", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    n = max(1, min(args.tabs, 60))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--max-tabs", str(n)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        ready_by = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > ready_by:
                    print("serve did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        wall = time.monotonic()
        results, memory = asyncio.run(run_tabs(url, server.pid, n, args.timeout))
        wall = time.monotonic() - wall
        server_pss, server_rss = memory_kb(server.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    answered = [r["answer"] for r in results if r["answer"] is not None]
    firsts = [r["first"] for r in results if r["first"] is not None]
    errors = [r["error"] for r in results if r["error"]]
    pss = [m[0] for m in memory if m[0]]
    rss = [m[1] for m in memory if m[1]]
    print(f"tabs: {n} at once on 127.0.0.1, each typing “{QUESTION.strip()}” before its app was up")
    print(f"answered: {len(answered)} of {n}; errors: {errors or 'none'}; wall time {wall:.1f} s")
    print(f"time to first frame: {figures(firsts)}")
    print(f"time to the answer:  {figures(answered)}")
    if pss:
        print(
            f"memory per tab (app process): PSS mean {statistics.mean(pss) / 1024:.0f} MB, "
            f"RSS mean {statistics.mean(rss) / 1024:.0f} MB; all tabs PSS {sum(pss) / 1024:.0f} MB "
            f"({len(pss)} app processes for {n} tabs)"
        )
    print(f"server process: PSS {server_pss / 1024:.0f} MB, RSS {server_rss / 1024:.0f} MB")
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
    return 0 if len(answered) == n else 1


if __name__ == "__main__":
    sys.exit(main())
