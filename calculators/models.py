"""The result of a calculation: an estimate that explains itself."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, field_serializer


def plain_decimal(value: Decimal) -> str:
    """A Decimal as plain digits: no exponent, no trailing zeros ("15000", "15000.5")."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class _Model(BaseModel):
    # Built on first use, not at import: the chat's first answer (a question back) builds none of
    # these for itself, and importing them sat before it (a model used inside another one, as the
    # estimate in a reply, has its schema built with that one).
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Step(_Model):
    """One line of the trace: what was done, how, the result, and the clause it rests on."""

    description: str
    formula: str
    value: str
    clause: str


class Unmet(_Model):
    """A condition that is not met (field None when no single input is at fault)."""

    field: str | None
    condition: str
    reason: str


class InForce(_Model):
    # Frozen: one instance is shared by every estimate of a measure on the same day.
    model_config = ConfigDict(extra="forbid", frozen=True)

    in_force: bool
    as_of: date
    period: str
    message: str


class Estimate(_Model):
    measure: str
    title: str
    # True exactly when the award is above zero; None where this notice sets no amount.
    eligible: bool | None
    award_yuan: Decimal | None
    upper_bound: bool
    steps: list[Step]
    unmet: list[Unmet]
    in_force: InForce
    next_step: list[str]
    responsible_units: list[str]
    evidence: list[str]
    notes: list[str]
    assumptions: list[str]
    paid_to_enterprise: bool
    # Measures 6 and 8: whether the enterprise falls within the scope as far as this notice says
    # (None where unknown or not applicable).
    in_scope: bool | None = None

    @field_serializer("award_yuan")
    def _award_as_text(self, value: Decimal | None) -> str | None:
        return None if value is None else plain_decimal(value)


class ValiditySummary(_Model):
    """Which measures are in force on a day, which have expired (by measure id), said in one text."""

    as_of: date
    in_force: list[str]
    expired: list[str]
    not_yet: list[str]
    text: str


class ProfileResult(_Model):
    """The whole-profile check: every measure computable from the profile, and what the rest need."""

    name: str | None
    as_of: date
    results: list[Estimate]
    missing: dict[str, list[str]]
    # The enterprise's own eligible awards; measure 9's work funds go to the township/department.
    total_award_yuan: Decimal
    work_funds_yuan: Decimal
    assumptions: list[str]
    # As of ``as_of``: the measures in and out of force, and what the total rests on (said beside it).
    validity: ValiditySummary | None = None
    total_expired_measures: list[str] = []
    total_upper_bound: bool = False
    total_note: str = ""

    @field_serializer("total_award_yuan", "work_funds_yuan")
    def _total_as_text(self, value: Decimal) -> str:
        return plain_decimal(value)
