"""The notice as data: load and validate the YAML files in this folder.

Light on purpose (pydantic + PyYAML only): the calculators load parameters from here and
must start fast.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from corpus.models import Clause, Notice, NoticeMetadata, Parameter, ParameterSet, Section, Validity

CORPUS_DIR = Path(__file__).resolve().parent
NOTICE_FILE = CORPUS_DIR / "notice.yaml"
PARAMETERS_FILE = CORPUS_DIR / "parameters.yaml"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> object:
    with path.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)


@cache
def load_notice() -> Notice:
    return Notice.model_validate(_read_yaml(NOTICE_FILE))


@cache
def load_parameters() -> dict[str, Parameter]:
    return ParameterSet.model_validate(_read_yaml(PARAMETERS_FILE)).parameters


__all__ = [
    "CORPUS_DIR",
    "Clause",
    "Notice",
    "NoticeMetadata",
    "Parameter",
    "Section",
    "Validity",
    "load_notice",
    "load_parameters",
]
