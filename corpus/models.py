"""Pydantic models of the notice as data. Unknown keys are refused so a typo in the YAML fails loudly."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    # Built on first use: the chat's first answer validates the notice (its clauses' schemas are
    # built with it) but not the parameters one by one, nor a clause alone.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Validity(Strict):
    """A clause's own period of validity where it sets one; ``end`` None means 长期有效.

    ``period`` is what the notice says where it states no dates (第5条): shown instead of dates,
    and ``reading`` says how this tool turns it into the ``end`` used to tell in force from expired.
    """

    start: date
    end: date | None
    note: str = ""
    period: str = ""
    reading: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def describe(self) -> str:
        if self.period:
            return self.period
        if self.end is None:
            return "长期有效"
        return f"{self.start:%Y年%-m月%-d日}至{self.end:%Y年%-m月%-d日}"


class NoticeMetadata(Strict):
    notice_title: str
    title: str
    number: str
    issuer: str
    issued_on: date
    valid_from: date
    valid_to: date
    interpreting_unit: str
    recipients: list[str]
    trailer: list[str]


class Section(Strict):
    id: str
    title: str


class Clause(Strict):
    id: str
    section: str | None
    title: str
    text: str
    responsible_units_text: str | None
    responsible_units: list[str]
    evidence: list[str]
    references: list[str]
    computable: bool
    validity: Validity | None = None


class Notice(Strict):
    metadata: NoticeMetadata
    sections: list[Section]
    clauses: list[Clause]

    def clause(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)

    def section_title(self, section_id: str | None) -> str:
        return next((f"{s.id}、{s.title}" for s in self.sections if s.id == section_id), "")

    def validity(self, clause_id: str) -> Validity:
        """The clause's own period, or the notice's (有特殊执行日期规定的除外)."""
        own = self.clause(clause_id).validity
        if own is not None:
            return own
        m = self.metadata
        return Validity(start=m.valid_from, end=m.valid_to, note=self.closing_validity())

    def closing_validity(self) -> str:
        """The closing provision on validity, verbatim: its first sentence."""
        text = self.clause("final").text
        return text[: text.index("。") + 1]


class Parameter(Strict):
    """A number the notice states, with the clause and the phrase it comes from."""

    value: str
    unit: str
    clause: str
    phrase: str
    # The figure as the phrase writes it ("100万元"): a test reads it back and compares with value.
    stated: str = ""
    description: str

    @property
    def decimal(self):  # noqa: ANN201 - Decimal, imported lazily to keep the model module light
        from decimal import Decimal

        return Decimal(self.value)


class ParameterSet(Strict):
    parameters: dict[str, Parameter]
