"""The tree is the architecture: no import cycle between modules, nor between the packages of
``assistant/`` (each capability a package; front ends on top), walked from the source with ``ast``.

Every import counts, also those inside functions (a lazy import is still a dependency); only
``if TYPE_CHECKING:`` blocks are left out, since they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

TOP = ("assistant", "calculators", "corpus")
# What may sit directly in assistant/ beside its packages: the program's entry points.
ENTRY_MODULES = {"__init__", "__main__", "cli"}


def _modules() -> dict[str, Path]:
    found = {}
    for top in TOP:
        for path in (ROOT / top).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".")
        if MODULES[module].name != "__init__.py":
            package.pop()
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]


def _owner(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for inner in ast.walk(node)
        }
        deps = set()
        for node in ast.walk(tree):
            if id(node) not in skipped and isinstance(node, ast.Import | ast.ImportFrom):
                for target in _targets(module, node):
                    owner = _owner(target)
                    if owner and owner != module:
                        deps.add(owner)
        graph[module] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def package_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "assistant" and len(parts) > 1 else parts[0]


def test_the_walk_sees_the_imports():
    graph = import_graph()
    assert "assistant.search.segment" in graph["assistant.search.index"]
    assert "assistant.commands" in graph["assistant.cli"]  # a package's __init__ counts as a module
    assert "corpus" in graph["calculators.base"]


def test_no_import_cycle_between_modules():
    assert cycles(import_graph()) == []


def test_no_import_cycle_between_packages():
    packages: dict[str, set[str]] = {}
    for module, deps in import_graph().items():
        packages.setdefault(package_of(module), set()).update(
            package_of(d) for d in deps if package_of(d) != package_of(module)
        )
    assert cycles(packages) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# The one reader of figures (issue 9): search reads a rule's own figure in a question ("三十五万封顶")
# with it rather than with a second copy. It is pure (no jieba, no assistant), so the layers hold.
FIGURE_READER = {"calculators.quantity", "calculators.numbers"}


def test_the_lower_layers_do_not_reach_up():
    """The calculators and the corpus know nothing of the assistant; search knows only the corpus
    (and the figure reader)."""
    for module, deps in import_graph().items():
        if module.startswith(("calculators", "corpus")):
            assert not any(d.startswith("assistant") for d in deps), module
        if module.startswith("assistant.search"):
            assert {package_of(d) for d in deps - FIGURE_READER} <= {"assistant.search", "corpus"}, module


def test_assistant_holds_packages_and_entry_points_only():
    loose = {p.stem for p in (ROOT / "assistant").glob("*.py")} - ENTRY_MODULES
    assert loose == set(), f"modules outside a package: {sorted(loose)}"


def test_the_pure_figure_reader_loads_no_calculator_or_pydantic(tmp_path):
    """calculators.quantity (search reads the notice's own figures with it) stays pure: importing it
    loads neither pydantic nor the measures; the entry points still come on first use."""
    import subprocess
    import sys

    code = (
        "import sys, calculators.quantity\n"
        "print('pydantic' in sys.modules, 'calculators.registry' in sys.modules)\n"
        "from calculators import evaluate, MEASURE_IDS\n"
        "print(callable(evaluate), MEASURE_IDS[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False", "True", "1"]
