"""Every estimate, needed list, precheck, profile and quiz question stays byte-identical to the
golden file written before calculators/ became declarations (tests/golden/generate.py)."""

import gzip
import itertools

from tests.golden.generate import GOLDEN, lines


def test_golden_estimates_unchanged():
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as f:
        want = f.read().splitlines()
    got = list(lines())
    for i, (a, b) in enumerate(itertools.zip_longest(want, got)):
        assert a == b, f"line {i + 1} differs:\nwas  {a}\nnow  {b}"
    assert len(want) > 40_000  # thousands of cases, not a file that lost them
