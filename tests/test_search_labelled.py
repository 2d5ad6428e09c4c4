"""Clause search held to the blind labelled sets (issue 9): right clause first, in the top three,
out-of-scope questions and everyday remarks declined.

The sets were written by someone who had not read the search code. ``search_dev.tsv`` may be
tuned on (by method only); ``search_heldout.tsv`` is scored, never tuned on, and its questions
are never printed here — only its figures. Run with ``-s`` to see the figures per voice.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from assistant.search.index import search
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "questions"
DEV = DATA / "search_dev.tsv"
HELDOUT = DATA / "search_heldout.tsv"
CHITCHAT = "chitchat"

# Issue 9's floors, asserted on the dev file.
DEV_FLOORS = {"top1": 0.92, "top3": 0.97, "oos": 0.85, "chitchat": 0.90}
# Measured once, at the end of the work (2026-12-02): top1 125/132 (94.7 %), top3 129/132
# (97.7 %), out of scope 15/17 (88.2 %), everyday remarks 16/16. Floors a question or two below.
HELDOUT_FLOORS = {"top1": 0.92, "top3": 0.96, "oos": 0.82, "chitchat": 0.93}


@dataclass
class Tally:
    """Counts as shared/eval/score_search.py defines them, split by voice."""

    n_in: int = 0
    top1: int = 0
    top3: int = 0
    n_oos: int = 0
    oos_declined: int = 0
    n_chat: int = 0
    chat_declined: int = 0
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def add(self, query: str, expected: set[str], voice: str, ids: list[str]) -> None:
        if expected == {"none"}:
            if voice == CHITCHAT:
                self.n_chat += 1
                self.chat_declined += not ids
            else:
                self.n_oos += 1
                self.oos_declined += not ids
            if ids:
                self.misses.append((query, "none", ids[:3]))
            return
        self.n_in += 1
        rank = next((k for k, c in enumerate(ids) if c in expected), None)
        self.top1 += rank == 0
        self.top3 += rank is not None and rank < 3
        if rank != 0:
            self.misses.append((query, ",".join(sorted(expected)), ids[:3]))

    def rates(self) -> dict[str, float]:
        def share(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "top1": share(self.top1, self.n_in),
            "top3": share(self.top3, self.n_in),
            "oos": share(self.oos_declined, self.n_oos),
            "chitchat": share(self.chat_declined, self.n_chat),
        }

    def line(self) -> str:
        r = self.rates()
        parts = []
        if self.n_in:
            parts.append(f"top1 {self.top1}/{self.n_in} ({r['top1']:.0%})")
            parts.append(f"top3 {self.top3}/{self.n_in} ({r['top3']:.0%})")
        if self.n_oos:
            parts.append(f"out of scope declined {self.oos_declined}/{self.n_oos} ({r['oos']:.0%})")
        if self.n_chat:
            parts.append(f"remarks declined {self.chat_declined}/{self.n_chat} ({r['chitchat']:.0%})")
        return "  ".join(parts)


def score(path: Path) -> tuple[Tally, dict[str, Tally]]:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    total, by_voice = Tally(), defaultdict(Tally)
    for row in rows:
        ids = [h.id for h in search(row["query"]).hits]
        expected = set(row["expected"].split(","))
        total.add(row["query"], expected, row["voice"], ids)
        by_voice[row["voice"]].add(row["query"], expected, row["voice"], ids)
    return total, dict(by_voice)


def _report(name: str, total: Tally, by_voice: dict[str, Tally], show_misses: bool) -> None:
    print(f"\n{name}: {total.line()}")
    for voice in sorted(by_voice):
        print(f"  {voice:<12}{by_voice[voice].line()}")
    if show_misses:
        for query, expected, got in total.misses:
            print(f"  MISS {query}  expected {expected} got {got}")


def _below(rates: dict[str, float], floors: dict[str, float]) -> dict[str, str]:
    return {k: f"{rates[k]:.1%} < {v:.0%}" for k, v in floors.items() if rates[k] < v}


def test_labelled_files_have_the_issues_shape():
    for path in (DEV, HELDOUT):
        with path.open(encoding="utf-8") as f:
            reader = csv.DictReader(f, delimiter="\t")
            assert reader.fieldnames == ["query", "expected", "voice"]
            assert sum(1 for _ in reader) >= 100


def test_dev_set_meets_the_issues_floors():
    total, by_voice = score(DEV)
    _report("search_dev.tsv", total, by_voice, show_misses=True)
    assert total.n_in >= 200 and total.n_oos >= 20 and total.n_chat >= 20
    assert _below(total.rates(), DEV_FLOORS) == {}, total.misses


@pytest.mark.skipif(not HELDOUT.exists(), reason="held-out file not present")
def test_heldout_set_meets_its_floors():
    total, by_voice = score(HELDOUT)
    _report("search_heldout.tsv (figures only)", total, by_voice, show_misses=False)
    # The questions are not shown on failure either: the file is not to be tuned on.
    assert _below(total.rates(), HELDOUT_FLOORS) == {}


# Written blind by three more writers; scored once before their results were read (fresh: top1
# 92.5 %, top3 97.5 %; fresh2: 96.7 %, 98.9 %; fresh3: 94.4 %, 95.6 %), dev sets since.
FRESH_FLOORS = {"top1": 0.92, "top3": 0.95, "oos": 0.9, "chitchat": 0.9}


@pytest.mark.parametrize("name", ["fresh_search.tsv", "fresh2_search.tsv", "fresh3_search.tsv"])
def test_fresh_sets_meet_their_floors(name):
    total, by_voice = score(DATA / name)
    _report(name, total, by_voice, show_misses=True)
    assert _below(total.rates(), FRESH_FLOORS) == {}, total.misses


# fresh4, a fourth blind set, scored at first look with the code of its day: top1 124/129
# (96.1 %), top3 127/129 (98.4 %), out of scope declined 23/25, remarks 35/35. Its misses were then
# read and fixed by method (a rule's own figure, homophones, other-year and household signals),
# so it is a dev set now; the floors are what the fixes reached: top1 128/129, top3 129/129,
# out of scope 25/25, remarks 35/35.
FRESH4_FLOORS = {"top1": 0.99, "top3": 1.0, "oos": 1.0, "chitchat": 1.0}


# fresh5, a fifth blind set, scored at first look with the code of its day: top1 123/130
# (94.6 %), top3 124/130 (95.4 %), out of scope declined 24/25, remarks 35/35 — in-scope questions
# declined by over-eager signals (打电话问问, 退休 as an aside), Cantonese words, 老外. Fixed by
# method (signals narrowed to their own matter, a Cantonese table, synonyms, unit cues), it is a dev
# set now; the floors are what that reached: top1 127/130, top3 130/130, 25/25, 35/35.
FRESH5_FLOORS = {"top1": 0.97, "top3": 1.0, "oos": 1.0, "chitchat": 1.0}


# fresh6, a sixth blind set, scored at first look with the code of its day: top1 118/130
# (90.8 %), top3 121/130 (93.1 %), out of scope declined 25/25, remarks 35/35 — the elder voice
# only 10/18: long questions whose family asides (儿子在外地读书, 女儿叫我打电话, 孙女在县里上班),
# township names and ××厂 words outweighed the words of the notice, 怎么去领 read as a route,
# 电的奖励……800块 (one character beside a sum of money). Fixed by method (asides and townships as
# stop words, ××厂 as 制造业, a sum of money makes a lone character informative, 要素 synonyms),
# it is a dev set now; the floors are what that reached: top1 129/130, top3 130/130, 25/25, 35/35.
FRESH6_FLOORS = {"top1": 0.99, "top3": 1.0, "oos": 1.0, "chitchat": 1.0}


# fresh7–fresh10, four more blind sets, each scored at first look with the code of its day:
# - fresh7: top1 127/130 (97.7 %), top3 97.7 %, out of scope 24/25, remarks 35/35;
# - fresh9 (after fresh7's fixes): top1 99/100, top3 99/100, 18/20, 30/30;
# - fresh10 (after fresh9's): top1 94/100, top3 95/100, 19/20, 30/30;
# - fresh8, written first and kept unseen until the end as the test: top1 123/130 (94.6 %), top3
#   125/130 (96.2 %), 25/25, 35/35 (the elder voice 12/18).
# - fresh13 (after fresh8's fixes): top1 97/100, top3 99/100, 20/20, 30/30 (在哪条 read as an
#   address, 入咗统计库 and 几时结束 in 繁體 with Cantonese particles).
# - fresh11 (after fresh13's fixes): top1 106/106, top3 106/106, 19/20 (顺昌县, a county not yet
#   in scope.yaml), 30/30.
# - fresh12 (after fresh13's and fresh11's fixes): top1 105/106, top3 105/106, 20/20, 30/30 (one
#   elder question, a mother asking for her daughter's factory, declined as a person's).
# Their misses (weather asides, 增值税 as a basis, unit spellings, 管到, prices, long stories) were
# then fixed by method, so they are dev sets now, held at what that reached.
LATER_FLOORS = {"top1": 0.99, "top3": 1.0, "oos": 1.0, "chitchat": 1.0}

# The later blind sets, each with its size (in scope, out of scope, remarks) and its floors.
LATER_SETS = {
    "fresh4_search.tsv": ((129, 25, 35), FRESH4_FLOORS),
    "fresh5_search.tsv": ((130, 25, 35), FRESH5_FLOORS),
    "fresh6_search.tsv": ((130, 25, 35), FRESH6_FLOORS),
    "fresh7_search.tsv": ((130, 25, 35), LATER_FLOORS),
    "fresh8_search.tsv": ((130, 25, 35), LATER_FLOORS),
    "fresh9_search.tsv": ((100, 20, 30), LATER_FLOORS),
    "fresh10_search.tsv": ((100, 20, 30), LATER_FLOORS),
    "fresh11_search.tsv": ((106, 20, 30), LATER_FLOORS),
    "fresh12_search.tsv": ((106, 20, 30), {"top1": 0.99, "top3": 0.99, "oos": 1.0, "chitchat": 1.0}),
    "fresh13_search.tsv": ((100, 20, 30), LATER_FLOORS),
    # fresh14 and fresh15 (blind, this session): first look 100/100 % and 97.0/98.0 %, all declined
    "fresh14_search.tsv": ((102, 20, 30), LATER_FLOORS),
    "fresh15_search.tsv": ((100, 20, 30), LATER_FLOORS),
    # fresh17 and fresh16 (blind, this session): first look 97.0/98.0 % and 99.0/100 %, all declined
    "fresh16_search.tsv": ((100, 20, 30), LATER_FLOORS),
    # (fresh17 misses two: 原料进不来…协调 goes to 12 before 10; 入库当年一百五…第二年呢 to 5 before 7)
    "fresh17_search.tsv": ((100, 20, 30), {"top1": 0.98, "top3": 1.0, "oos": 1.0, "chitchat": 1.0}),
    # fresh18 and fresh19 (blind, this session): first look 100/100 % and 96.0/98.0 %, all declined
    "fresh18_search.tsv": ((111, 20, 30), LATER_FLOORS),
    "fresh19_search.tsv": ((100, 20, 30), {"top1": 0.98, "top3": 0.99, "oos": 1.0, "chitchat": 1.0}),
    # fresh21 and fresh20 (blind, this session): first look 96.8/98.9 % (19/20 declined) and 100/100 %
    "fresh20_search.tsv": ((93, 20, 30), LATER_FLOORS),
    "fresh21_search.tsv": ((94, 20, 30), LATER_FLOORS),
    # fresh22 and fresh24 (blind, this session): first look 97.9/100 % and 97.8/98.9 %, all declined
    "fresh22_search.tsv": ((96, 20, 30), LATER_FLOORS),
    # fresh23: a partial set (its writer lost time to an API error); one label changed, see the README
    "fresh23_search.tsv": ((21, 7, 8), LATER_FLOORS),
    # (fresh24 missed two at first look: 矿产加工厂销售增长奖最多拿几万 went to 2 before 1; a long elder
    # 陶瓷 question about 用电 was declined, its trade and everyday words counted against it)
    "fresh24_search.tsv": ((91, 20, 30), LATER_FLOORS),
    # fresh26 (blind, this session): first look 96.9/99.0 %, all declined; three elder questions fixed
    "fresh26_search.tsv": ((96, 20, 30), LATER_FLOORS),
}


@pytest.mark.parametrize("name", sorted(LATER_SETS))
def test_later_blind_sets_meet_their_floors(name):
    (n_in, n_oos, n_chat), floors = LATER_SETS[name]
    total, by_voice = score(DATA / name)
    _report(name, total, by_voice, show_misses=True)
    assert (total.n_in, total.n_oos, total.n_chat) == (n_in, n_oos, n_chat)
    assert _below(total.rates(), floors) == {}, total.misses
