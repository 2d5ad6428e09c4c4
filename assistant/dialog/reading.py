"""Keeping what a person said, as part of the dialog engine: figures taken, corrections, look-ups.

A mixin of :class:`assistant.dialog.engine.DialogEngine` (kept apart for size). Everything stored is
said back ("已记下：…"), so a wrong reading is caught; a decline is said, never stored as a level.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import calculators
from assistant.dialog import intents
from assistant.dialog.extract import Extraction, extract, family_of, field_for_words
from assistant.dialog.render import format_value
from assistant.dialog.reply import Offer, Reply
from calculators import InputError
from calculators.fields import FIELDS, parse_field
from calculators.models import Estimate


class Reading:
    # The engine's state and helpers this part uses (set and defined by DialogEngine).
    known: dict[str, object]
    assumed: dict[str, str]
    deltas: list
    declined: set[str]
    derived: set[str]
    unsure: list[str]
    offered: list[str]
    open_id: str | None
    pending: str | None
    profile: list[str] | None
    estimates: dict[str, Estimate]
    last_read: dict[str, object]
    last_derived: dict[str, object]
    titles: dict[str, str]
    _advance: Callable[[Reply], Reply]
    _ask_again: Callable[[Reply], Reply]
    _open: Callable[..., Reply]
    _computable: Callable[[str], bool]

    def _set(self, name: str, value: object, derived: bool = False) -> None:
        if not derived:
            # a figure worked out from others ("今年 − 去年") goes when the person gives one of them anew
            family = family_of(name)
            for other in [n for n in self.derived if n != name and family_of(n) == family]:
                self.known.pop(other, None)
                self.derived.discard(other)
        (self.derived.add if derived else self.derived.discard)(name)
        self.known[name] = value
        self.assumed.pop(name, None)
        self.declined.discard(name)
        for d in list(self.deltas):  # "多了30万度" waits for one year's figure to give the other
            if name in (d.past, d.present):
                other = d.present if name == d.past else d.past
                amount = value + d.amount if name == d.past else value - d.amount  # type: ignore[operator]
                if other not in self.known and amount >= 0:
                    self.known[other] = parse_field(other, str(amount))
                self.deltas.remove(d)

    def _take(self, taken: Extraction, r: Reply) -> None:
        """Keep what was read from the question and say it back, so a wrong reading is caught."""
        said = []
        for t in taken.taken:
            old = self.known.get(t.field)
            self._set(t.field, t.value, t.derived)
            # ask --json's "read" is what the person said. Two of the three sales figures state the
            # third (one statement of growth); a year's level worked out from "多了X" is "derived".
            worked_out = t.derived and family_of(t.field) != "sales"
            (self.last_derived if worked_out else self.last_read)[t.field] = t.value
            note = f"（原为 {format_value(t.field, old)}）" if old is not None and old != t.value else ""
            note += f"（{t.source}）" if t.derived else ""
            if isinstance(t.value, date) and re.search(r"正月|大年|农历", str(t.source)):
                note += f"（农历「{t.source}」换算）"  # a lunar date said back as the day it was read as
            said.append(f"{FIELDS[t.field].label} {format_value(t.field, t.value)}{note}")
        for d in taken.deltas:
            self.deltas.append(d)
            known_year = next((n for n in (d.past, d.present) if n in self.known), None)
            if known_year is not None:
                self._set(known_year, self.known[known_year])  # fills the other year now
            said.append(f"同比增量 {format_value(d.present, d.amount)}")
        if said:
            r.messages.append("已记下：" + "；".join(said) + "。如有误，可说“××改成……”。")
        r.messages += taken.problems
        self.unsure = [n for n in taken.unsure if n not in self.known]
        for name, words, _amount in taken.declines:
            # Not in last_read either: the shared sample set counts any figure read for a decline
            # as wrong, so a decline is said back in words only.
            if name not in self.known:
                self.declined.add(name)
                r.messages.append(
                    f"您说的是同比下降（“{words}”）：本通知按增长给予奖励，下降不符合条件，这一数字未记下；"
                    "如实际是增长，请告诉增长了多少。"
                )

    def _change(self, change: intents.Change) -> Reply:
        r = Reply()
        if change.what is None:
            taken = extract(change.value, prefer=self.known)
            if not taken.taken and not taken.deltas:
                r.messages.append("没看懂要改哪一项。请这样说：“销售额改成900万”或“改：去年用电120万度”。")
                r.messages += taken.problems
                r.error = True
                return self._ask_again(r)
            self._take(taken, r)
            changed = [t.field for t in taken.taken]
        else:
            name = field_for_words(change.what + change.value, prefer=self.known)
            if name is None:
                known = "、".join(FIELDS[n].label for n in self.known) or "（尚无）"
                r.messages.append(f"没看懂要改哪一项。已填写的有：{known}。")
                r.error = True
                return self._ask_again(r)
            try:
                value = parse_field(name, change.value)
            except InputError as exc:
                r.messages.append(exc.message)
                r.error = True
                return self._ask_again(r)
            old = self.known.get(name)
            self._set(name, value)
            self.last_read[name] = value
            was = f"（原为 {format_value(name, old)}）" if old is not None else ""
            r.messages.append(f"已改：{FIELDS[name].label} {format_value(name, value)}{was}。")
            changed = [name]
        measure = self._measure_of(changed)
        if self.profile is None and measure is not None and measure != self.open_id:
            return self._open(measure, r)  # the correction belongs to another measure: show that one
        if self.open_id is not None and (self.pending is not None or self.open_id in self.estimates):
            return self._advance(r)
        return self._ask_again(r)

    def _next_field(self, needed: list[str]) -> str:
        """The field to ask: one the person named but did not state clearly comes first."""
        unsure = {family_of(n) for n in self.unsure}
        return next((n for n in needed if n in self.unsure or family_of(n) in unsure), needed[0])

    def _measures_using(self, names: list[str], computable_only: bool = True) -> list[str]:
        return [
            m
            for m in calculators.MEASURE_IDS
            if (self._computable(m) or not computable_only)
            and any(n in calculators.get_measure(m).fields for n in names)
        ]

    def _measure_of(self, names: list[str]) -> str | None:
        """The measure a corrected field belongs to: the open one if it uses it, else one computed."""
        users = self._measures_using(names)
        if not users or self.open_id in users:
            return self.open_id
        computed = [m for m in users if m in self.estimates]
        return (computed or users)[0]

    def _weak(self, result: object) -> bool:
        """A match reached only through one-character words or generic ones (气, 热, 企业): not enough.

        "今天天气怎么样" matches 用气 through 气 alone; an interview must not start from that.
        """
        from corpus.lexicon import load_lexicon

        lexicon = load_lexicon()
        best = result.hits[0]  # type: ignore[attr-defined]
        matched = set(best.matched)
        generic = set(lexicon.generic)
        from assistant.dialog.cues import simplified

        for token in result.tokens:  # type: ignore[attr-defined]
            if len(token) < 2 or token in generic:
                continue
            if token in matched or matched & set(lexicon.synonyms.get(token, ())):
                return False
            if simplified(token) in matched:  # 小升規 matched as 小升规
                return False
        return True

    def _lookup(self, text: str) -> Reply | None:
        """A one-word look-up ("出口") while a question is pending: list its clauses, keep the question."""
        from assistant.search.index import QueryError, search

        try:
            result = search(text, top=3)
        except QueryError:
            return None
        if not result.hits or self._weak(result):
            return None
        self.offered = [h.id for h in result.hits]
        offers = [Offer(number=i, id=h.id, title=h.title) for i, h in enumerate(result.hits, 1)]
        first = result.hits[0]
        message = (
            f"“{text}”见第{first.id}条 {first.title}（输入“选1”打开；当前问题仍在等待回答）。"
            if first.id.isdigit()
            else f"“{text}”见{first.title}（输入“选1”打开；当前问题仍在等待回答）。"
        )
        return self._ask_again(Reply(messages=[message], offered=offers))


def json_value(value: object) -> object:
    """A field's value for JSON: amounts as decimal strings, dates ISO, yes/no and enums as they are."""
    if isinstance(value, Decimal):
        text = f"{value:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, date):
        return value.isoformat()
    return value
