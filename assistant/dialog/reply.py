"""What the dialog engine answers: structured parts that each front end renders its own way."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from calculators.models import Estimate


class FieldPrompt(BaseModel):
    """The one question the interview waits on."""

    name: str
    label: str
    question: str
    unit: str
    example: str
    kind: str
    choices: list[str] = []
    measure: str | None = None
    can_assume: bool = False  # "不知道" gives a conditional answer (else the field is required)


class Offer(BaseModel):
    """A clause offered by number ("输入 2 看第二个")."""

    number: int
    id: str
    title: str


class ClauseView(BaseModel):
    """The open clause as the side panel shows it."""

    id: str
    heading: str
    text: str
    responsible_units: list[str]
    evidence: list[str]
    references: list[str]
    validity: str
    in_force: bool
    in_force_message: str
    highlight: list[str] = []


class ProfileRow(BaseModel):
    # Built on first use (the whole-profile check), not before the chat's first answer.
    model_config = ConfigDict(defer_build=True)

    measure: str
    title: str
    status: str
    award_yuan: Decimal | None
    upper_bound: bool = False
    paid_to_enterprise: bool = True


class ProfileTable(BaseModel):
    model_config = ConfigDict(defer_build=True)

    rows: list[ProfileRow]
    total_award_yuan: Decimal
    work_funds_yuan: Decimal = Decimal(0)
    notes: list[str] = []
    total_note: str = ""  # said beside the total: built on expired measures, an upper bound


class Reply(BaseModel):
    """One turn of the assistant. ``messages`` are plain Chinese paragraphs, in reading order."""

    messages: list[str] = []
    offered: list[Offer] = []
    clause: ClauseView | None = None
    question: FieldPrompt | None = None
    estimate: Estimate | None = None
    conditions: list[str] = []  # "若贵企业属于规上工业企业" — the estimate holds only if these do
    table: ProfileTable | None = None
    error: bool = False  # the input was refused; nothing changed
    hint: str | None = None  # what the next line should be, where no field question says it (练习)
