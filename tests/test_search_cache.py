"""Search's persisted index (assistant/search/cache.py): same results as a fresh build, the same
BM25 floats as rank-bm25, nothing heavy imported on a warm question, and every way a cache can
be missing, damaged, stale, shared or unwritable ends in a normal answer."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Plus as Reference

from assistant.search import cache
from assistant.search import index as search_module
from assistant.search.bm25 import BM25Plus, statistics
from assistant.search.build import build_state
from tests.conftest import ROOT

_MAGIC = cache._MAGIC

QUESTION_FILES = [
    *sorted((ROOT / "tests" / "data" / "questions").glob("*.tsv")),
    ROOT / "tests" / "search_queries.tsv",
]
# Prints search(q, top=15) for every labelled question, and whether the index came from the cache.
_DUMP = """
import csv, json, sys
from assistant.search import cache
from assistant.search.index import QueryError, search
out = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\\t"):
            try:
                r = search(row["query"], top=15)
            except QueryError as exc:
                out.append([row["query"], str(exc)])
                continue
            hits = [[h.id, h.score, h.title, h.responsible_units, h.snippet, h.matched] for h in r.hits]
            out.append([row["query"], r.query, r.tokens, r.declined, hits])
heavy = sorted({"pydantic", "numpy", "rank_bm25", "yaml"} & set(sys.modules))
found = {"from_cache": cache.stored() is not None, "heavy": heavy, "results": out}
print(json.dumps(found, ensure_ascii=False))
"""


def _env(cache_dir: Path | str) -> dict[str, str]:
    # The same hash seed in every process: ``matched`` lists equal-length words in set order.
    return {**os.environ, cache.ENV: str(cache_dir), "PYTHONHASHSEED": "0"}


def _dump(cache_dir: Path | str) -> dict:
    cmd = [sys.executable, "-c", _DUMP, *map(str, QUESTION_FILES)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=_env(cache_dir), check=True)
    return json.loads(proc.stdout)


def _search(cache_dir: Path | str, question: str = "电费有补贴吗") -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "assistant", "search", question, "--json"]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=_env(cache_dir))


@pytest.fixture(scope="module")
def reference() -> dict:
    """Every labelled question's top 15 from an index built in memory, the cache off."""
    return _dump("off")


def test_results_from_the_cache_equal_a_fresh_build(reference, tmp_path):
    assert reference["from_cache"] is False and len(reference["results"]) > 1000
    assert set(reference["heavy"]) >= {"pydantic", "rank_bm25", "yaml"}  # what a build needs
    built = _dump(tmp_path)  # builds, then writes the cache
    assert built["from_cache"] is False and list(tmp_path.glob("search-index-*.bin"))
    loaded = _dump(tmp_path)
    assert loaded["from_cache"] is True and loaded["heavy"] == []  # a warm question needs none of them
    assert loaded["results"] == reference["results"]
    assert built["results"] == reference["results"]


def test_the_whole_command_imports_nothing_heavy_when_warm(tmp_path):
    code = (
        "import sys\nfrom assistant.cli import main\nmain(['search', '电费有补贴吗', '--json'])\n"
        "print(sorted({'pydantic', 'numpy', 'rank_bm25', 'yaml', 'textual', 'opencc'} & set(sys.modules)))"
    )
    cmd = [sys.executable, "-c", code]
    for _ in range(2):  # the first run builds and writes; the second reads
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=_env(tmp_path), check=True)
    assert proc.stdout.splitlines()[-1] == "[]"


# --- the floats are rank-bm25's ------------------------------------------------------------------


def _documents(stats: dict) -> list[list[str]]:
    """Token lists with the stored counts (order does not matter to BM25)."""
    return [[term for term, n in doc.items() for _ in range(n)] for doc in stats["doc_freqs"]]


def test_scores_from_the_stored_statistics_are_rank_bm25s_to_the_bit():
    state = build_state()
    fields = {name: (stats, search_module.B[name]) for name, stats in state["fields"].items()}
    fields["bank"] = (state["bank"], search_module.B_BANK)
    for name, (stats, b) in fields.items():
        ref = Reference(_documents(stats), k1=search_module.K1, b=b, delta=0)
        assert ref.doc_len == stats["doc_len"] and ref.avgdl == stats["avgdl"], name
        ref.idf = stats["idf"]  # the index's whole-clause IDF, as build_state sets it
        ours = BM25Plus(stats, k1=search_module.K1, b=b, delta=0)
        for term in [*stats["idf"], "不在索引里的词"]:
            assert ours.get_scores([term]) == ref.get_scores([term]).tolist(), (name, term)


