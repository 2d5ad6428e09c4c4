"""A pytest plugin that records every call the tests make to the calculators' entry points.

Run once (``-p tests.golden.record``) to collect the labelled cases of tests/ as inputs for the
golden file: ``POLICY_ASSISTANT_RECORD=path.json.gz``. Not loaded by the ordinary suite.
"""

from __future__ import annotations

import atexit
import gzip
import json
import os

import calculators
from calculators import registry
from tests.golden.codec import encode

_CALLS: list[list[object]] = []
_PATH = os.environ.get("POLICY_ASSISTANT_RECORD", "")


def _wrap(name: str) -> None:
    inner = getattr(registry, name)

    def recorder(*args: object, **kwargs: object) -> object:
        try:
            _CALLS.append(encode([name, list(args), kwargs]))
        except TypeError:
            pass  # a hostile test's object that JSON cannot hold: not a labelled case
        return inner(*args, **kwargs)

    setattr(registry, name, recorder)
    setattr(calculators, name, recorder)


for _name in ("evaluate", "needed_fields", "precheck", "check_profile"):
    _wrap(_name)


@atexit.register
def _write() -> None:
    if not _PATH:
        return
    unique = {json.dumps(c, ensure_ascii=False, sort_keys=True) for c in _CALLS}
    with gzip.open(_PATH, "wt", encoding="utf-8") as f:
        json.dump([json.loads(u) for u in sorted(unique)], f, ensure_ascii=False)
