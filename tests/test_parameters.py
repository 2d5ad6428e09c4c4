"""Every number a calculator uses is the notice's own: phrase in the clause, figure in the phrase."""

import ast
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from calculators.fields import parse_amount, parse_date
from corpus import load_notice, load_parameters
from corpus.models import Parameter

PARAMS = load_parameters()
CALC_DIR = Path(__file__).resolve().parent.parent / "calculators"
FORMULA_MODULES = [*sorted(CALC_DIR.glob("m[0-9]_*.py")), CALC_DIR / "referred.py"]


def stated_value(p: Parameter) -> Decimal | date:
    if p.unit == "percent":
        assert p.stated.endswith("%")
        return Decimal(p.stated[:-1])
    if p.unit == "date":
        return parse_date(p.stated)
    return parse_amount(p.stated)


def value_of(p: Parameter) -> Decimal | date:
    return date.fromisoformat(p.value) if p.unit == "date" else Decimal(p.value)


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_phrase_is_in_its_clause_and_states_the_value(name):
    p = PARAMS[name]
    assert p.phrase in load_notice().clause(p.clause).text, name
    assert p.stated and p.stated in p.phrase, name
    assert stated_value(p) == value_of(p), name


def test_a_drifted_value_would_be_caught():
    p = PARAMS["m1_step_award_yuan"].model_copy(update={"value": "20000"})
    assert stated_value(p) != value_of(p)


def test_every_parameter_is_used_by_a_calculator():
    source = "\n".join(f.read_text(encoding="utf-8") for f in CALC_DIR.glob("*.py"))
    unused = [n for n in PARAMS if f'"{n}"' not in source and f"'{n}'" not in source]
    assert unused == []


@pytest.mark.parametrize("path", FORMULA_MODULES, ids=lambda p: p.name)
def test_formulas_read_parameters_not_literals(path):
    """No number of the notice is typed into a formula: only 0, 1 and 100 (per cent) appear."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    indices = {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)}
    numbers = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float) and id(node) not in indices
    }
    assert numbers <= {0, 1, 100}, numbers
    # nor hidden in Decimal("…") strings
    decimals = re.findall(r'Decimal\("([0-9.]+)"\)', path.read_text(encoding="utf-8"))
    assert set(decimals) <= {"0.01"}, decimals  # 0.01: how a percentage is shown, not a rate
