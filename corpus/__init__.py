"""The notice as data: load and validate the YAML files in this folder.

Light on purpose: PyYAML and the pydantic models are imported when a file is first loaded, not
when the package is (``corpus.text`` and the search cache need only the paths).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.models import Clause, Notice, NoticeMetadata, Parameter, Section, Validity

CORPUS_DIR = Path(__file__).resolve().parent
NOTICE_FILE = CORPUS_DIR / "notice.yaml"
PARAMETERS_FILE = CORPUS_DIR / "parameters.yaml"
_MODELS = ("Clause", "Notice", "NoticeMetadata", "Parameter", "Section", "Validity")


def read_yaml(path: Path) -> object:
    """A YAML file's data: as PyYAML parses it, kept between runs by ``corpus.stored``."""
    from corpus.stored import load_yaml

    return load_yaml(path)


@cache
def load_notice() -> Notice:
    from corpus.models import Notice

    return Notice.model_validate(read_yaml(NOTICE_FILE))


@cache
def load_parameters() -> dict[str, Parameter]:
    from corpus.models import ParameterSet

    return ParameterSet.model_validate(read_yaml(PARAMETERS_FILE)).parameters


def __getattr__(name: str) -> object:
    # The models stay importable from here (``from corpus import Clause``) without loading pydantic
    # for those who only need a path.
    if name in _MODELS:
        import corpus.models

        return getattr(corpus.models, name)
    raise AttributeError(f"module 'corpus' has no attribute {name!r}")


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
