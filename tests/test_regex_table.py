"""The chat's stored regex table (assistant/tui/regex_table.py): a pattern put back from it is
the very pattern ``re`` compiles, and a table that is missing, damaged, foreign or switched off
ends in the same answers, compiled as usual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.tui import regex_table
from tests.conftest import ROOT, run_with_cache

QUESTION = "一季度销售额增长了800万，能奖励多少？"
_KEY_AT = len(regex_table._MAGIC)

# Loads the engine (after prefilling when asked), answers QUESTION, then saves the table when stale;
# prints what was prefilled, whether each prefilled pattern equals a fresh compile, and the answer.
_RUN = """
import json, re, sys
from re import _compiler
from assistant.tui import regex_table
put = regex_table.prefill() if sys.argv[1] == "prefill" else 0
prefilled = {k: p for k, p in re._cache.items() if k[0] is str}
from datetime import date
from assistant.dialog.engine import DialogEngine
from assistant.dialog.render import render_plain
engine = DialogEngine(as_of=date(2024, 3, 15))
answer = render_plain(engine.reply(sys.argv[2]))
same = all(
    p == _compiler.compile(k[1], k[2]) and p.groupindex == _compiler.compile(k[1], k[2]).groupindex
    for k, p in prefilled.items()
)
# The engine's modules hold the prefilled objects themselves, not recompiled copies.
from assistant.dialog import cues
used = any(v is prefilled.get((str, v.pattern, v.flags & ~re.UNICODE)) for v in vars(cues).values()
           if isinstance(v, re.Pattern))
saved = regex_table.save_if_stale()
found = {"put": put, "same": same, "used": used, "saved": saved, "answer": answer}
print(json.dumps(found, ensure_ascii=False))
"""


def _run(cache_dir: Path | str, mode: str = "prefill") -> dict:
    return run_with_cache(_RUN, cache_dir, mode, QUESTION)


def _table(cache_dir: Path) -> Path:
    (path,) = cache_dir.glob("regex-table-*.bin")
    return path


@pytest.fixture(scope="module")
def reference() -> dict:
    """The answer with nothing stored and nothing written."""
    return _run("off", "plain")


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("regex-table")
    first = _run(directory)
    assert first["put"] == 0 and first["saved"] is True
    return directory


def test_a_stored_table_gives_the_same_patterns_and_answer(reference, stored):
    again = _run(stored)
    assert again["put"] > 100  # the cue and fact tables came from the file
    assert again["same"] is True and again["used"] is True
    assert again["saved"] is False  # nothing new to store
    assert again["answer"] == reference["answer"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: raw[:-10] + bytes(10),  # body changed: its digest no longer matches
        lambda raw: raw[:_KEY_AT] + bytes(32) + raw[_KEY_AT + 32 :],  # another key's file under this name
        lambda raw: b"garbage",
        lambda raw: b"",
    ],
    ids=["truncated", "corrupt", "foreign", "garbage", "empty"],
)
def test_a_damaged_table_is_ignored_and_rewritten(reference, stored, tmp_path, damage):
    path = tmp_path / _table(stored).name
    path.write_bytes(damage(_table(stored).read_bytes()))
    run = _run(tmp_path)
    assert run["put"] == 0 and run["answer"] == reference["answer"]
    assert run["saved"] is True and _run(tmp_path)["put"] > 100  # rebuilt for the next launch


def test_a_stale_table_of_another_python_is_left_alone(reference, stored, tmp_path):
    (tmp_path / "regex-table-0000000000000000000.bin").write_bytes(_table(stored).read_bytes())
    run = _run(tmp_path)
    assert run["put"] == 0 and run["answer"] == reference["answer"]


def test_switched_off_nothing_is_read_or_written(reference, monkeypatch):
    monkeypatch.setenv("POLICY_ASSISTANT_CACHE", "off")
    assert regex_table.prefill() == 0 and regex_table.save() is False
    assert _run("off")["answer"] == reference["answer"]


def test_a_damaged_entry_is_skipped(stored, tmp_path, monkeypatch):
    """An entry the engine refuses (here: a code cut short) is compiled as usual, the rest kept."""
    import marshal
    import re

    monkeypatch.setenv("POLICY_ASSISTANT_CACHE", str(tmp_path))
    monkeypatch.setattr(re, "_cache", {})
    re.compile("a+b")
    re.compile(r"(?P<year>\d{4})年")
    good = marshal.loads(marshal.dumps(regex_table.entries()))
    assert len(good) == 2
    bad = [("(x)(y)", 0, 32, [1, 2, 3], 1, {}), *good]
    monkeypatch.setattr(re, "_cache", {})
    monkeypatch.setattr(regex_table, "_stored", set())  # as in a process that has not prefilled
    monkeypatch.setattr(regex_table, "_read", lambda: bad)
    assert regex_table.prefill() == len(bad) - 1
    assert (str, "(x)(y)", 0) not in re._cache
    assert re.compile(r"(?P<year>\d{4})年").match("2024年")["year"] == "2024"


def test_the_chat_command_puts_textuals_patterns_back_before_importing_it(tmp_path):
    """The chat command prefills before textual's import, so textual's own patterns (≈60 compiled
    at its import) come from the table the app wrote; the app's worker does not read it again."""
    save = "import textual.app\n" + _RUN
    env = {**os.environ, "POLICY_ASSISTANT_CACHE": str(tmp_path)}
    subprocess.run([sys.executable, "-c", save, "plain", QUESTION], cwd=ROOT, env=env, check=True)
    code = (
        "import re, sys\n"
        "import assistant.cli\n"  # what runs before the chat command prefills
        "from assistant.tui import regex_table\n"
        "put = regex_table.prefill() if sys.argv[1] == 'prefill' else 0\n"
        "before = len(re._cache)\n"
        "import textual.app\n"
        "print(put, len(re._cache) - before, regex_table.prefill())\n"
    )
    runs = {}
    for mode in ("plain", "prefill"):
        cmd = [sys.executable, "-c", code, mode]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, check=True)
        runs[mode] = [int(n) for n in out.stdout.split()]
    assert runs["plain"][1] > 30  # textual compiles its patterns at import
    # ...almost none of them once prefilled (one or two may depend on where it runs), and the
    # app's own prefill later reads nothing again.
    assert runs["prefill"][0] > 100 and runs["prefill"][1] <= runs["plain"][1] // 10
    assert runs["prefill"][2] == 0
