"""The chat's stored dataclass methods (assistant/tui/dataclass_table.py): a method run from the table
is the very method ``dataclasses`` compiles, and a table that is missing, damaged, foreign or
switched off ends in the same classes and answers, compiled as usual."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from assistant.tui import dataclass_table
from tests.conftest import run_with_cache

QUESTION = "一季度销售额增长了800万，能奖励多少？"

# Installs the table (or not), loads the engine, answers QUESTION, saves the table when stale;
# prints how many texts were stored, every dataclass method's code and annotations, and the answer.
_RUN = """
import dataclasses, json, sys
from assistant.tui import dataclass_table
stored = dataclass_table.install() if sys.argv[1] == "install" else 0
installed = getattr(dataclasses, "exec", None) is dataclass_table._exec
from datetime import date
from assistant.dialog.engine import DialogEngine
from assistant.dialog.render import render_plain
engine = DialogEngine(as_of=date(2024, 3, 15))
answer = render_plain(engine.reply(sys.argv[2]))

def code(c):
    return [c.co_code.hex(), repr(c.co_consts), c.co_names, c.co_varnames, c.co_filename, c.co_flags]

methods = {}
for name, module in list(sys.modules.items()):
    if not name.startswith(("calculators", "assistant", "corpus", "pydantic", "annotated_types")):
        continue
    for cls in list(vars(module).values()):
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name:
            for m in ("__init__", "__repr__", "__eq__", "__setattr__", "__delattr__", "__hash__"):
                f = cls.__dict__.get(m)
                f = getattr(f, "__wrapped__", f)  # __repr__ is wrapped against recursion
                if hasattr(f, "__code__"):
                    methods[f"{name}.{cls.__qualname__}.{m}"] = [code(f.__code__), repr(f.__annotations__)]
saved = dataclass_table.save_if_stale()
print(json.dumps({"stored": stored, "installed": installed, "saved": saved, "methods": methods,
                  "answer": answer}, ensure_ascii=False))
"""


def _run(cache_dir: Path | str, mode: str = "install") -> dict:
    return run_with_cache(_RUN, cache_dir, mode, QUESTION)


def _table(cache_dir: Path) -> Path:
    (path,) = cache_dir.glob("dataclass-methods-*.bin")
    return path


@pytest.fixture(scope="module")
def reference() -> dict:
    """The classes and answer with nothing stored and nothing installed."""
    return _run("off", "plain")


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("dataclass-table")
    first = _run(directory)
    assert first["stored"] == 0 and first["installed"] is True and first["saved"] is True
    return directory


def test_stored_methods_are_the_methods_dataclasses_compiles(reference, stored):
    again = _run(stored)
    assert again["stored"] > 200  # the calculators', pydantic's and the search's came from the file
    assert again["saved"] is False  # nothing new to store
    assert len(reference["methods"]) > 300
    assert again["methods"] == reference["methods"]  # same code, same (evaluated) annotations
    assert again["answer"] == reference["answer"]


def test_a_first_launch_compiles_what_it_stores_as_exec_would(reference, tmp_path):
    first = _run(tmp_path)
    assert first["methods"] == reference["methods"] and first["answer"] == reference["answer"]


def test_a_damaged_or_foreign_table_is_ignored_and_rewritten(reference, stored, tmp_path):
    good = _table(stored).read_bytes()
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / _table(stored).name).write_bytes(good[:-40] + bytes(40))
    again = _run(damaged)
    assert again["stored"] == 0 and again["saved"] is True
    assert again["methods"] == reference["methods"] and again["answer"] == reference["answer"]
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    key = bytes.fromhex(dataclass_table.table_key())
    (foreign / _table(stored).name).write_bytes(good.replace(key, bytes(len(key)), 1))
    assert _run(foreign)["stored"] == 0


def test_caching_off_installs_nothing(reference):
    off = _run("off")
    assert off["stored"] == 0 and off["installed"] is False and off["saved"] is False
    assert off["methods"] == reference["methods"]


def test_the_stand_in_exec_runs_a_text_as_exec_does():
    names: dict = {}
    local_names: dict = {}
    dataclass_table._exec("x = 1\ndef f(a: int) -> int:\n    return a\n", names, local_names)
    assert local_names["x"] == 1 and local_names["f"].__annotations__ == {"a": int, "return": int}
    assert "x" not in names


def test_dataclasses_is_checked_for_futures_and_another_exec(monkeypatch):
    monkeypatch.delattr(dataclasses, "exec", raising=False)  # an app test here may have installed it
    assert dataclass_table._plain()
    monkeypatch.setattr(dataclasses, "exec", exec, raising=False)
    assert not dataclass_table._plain()


def test_a_saved_table_keeps_only_the_texts_the_launch_ran(tmp_path):
    from corpus.stored import read_framed, write_framed

    key = dataclass_table.table_key()
    file = dataclass_table._path(tmp_path, key)
    gone = "def __create_fn__():\n def gone(self):\n  return 1\n return gone"
    code = compile(gone, "<string>", "exec", dont_inherit=True)
    assert write_framed(file, dataclass_table._MAGIC, bytes.fromhex(key), {gone: code}, "t")
    run = _run(tmp_path)
    assert run["stored"] == 1 and run["saved"] is True
    found = read_framed(file, dataclass_table._MAGIC, bytes.fromhex(key))
    assert found is not None and gone not in found[0] and len(found[0]) > 200
