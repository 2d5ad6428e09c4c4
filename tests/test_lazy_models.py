"""A measure's pydantic input model is built when a figure is first validated, not at import:
the chat's first answer validates one measure's figures and should not wait for thirteen models."""

from __future__ import annotations

import subprocess
import sys

from calculators.registry import MEASURE_IDS, get_measure
from tests.conftest import ROOT


def test_importing_the_registry_builds_no_input_model():
    code = (
        "import pydantic, calculators.registry as r\n"
        "def every(c):\n"
        "    for s in c.__subclasses__():\n"
        "        yield s\n"
        "        yield from every(s)\n"
        "r.get_measure('1')\n"
        "print(sorted(c.__name__ for c in every(pydantic.BaseModel) if c.__name__.endswith('Input')))\n"
        "r.get_measure('1').input_model\n"
        "print(sorted(c.__name__ for c in every(pydantic.BaseModel) if c.__name__.endswith('Input')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    before, after = out.stdout.splitlines()
    assert before == "[]"
    assert after == "['SalesGrowthInput']"


def test_each_measure_has_one_model_over_its_fields():
    for mid in MEASURE_IDS:
        measure = get_measure(mid)
        assert measure.input_model is measure.input_model
        assert tuple(measure.input_model.model_fields) == measure.fields
