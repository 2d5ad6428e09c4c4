"""Exact award calculators for the notice's measures (no jieba, no textual: light to import).

Entry points: :func:`evaluate`, :func:`needed_fields`, :func:`precheck`, :func:`check_profile`;
field metadata in :mod:`calculators.fields`; readable output in :mod:`calculators.explain`.
"""

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
