"""The whole-profile check ("体检"), as part of the dialog engine: every computable measure in turn.

A mixin of :class:`assistant.dialog.engine.DialogEngine` (kept apart for size); it uses the engine's
state (``known``, ``pending``, ``profile``, ``stopped`` …) and its ``_ask``/``_data`` helpers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import calculators
from assistant.dialog import answers
from assistant.dialog.reply import ProfileTable, Reply
from calculators.models import Estimate, Unmet
from corpus import Notice


class ProfileInterview:
    # The engine's state and helpers this part uses (set and defined by DialogEngine).
    as_of: date
    notice: Notice
    titles: dict[str, str]
    assumed: dict[str, str]
    pending: str | None
    open_id: str | None
    profile: list[str] | None
    stopped: dict[str, Unmet]
    estimates: dict[str, Estimate]
    last_table: ProfileTable | None
    _computable: Callable[[str], bool]
    _data: Callable[[], dict[str, object]]
    _ask: Callable[[str, Reply, str | None], Reply]

    def _start_profile(self) -> Reply:
        """Begin: every computable measure, in the notice's order; known fields are not asked."""
        self.profile = [m for m in calculators.MEASURE_IDS if self._computable(m)]
        self.stopped = {}
        self.pending = None
        r = Reply(
            messages=["开始政策体检：依次询问各项措施所需信息（已填写的不再询问；不清楚可答“不知道”）。"]
        )
        return self._advance_profile(r)

    def _advance_profile(self, r: Reply) -> Reply:
        assert self.profile is not None
        while self.profile:
            measure = self.profile[0]
            unmet = calculators.precheck(measure, self._data())
            if unmet is not None:
                self.stopped[measure] = unmet
                r.messages.append(answers.unmet_text(measure, self.titles[measure], unmet))
                self.profile.pop(0)
                continue
            needed = calculators.needed_fields(measure, self._data())
            if needed:
                if self.open_id != measure:
                    self.open_id = measure
                    r.clause = answers.clause_view(self.notice, measure, self.as_of, [])
                    r.messages.append(f"（第{measure}条 {self.titles[measure]}）")
                return self._ask(needed[0], r, measure)
            self.profile.pop(0)
        self.profile = None
        self.pending = None
        result = calculators.check_profile(self._data(), as_of=self.as_of)
        for est in result.results:
            self.estimates[est.measure] = est
        referred = {c.id for c in self.notice.clauses if c.references and not c.computable}
        table = answers.profile_table(result, self.stopped, self.titles, referred)
        table.notes = [f"假设：{t}" for t in self.assumed.values()] + [
            n for n in table.notes if n[3:] not in self.assumed.values()
        ]
        self.last_table = table
        r.table = table
        r.messages.append("体检完成。")
        return r
