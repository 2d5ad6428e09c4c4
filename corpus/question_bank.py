"""The question bank (``questions.yaml``): each clause's 标准问 and 相似问, as staff write them.

Light on purpose (pydantic; PyYAML only when the file is not cached, ``corpus.stored``): search
indexes it, tests check it against the notice.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from corpus import read_yaml

QUESTIONS_FILE = Path(__file__).resolve().parent / "questions.yaml"


class BankEntry(BaseModel):
    """How people ask one clause: its standard question and the similar ways of asking it."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    standard: str = Field(alias="标准问", min_length=2)
    similar: list[str] = Field(alias="相似问", default_factory=list)

    @field_validator("similar")
    @classmethod
    def _no_blank(cls, value: list[str]) -> list[str]:
        blank = [i + 1 for i, q in enumerate(value) if len(str(q).strip()) < 2]
        if blank:
            raise ValueError(f"相似问第 {'、'.join(map(str, blank))} 句为空或只有一个字，请写完整的问法")
        return value

    def questions(self) -> list[str]:
        return [self.standard, *self.similar]


@cache
def load_question_bank() -> dict[str, BankEntry]:
    """Clause id → its entry, in file order."""
    data = read_yaml(QUESTIONS_FILE)
    return {str(clause_id): BankEntry.model_validate(entry) for clause_id, entry in data.items()}
