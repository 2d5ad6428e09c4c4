"""Batch speed and memory: generate N enterprise rows (default 100,000), run `batch`, print figures.

Usage: .venv/bin/python benchmarks/bench_batch.py [N] [--xlsx] [--jobs=N] [--profile]
Target: at least 5,000 rows per second on the project machine, memory flat (peak RSS printed).
CPU seconds (this process, worker processes) and the load average are printed too: on a machine
shared with other work, rows per second alone says little.
With --xlsx, reading the input alone and writing a copy of it alone are timed as well.
"""

from __future__ import annotations

import csv
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from assistant.outreach.batch import run_batch
from assistant.outreach.batch_layout import template_fields
from assistant.sheets.tabular import read_rows, write_rows

# Realistic variety: figures as people type them, some yes/no words, some blanks (missing inputs).
_BOOLS = ("是", "否", "是", "1", "y", "true")


def _amount(rng: random.Random, low: int, high: int) -> str:
    value = rng.randrange(low, high, 10_000)
    style = rng.randrange(3)
    if style == 0 and value % 10_000 == 0:
        return f"{value // 10_000}万"
    if style == 1:
        return f"{value:,}"
    return str(value)


def generate_row(rng: random.Random, i: int) -> dict[str, str]:
    before = rng.randrange(10_000_000, 80_000_000, 10_000)
    row = {
        "name": f"测试企业{i:06d}有限公司",
        "above_scale_industrial": rng.choice(_BOOLS),
        "sales_2023q1_yuan": f"{before:,}",
        "sales_2024q1_yuan": _amount(rng, before - 2_000_000, before + 15_000_000),
        "newly_commissioned_2024q1": "否",
        "above_scale_manufacturing": rng.choice(_BOOLS),
        "complies_with_industrial_policy": "是",
        "strategic_emerging_2023": rng.choice(("是", "否")),
        "power_2023q1_kwh": f"{rng.randrange(100, 900)}万度",
        "power_2024q1_kwh": f"{rng.randrange(100, 1200)}万度",
        "in_county": "是",
        "gas_2024q1_m3": _amount(rng, 0, 500_000),
        "specialized_sme_approved_on": rng.choice(("无", "2023-12-20", "2024年4月1日")),
        "in_cultivation_pool": rng.choice(_BOOLS),
        "counted_2024": rng.choice(_BOOLS),
        "entry_type": rng.choice(("新建投产入规", "老上规")),
        "enterprise_status": rng.choice(("新入库", "在库")),
        "continuous_reporting": "是",
        "statisticians": str(rng.randrange(0, 5)),
        "months": str(rng.randrange(1, 13)),
        "fdi_2024q1_usd": rng.choice(("", "", "350万美元", "1,000,000")),
    }
    for key in rng.sample(sorted(row.keys() - {"name"}), rng.randrange(0, 4)):
        row[key] = ""  # a few missing inputs per row, as real lists have
    return row


def generate(path: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    columns = ["name", *(f for f in template_fields() if f in generate_row(random.Random(0), 0))]
    with write_rows(path) as out:
        out.write(columns)
        for i in range(n):
            row = generate_row(rng, i)
            out.write([row[c] for c in columns])


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _count_rows(path: Path) -> int:
    with read_rows(path) as source:
        return sum(1 for _ in source.rows) - 1


def _io_alone(src: Path, copy: Path) -> tuple[float, float]:
    """Seconds to read every row of ``src``, and to write them all again to ``copy``."""
    t0 = time.perf_counter()
    with read_rows(src) as source:
        for _ in source.rows:
            pass
    t1 = time.perf_counter()
    with read_rows(src) as source, write_rows(copy) as out:
        t2 = time.perf_counter()
        for row in source.rows:
            out.write(row)
    t3 = time.perf_counter()
    return t1 - t0, (t3 - t2) - (t1 - t0)  # the copy's reading subtracted


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100_000
    suffix = ".xlsx" if "--xlsx" in sys.argv else ".csv"
    # --jobs=N: worker processes (0: all in this process); default: chosen by run_batch.
    jobs = next((int(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--jobs=")), None)
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / f"in{suffix}", Path(tmp) / f"out{suffix}"
        t0 = time.perf_counter()
        generate(src, n)
        t1 = time.perf_counter()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        load = os.getloadavg()[0]
        cpu_before = _cpu()
        if "--profile" in sys.argv:
            import cProfile
            import pstats

            cProfile.runctx(
                "run_batch(src, dst, jobs=0)", globals(), {"src": src, "dst": dst}, "/tmp/bench_batch.prof"
            )
            pstats.Stats("/tmp/bench_batch.prof").sort_stats("cumulative").print_stats(25)
            summary = None
        else:
            summary = run_batch(src, dst, jobs=jobs)
        t2 = time.perf_counter()
        cpu_after = _cpu()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rss_workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        written = None
        if suffix == ".csv" and dst.exists():
            with dst.open(encoding="utf-8-sig", newline="") as f:
                written = sum(1 for _ in csv.reader(f)) - 1
        elif dst.exists():
            written = _count_rows(dst)
        io_alone = _io_alone(src, Path(tmp) / "copy.xlsx") if suffix == ".xlsx" else None
    print(f"rows:            {n:,} ({suffix}, generated in {t1 - t0:.1f} s, jobs={jobs})")
    print(f"batch time:      {t2 - t1:.2f} s")
    print(f"rows per second: {n / (t2 - t1):,.0f}  (target >= 5,000)")
    print(f"peak RSS:        {rss_after / 1024:.0f} MiB (before batch {rss_before / 1024:.0f} MiB)")
    print(f"worker peak RSS: {rss_workers / 1024:.0f} MiB (largest worker process)")
    own, kids = (after - before for after, before in zip(cpu_after, cpu_before, strict=True))
    print(f"CPU seconds:     {own:.1f} this process, {kids:.1f} workers (load average before: {load:.2f})")
    if io_alone is not None:
        print(f"xlsx I/O alone:  read {io_alone[0]:.2f} s, write {io_alone[1]:.2f} s (the input, {n:,} rows)")
    if summary is not None:
        print(f"failed rows:     {summary.failed:,}")
        if written is not None:
            print(f"output rows:     {written:,}")


if __name__ == "__main__":
    main()
