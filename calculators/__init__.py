"""Exact award calculators for the notice's measures (no jieba, no textual: light to import).

Entry points: :func:`evaluate`, :func:`needed_fields`, :func:`precheck`, :func:`check_profile`;
field metadata in :mod:`calculators.fields`; readable output in :mod:`calculators.explain`.

The entry points are loaded on first use (PEP 562): importing a pure part such as
``calculators.quantity`` (the figure reader search uses) must not load pydantic and every measure.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from calculators.errors import InputError
    from calculators.models import Estimate, InForce, ProfileResult, Step, Unmet
    from calculators.registry import (
        MEASURE_IDS,
        check_profile,
        evaluate,
        get_measure,
        needed_fields,
        precheck,
    )

_HOME = {
    "InputError": "calculators.errors",
    **dict.fromkeys(("Estimate", "InForce", "ProfileResult", "Step", "Unmet"), "calculators.models"),
    **dict.fromkeys(
        ("MEASURE_IDS", "check_profile", "evaluate", "get_measure", "needed_fields", "precheck"),
        "calculators.registry",
    ),
}

__all__ = [
    "MEASURE_IDS",
    "Estimate",
    "InForce",
    "InputError",
    "ProfileResult",
    "Step",
    "Unmet",
    "check_profile",
    "evaluate",
    "get_measure",
    "needed_fields",
    "precheck",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'calculators' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # once found, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