_WORDS = st.sampled_from(["用电", "用气", "奖励", "企业", "统计", "入规", "小升规", "a"])


@settings(max_examples=60, deadline=None)
@given(
    docs=st.lists(st.lists(_WORDS, min_size=1, max_size=12), min_size=1, max_size=8),
    query=st.lists(st.sampled_from(["用电", "奖励", "入规", "没有的词"]), max_size=4),
    k1=st.floats(0.1, 3.0),
    b=st.floats(0.0, 1.0),
    delta=st.sampled_from([0, 0.5, 1]),
)
def test_scores_equal_rank_bm25_on_any_corpus(docs, query, k1, b, delta):
    ref = Reference(docs, k1=k1, b=b, delta=delta)
    ours = BM25Plus(statistics(ref), k1=k1, b=b, delta=delta)
    assert ours.get_scores(query) == ref.get_scores(query).tolist()


# --- where and under which key ---------------------------------------------------------------------


def test_the_cache_lives_in_the_users_cache_directory(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "policy-assistant"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / ".cache" / "policy-assistant"
    monkeypatch.setenv(cache.ENV, str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere"
    for off in ("off", "0", "", "NONE"):
        monkeypatch.setenv(cache.ENV, off)
        assert cache.cache_dir() is None
        assert cache.write({"index": {}}) is False and cache.read() is None


@pytest.fixture
def fresh_key(monkeypatch):
    """cache_key() computed anew in the test and again after it."""
    cache.cache_key.cache_clear()
    yield cache.cache_key
    cache.cache_key.cache_clear()


def _copy_files(source: Path, target: Path) -> Path:
    target.mkdir()
    for path in source.iterdir():
        if path.is_file():
            (target / path.name).write_bytes(path.read_bytes())
    return target


def test_the_key_changes_with_a_corpus_file(monkeypatch, tmp_path, fresh_key):
    before = fresh_key()
    copy = _copy_files(cache.corpus.CORPUS_DIR, tmp_path / "corpus")
    monkeypatch.setattr(cache.corpus, "CORPUS_DIR", copy)
    fresh_key.cache_clear()
    assert fresh_key() == before  # the same bytes give the same key
    with (copy / "synonyms.yaml").open("a", encoding="utf-8") as f:
        f.write("\n# 改了一行注释\n")
    fresh_key.cache_clear()
    assert fresh_key() != before


def test_the_key_changes_with_the_search_code(monkeypatch, tmp_path, fresh_key):
    before = fresh_key()
    copy = _copy_files(cache._SEARCH_DIR, tmp_path / "search")
    with (copy / "index.py").open("a", encoding="utf-8") as f:
        f.write("\n# B 改了\n")
    monkeypatch.setattr(cache, "_SEARCH_DIR", copy)
    fresh_key.cache_clear()
    assert fresh_key() != before


def test_the_key_changes_with_python_and_covers_the_libraries(monkeypatch, fresh_key):
    before = fresh_key()
    monkeypatch.setattr(cache.sys, "version", sys.version + " (another build)")
    fresh_key.cache_clear()
    assert fresh_key() != before
    names = {(p.parent.name, p.name) for p in cache._inputs()}
    assert {("jieba", "__init__.py"), ("site-packages", "rank_bm25.py"), ("corpus", "lexicon.py")} <= names


# --- damaged, stale, unwritable ----------------------------------------------------------------------


@pytest.fixture
def cache_in(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    return tmp_path


def _stored_file(directory: Path) -> Path:
    (path,) = directory.glob("search-index-*.bin")
    return path


def test_write_then_read_round_trips(cache_in):
    data = {"vocabulary": {"a": [1, 2.5]}, "typos": {"b": ("c",)}, "index": {"d": frozenset({"e"})}}
    assert cache.write(data) is True
    assert cache.read() == data
    assert [p.name for p in cache_in.iterdir()] == [_stored_file(cache_in).name]  # no temporary file left


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]), id="one-bit-flipped"),
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: b"not a cache at all" * 10, id="garbage"),
        pytest.param(lambda raw: _MAGIC + bytes(32) + raw[len(_MAGIC) + 32 :], id="another-key"),
    ],
)
def test_a_damaged_or_foreign_file_is_ignored(cache_in, damage):
    assert cache.write({"vocabulary": {}, "typos": {}, "index": {}})
    path = _stored_file(cache_in)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.read() is None


