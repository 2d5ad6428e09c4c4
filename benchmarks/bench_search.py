"""Speed and memory of clause search, beside loading jieba's default dictionary.

Usage: .venv/bin/python benchmarks/bench_search.py [RUNS]

Prints the median whole-process wall time and peak RSS of
  policy-assistant search "电费有补贴吗" --json
with search's index read from its cache (warmed by one untimed run, as after any first use), and of
  python -c "import jieba; jieba.lcut('电费有补贴吗')"
over RUNS runs each (default 5), interleaved, their ratio and a verdict (targets: ≤ 0.25 × the
jieba load and ≤ 45 MB peak RSS), the same search with the cache off (what a first run costs:
the index built in memory), then the in-process latency of one query after warm-up over the
labelled questions in tests/search_queries.tsv and tests/data/questions/search_dev.tsv, and what
OpenCC (繁體 → 简体) costs: its load in a fresh interpreter (target < 20 ms; it is loaded only
for a question GB2312 cannot encode) and the whole-process time of a traditional question beside
the same question in simplified characters.

The machine may be shared: the time ratio is printed both as the ratio of the medians and as the
median of the ratios of back-to-back pairs. The project's modules are byte-compiled first, as an
install would have them (with PYTHONDONTWRITEBYTECODE set every run would recompile them).
"""

from __future__ import annotations

import compileall
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY = "电费有补贴吗"
MAX_RATIO = 0.25
MAX_RSS_MB = 45.0
TRADITIONAL = "電費有補貼嗎"
_OPENCC_LOAD = (
    "import time\nt = time.perf_counter()\nimport opencc\nc = opencc.OpenCC('t2s.json')\n"
    "c.convert('電費有補貼嗎')\nprint((time.perf_counter() - t) * 1000)"
)


def _cli(query: str = QUERY) -> list[str]:
    beside = Path(sys.executable).with_name("policy-assistant")
    exe = str(beside) if beside.exists() else shutil.which("policy-assistant")
    return (
        [exe, "search", query, "--json"]
        if exe
        else [sys.executable, "-m", "assistant", "search", query, "--json"]
    )


def run_once(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child, measured with os.wait4 for that child alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"命令失败（退出码 {proc.returncode}）：{' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024  # Linux reports KB


def in_process_latency() -> tuple[float, float, int]:
    from assistant.search.index import search, warm_up

    queries = []
    for path in (ROOT / "tests" / "search_queries.tsv", ROOT / "tests/data/questions/search_dev.tsv"):
        if path.exists():
            with path.open(encoding="utf-8") as f:
                queries += [row["query"] for row in csv.DictReader(f, delimiter="\t")]
    warm_up()
    first = []
    for q in queries:  # first pass fills the per-term memo, as a long-running chat would
        start = time.perf_counter()
        search(q)
        first.append(time.perf_counter() - start)
    print(f"in-process first pass (memo cold): median {statistics.median(first) * 1000:.3f} ms, "
          f"max {max(first) * 1000:.3f} ms")  # fmt: skip
    times = []
    for q in queries:
        start = time.perf_counter()
        search(q)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, max(times) * 1000, len(queries)


def _bytecode() -> None:
    """Compile the project's modules as an install does: with PYTHONDONTWRITEBYTECODE set (as in
    some sandboxes) every run would otherwise recompile them, which no installed copy does."""
    for package in ("assistant", "calculators", "corpus"):
        compileall.compile_dir(ROOT / package, quiet=1)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    _bytecode()
    ours = _cli()
    jieba_cmd = [sys.executable, "-c", f"import jieba; jieba.lcut('{QUERY}')"]
    run_once(jieba_cmd)  # let jieba write its /tmp cache once, as it would on any real machine
    sys.path.insert(0, str(ROOT))
    from assistant.search.cache import cache_dir

    print(f"search cache directory: {cache_dir() or '（已关闭 POLICY_ASSISTANT_CACHE=off）'}")
    run_once(ours)  # and let search write its index once
    # Interleaved, so that a burst of load from elsewhere on the machine hits both alike.
    pairs = [(run_once(ours), run_once(jieba_cmd)) for _ in range(runs)]
    our_wall = statistics.median(o[0] for o, _ in pairs)
    our_rss = statistics.median(o[1] for o, _ in pairs)
    jb_wall = statistics.median(j[0] for _, j in pairs)
    jb_rss = statistics.median(j[1] for _, j in pairs)
    print(f"runs per command: {runs} (medians)")
    print(f"search --json (index cached)  : {our_wall * 1000:7.0f} ms  {our_rss:6.1f} MB peak RSS")
    print(f"import jieba; jieba.lcut(...) : {jb_wall * 1000:7.0f} ms  {jb_rss:6.1f} MB peak RSS")
    ratio = our_wall / jb_wall
    pair_ratio = statistics.median(o[0] / j[0] for o, j in pairs)  # each pair ran back to back
    ok = ratio <= MAX_RATIO and our_rss <= MAX_RSS_MB
    verdict = "OK" if ok else "目标未达到"
    print(
        f"time ratio {ratio:.2f} (median of pairs {pair_ratio:.2f}; target <= {MAX_RATIO:.2f}), "
        f"memory {our_rss:.1f} MB (target <= {MAX_RSS_MB:.0f}): {verdict}"
    )
    with tempfile.TemporaryDirectory() as empty:
        # Cache off: what the first run after a corpus or code change costs (the index is built).
        cold_env = {**os.environ, "POLICY_ASSISTANT_CACHE": "off"}
        cold = [run_once(ours, cold_env) for _ in range(runs)]
        first = run_once(ours, {**os.environ, "POLICY_ASSISTANT_CACHE": empty})
    cold_wall = statistics.median(c[0] for c in cold) * 1000
    cold_rss = statistics.median(c[1] for c in cold)
    print(f"search --json, cache off (index built in memory): {cold_wall:.0f} ms, {cold_rss:.1f} MB; "
          f"first run writing the cache: {first[0] * 1000:.0f} ms")  # fmt: skip
    median_ms, max_ms, n = in_process_latency()
    print(
        f"in-process search after warm-up over {n} questions: median {median_ms:.3f} ms, max {max_ms:.3f} ms"
    )
    load = [sys.executable, "-c", _OPENCC_LOAD]
    opencc_ms = statistics.median(
        float(subprocess.run(load, capture_output=True, text=True, check=True).stdout) for _ in range(runs)
    )
    print(f"OpenCC import + t2s load + one conversion, fresh interpreter: {opencc_ms:.1f} ms (target < 20)")
    pairs = [(run_once(_cli(TRADITIONAL)), run_once(_cli(QUERY))) for _ in range(runs)]
    trad = statistics.median(t[0] for t, _ in pairs) * 1000
    simp = statistics.median(s[0] for _, s in pairs) * 1000
    print(f"search --json, traditional {TRADITIONAL}: {trad:.0f} ms; simplified {QUERY}: {simp:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
