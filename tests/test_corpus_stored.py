"""The corpus YAML files' parsed data kept between runs (corpus/stored.py): the same data PyYAML
gives, read back without PyYAML, and every way a stored file can be missing, damaged, stale,
switched off or unwritable ends in a fresh parse of the file as it now is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from corpus import CORPUS_DIR, stored
from tests.conftest import ROOT

YAML_FILES = sorted(CORPUS_DIR.glob("*.yaml"))
_KEY_AT = len(stored._MAGIC)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(stored.ENV, str(tmp_path))
    return tmp_path


def _no_parse(monkeypatch) -> None:
    def refuse(text: str) -> object:
        raise AssertionError("parsed although stored")

    monkeypatch.setattr(stored, "parse_yaml", refuse)


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_stored_data_is_what_pyyaml_gives(path, cache_dir, monkeypatch):
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert stored.load_yaml(path) == expected  # parsed, then stored
    assert len(list(cache_dir.glob(f"corpus-{path.stem}-*.bin"))) == 1
    _no_parse(monkeypatch)
    again = stored.load_yaml(path)
    assert again == expected and list(again) == list(expected)  # order kept too


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw[:-10] + bytes(10),
        lambda raw: raw[:_KEY_AT] + bytes(32) + raw[_KEY_AT + 32 :],
        lambda raw: b"garbage",
        lambda raw: b"",
    ],
    ids=["truncated", "corrupt", "foreign", "garbage", "empty"],
)
def test_a_damaged_file_is_parsed_again_and_rewritten(damage, cache_dir, monkeypatch):
    path = CORPUS_DIR / "notice.yaml"
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    stored.load_yaml(path)
    (file,) = cache_dir.glob("corpus-notice-*.bin")
    file.write_bytes(damage(file.read_bytes()))
    assert stored.load_yaml(path) == expected
    _no_parse(monkeypatch)
    assert stored.load_yaml(path) == expected  # rewritten whole


def test_an_edited_file_is_read_as_it_now_is(cache_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "scope.yaml"
    path.write_text("a:\n  reason: 旧\n", encoding="utf-8")
    assert stored.load_yaml(path) == {"a": {"reason": "旧"}}
    path.write_text("a:\n  reason: 新\n", encoding="utf-8")
    assert stored.load_yaml(path) == {"a": {"reason": "新"}}
    for _ in range(stored._KEEP + 2):  # older versions are pruned
        path.write_text(path.read_text(encoding="utf-8") + "#\n", encoding="utf-8")
        stored.load_yaml(path)
    assert len(list(cache_dir.glob("corpus-scope-*.bin"))) == stored._KEEP


def test_switched_off_or_unwritable_still_parses(tmp_path, monkeypatch):
    path = CORPUS_DIR / "parameters.yaml"
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    monkeypatch.setenv(stored.ENV, "off")
    assert stored.load_yaml(path) == expected
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv(stored.ENV, str(blocked / "cache"))
    assert stored.load_yaml(path) == expected


def test_what_marshal_cannot_hold_is_parsed_each_time_and_errors_still_raise(cache_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    dated = folder / "dated.yaml"
    dated.write_text("day: 2024-03-15\n", encoding="utf-8")
    assert str(stored.load_yaml(dated)["day"]) == "2024-03-15"  # a YAML date: not stored
    assert not list(cache_dir.glob("corpus-dated-*.bin"))
    broken = folder / "broken.yaml"
    broken.write_text("a: [1,\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        stored.load_yaml(broken)


def test_a_warm_first_answer_imports_no_yaml(tmp_path):
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from assistant.dialog.engine import DialogEngine\n"
        "DialogEngine(as_of=date(2024, 3, 15)).reply('一季度销售额增长了800万，能奖励多少？')\n"
        "print('yaml' in sys.modules)\n"
    )
    env = {**os.environ, stored.ENV: str(tmp_path)}
    cmd = [sys.executable, "-c", code]
    runs = [subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env) for _ in range(2)]
    assert [r.stdout.split() for r in runs] == [["True"], ["False"]]