def test_undecodable_content_with_a_valid_header_is_ignored(cache_in):
    assert cache.write({"vocabulary": {}, "typos": {}, "index": {}})
    path = _stored_file(cache_in)
    body = b"\x00\xff not marshal"
    head = cache._MAGIC + bytes.fromhex(cache.cache_key())
    path.write_bytes(head + hashlib.sha256(body).digest() + body)
    assert cache.read() is None


def test_a_file_of_the_wrong_shape_is_not_used(cache_in, monkeypatch):
    cache.stored.cache_clear()
    monkeypatch.setattr(cache, "read", lambda: {"index": {}})
    try:
        assert cache.stored() is None
    finally:
        cache.stored.cache_clear()


def test_an_unwritable_cache_directory_is_not_an_error(cache_in, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # what a read-only directory answers
    assert cache.write({"vocabulary": {}, "typos": {}, "index": {}}) is False
    assert list(cache_in.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_directory_still_answers(tmp_path):
    tmp_path.chmod(0o500)
    try:
        proc = _search(tmp_path)
    finally:
        tmp_path.chmod(0o700)
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout)["hits"][0]["id"] == "2"


def test_a_cache_path_that_cannot_be_a_directory_still_answers(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    proc = _search(blocker / "cache")  # mkdir fails: its parent is a file
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout)["hits"][0]["id"] == "2"


def test_a_missing_cache_directory_is_created(tmp_path):
    target = tmp_path / "not" / "yet" / "there"
    proc = _search(target)
    assert proc.returncode == 0 and proc.stderr == ""
    assert len(list(target.glob("search-index-*.bin"))) == 1


def test_a_corrupt_cache_file_gives_the_normal_answer_and_is_rewritten(tmp_path):
    good = _search(tmp_path)
    path = _stored_file(tmp_path)
    path.write_bytes(path.read_bytes()[:1000])
    again = _search(tmp_path)
    assert again.returncode == 0 and again.stderr == "" and again.stdout == good.stdout
    assert len(path.read_bytes()) > 1000  # rebuilt and written whole


def test_processes_building_at_once_all_answer_and_leave_one_whole_file(tmp_path):
    cmd = [sys.executable, "-m", "assistant", "search", "电费有补贴吗", "--json"]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=_env(tmp_path))
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs) and all(err == b"" for _, err in outputs)
    assert len({out for out, _ in outputs}) == 1
    # Beside it only the corpus YAML's parsed data (corpus/stored.py), and no temporary file.
    names = [p.name for p in tmp_path.iterdir() if not p.name.startswith("corpus-")]
    assert names == [_stored_file(tmp_path).name]
    env = _env(tmp_path)
    check = "from assistant.search import cache; print(cache.read() is not None)"
    proc = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.stdout.strip() == "True"


def test_old_files_are_pruned(cache_in):
    for i in range(cache._KEEP + 2):
        old = cache_in / f"search-index-old{i}.bin"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    stale_temp = cache_in / ".search-index-abc.tmp"
    stale_temp.write_bytes(b"x")
    os.utime(stale_temp, (1_000_000, 1_000_000))
    assert cache.write({"vocabulary": {}, "typos": {}, "index": {}})
    kept = sorted(p.name for p in cache_in.iterdir())
    assert len(kept) == cache._KEEP and _stored_file_named(cache_in) in kept
    assert f"search-index-old{cache._KEEP + 1}.bin" in kept and "search-index-old0.bin" not in kept


def _stored_file_named(directory: Path) -> str:
    return cache._path(directory, cache.cache_key()).name


def test_jiebas_hmm_loads_only_when_a_cut_needs_it(tmp_path):
    """Search cuts with HMM=False and never loads jieba.finalseg; a cut with HMM=True still gets it."""
    text = "营业执照年报怎么弄啊龘靐"  # characters no dictionary has: the HMM decides
    head = "import sys\nfrom assistant.search.segment import tokenizer\n"
    cut = f"print(tokenizer().lcut({text!r}, HMM=True))\n"
    lazy = (
        f"{head}from assistant.search.index import search\nsearch('电费有补贴吗')\n"
        f"print('jieba.finalseg.prob_emit' in sys.modules)\n{cut}"
        "print(type(sys.modules['jieba.finalseg']).__name__)"
    )
    eager = f"import jieba\n{head}{cut}"
    env = _env(tmp_path)
    run = [
        subprocess.run([sys.executable, "-c", c], capture_output=True, text=True, cwd=ROOT, env=env)
        for c in (lazy, eager)
    ]
    assert all(p.returncode == 0 and p.stderr == "" for p in run)
    loaded_before, words, kind = run[0].stdout.splitlines()
    assert loaded_before == "False" and kind == "module"
    assert words == run[1].stdout.strip() and "龘" in words
