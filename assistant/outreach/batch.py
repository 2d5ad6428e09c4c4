"""Batch check: one row per enterprise in, the whole-profile check's results out.

The figures come from the calculators alone (`calculators.check_profile`); this module reads
the rows, maps the columns, and writes each enterprise's results beside its own cells.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO

from assistant.fileio.failures import explain
from assistant.outreach.batch_layout import (
    EXAMPLE_PREFIX,
    NAME,
    Layout,
    batch_measures,
    is_label_row,
    output_header,
    output_labels,
    resolve_header,
)
from assistant.outreach.batch_summary import RowFacts, SummaryCollector, row_facts, total_note, xlsx_sheets
from assistant.sheets.cells import CellError, column_letters
from assistant.sheets.tabular import Progress, TabularError, read_rows, write_rows
from calculators import MEASURE_IDS, InputError, evaluate, get_measure, needed_fields
from calculators.fields import FIELDS, is_unknown, parse_field
from calculators.models import Estimate, plain_decimal

_CACHE_LIMIT = 20_000
_ABSENT = object()
_UNKNOWN = object()  # a cell saying 不知道: passed on as typed, for the check to state its assumption


@dataclass
class RowOutcome:
    """One row's check: the same parts as ``calculators.ProfileResult``."""

    results: list[Estimate] = field(default_factory=list)
    missing: dict[str, list[str]] = field(default_factory=dict)
    total_award_yuan: Decimal = Decimal(0)


@dataclass
class RowResult:
    cells: list[object]
    failed: bool
    expired: tuple[str, ...] = ()  # measures computed but out of force on the as-of date
    row_number: int = 0
    example: bool = False
    facts: RowFacts = field(default_factory=RowFacts)  # for the XLSX summary sheets


class RowChecker:
    """Checks rows one by one; remembers parsed cells (lists repeat 是/否 and the same figures)."""

    def __init__(self, layout: Layout, as_of: date | None, decimal_cells: bool) -> None:
        self.layout = layout
        self.as_of = as_of or date.today()
        self.measures = batch_measures()
        self.decimal_cells = decimal_cells  # xlsx: numbers; csv: plain digits
        self._parsed: dict[tuple[str, str], object] = {}
        self._field_cols = [(i, f) for i, f in layout.columns.items() if f != NAME]
        self._name_col = next(i for i, f in layout.columns.items() if f == NAME)
        self._measure_fields = {m: set(get_measure(m).fields) for m in self.measures}
        # A measure counts as started by a row when it has a field only that measure uses
        # (规上工业企业 alone, shared by 第1、3条, starts neither).
        self._own_fields = {
            m: fields - set().union(*(f for n, f in self._measure_fields.items() if n != m))
            for m, fields in self._measure_fields.items()
        }
        # Each measure's fields, and as many "absent" defaults: its key is built by map, in C.
        fields_of = [(m, get_measure(m).fields) for m in MEASURE_IDS]
        self._all_measures = [(m, f, (_ABSENT,) * len(f)) for m, f in fields_of]
        self._estimates: dict[tuple[object, ...], Estimate | list[str] | InputError] = {}

    def _parse(self, name: str, raw: str) -> object:
        key = (name, raw)
        try:
            value = self._parsed[key]
        except KeyError:
            try:
                value = _UNKNOWN if is_unknown(raw) else parse_field(name, raw)
            except InputError as exc:
                value = exc
            if len(self._parsed) < 200_000:  # bounded: memory stays flat on any file
                self._parsed[key] = value
        if isinstance(value, InputError):
            raise value
        return value

    def check_safely(self, row_number: int, row: Sequence[str]) -> RowResult:
        """``check``, with what hostile figures break below the parsers made that row's error."""
        try:
            return self.check(row_number, row)
        except OSError:
            raise  # the disk, not the row: the batch stops and leaves no half-written file
        except Exception as exc:
            message = explain(exc)
            if message is None:
                if os.environ.get("POLICY_ASSISTANT_DEBUG"):
                    raise
                message = f"测算这一行时程序出错（{type(exc).__name__}），请把这一行反馈给维护人员"
            width = len(self.layout.header)
            cells: list[object] = list(row[:width]) + [""] * (width - len(row))
            # the measures' cells, then total, its caveat, notes and errors
            cells += [""] * (2 * len(self.measures)) + ["", "", "", f"第{row_number}行：{message}"]
            return RowResult(cells, True, (), row_number)

    def check(self, row_number: int, row: Sequence[str]) -> RowResult:
        width = len(self.layout.header)
        cells: list[object] = list(row[:width]) + [""] * (width - len(row))
        errors: list[str] = []
        profile: dict[str, object] = {}
        if not {str}.issuperset(map(type, cells)):  # a cell not plain text (rare): look closer
            for i, cell in enumerate(cells):
                if isinstance(cell, CellError):  # too long or damaged: this row's error, not the file's
                    errors.append(f"第{row_number}行{column_letters(i)}列：{cell.message}")
        for i, name in self._field_cols:
            raw = cells[i]
            if raw == "" or isinstance(raw, CellError):
                continue
            if type(raw) is str:  # the usual cell: whether it says 不知道 is remembered with its value
                try:
                    value = self._parse(name, raw)
                except InputError as exc:
                    errors.append(f"第{row_number}行：{exc.message}")
                    continue
                profile[name] = raw if value is _UNKNOWN else value
                continue
            if is_unknown(raw):
                profile[name] = raw  # 不知道: the check states its assumption (or refuses the field)
                continue
            try:
                value = self._parse(name, str(raw))
                profile[name] = parse_field(name, str(raw)) if value is _UNKNOWN else value
            except InputError as exc:
                errors.append(f"第{row_number}行：{exc.message}")
        result = self._check_profile(row_number, profile, errors)
        cells += self._result_cells(result, profile)
        total = "" if errors else self._amount(result.total_award_yuan)
        caveat = "" if errors else total_note(result.results, self.as_of)  # beside the total
        cells += [total, caveat, self._notes(cells[self._name_col], result, profile), "；".join(errors)]
        expired: tuple[str, ...] = ()
        if result is not None:
            expired = tuple(e.measure for e in result.results if not e.in_force.in_force)
        name = str(cells[self._name_col])
        example = name.startswith(EXAMPLE_PREFIX)
        own_total = None if errors else result.total_award_yuan
        facts = row_facts(result.results, own_total, profile, name, row_number)
        return RowResult(cells, bool(errors), expired, row_number, example, facts)

    def _check_profile(self, row_number: int, profile: dict[str, object], errors: list[str]) -> RowOutcome:
        """``check_profile`` measure by measure, each measure's answer remembered.

        A measure's estimate depends on its own fields alone, so rows that share them (是/否
        answers, the same head count) reuse it. Per measure this follows ``check_profile``:
        computed when ``evaluate`` can decide, else listed with ``needed_fields``; the total is
        the enterprise's own eligible awards. tests/test_batch.py proves rows equal
        ``check_profile``'s results. A value the check refuses (e.g. an increase that is not the
        difference of the two quarters) fails that measure only; the row counts as failed.
        """
        outcome = RowOutcome()
        answer = profile.get
        for mid, fields, absent in self._all_measures:
            key = (mid, *map(answer, fields, absent))
            cached = self._estimates.get(key)
            if cached is None:
                cached = self._evaluate(mid, {f: profile[f] for f in fields if f in profile})
                # Amounts rarely repeat between enterprises: keep only keys of answers that do.
                if Decimal not in map(type, key):  # parse_amount gives Decimal itself, no subclass
                    if len(self._estimates) >= _CACHE_LIMIT:
                        self._estimates.clear()  # bounded: memory stays flat on any file
                    self._estimates[key] = cached
            if isinstance(cached, InputError):
                errors.append(f"第{row_number}行：{cached.message}")
            elif isinstance(cached, list):
                outcome.missing[mid] = cached
            else:
                outcome.results.append(cached)
        outcome.total_award_yuan = sum(
            (
                e.award_yuan
                for e in outcome.results
                if e.paid_to_enterprise and e.eligible and e.award_yuan is not None
            ),
            Decimal(0),
        )
        return outcome

    def _evaluate(self, mid: str, data: dict[str, object]) -> Estimate | list[str] | InputError:
        try:
            return evaluate(mid, data, self.as_of)
        except InputError as exc:
            try:
                still = needed_fields(mid, data)
            except InputError:
                still = []
            return still if still and exc.field in still else exc

    def _amount(self, value: Decimal) -> object:
        return value if self.decimal_cells else plain_decimal(value)

    def _result_cells(self, result: RowOutcome | None, profile: dict[str, object]) -> list[object]:
        by_measure: dict[str, Estimate] = {e.measure: e for e in result.results} if result else {}
        out: list[object] = []
        for m in self.measures:
            est = by_measure.get(m)
            if est is None:
                out += ["", ""]
                continue
            out.append(_eligible_text(est))
            out.append("" if est.award_yuan is None else self._amount(est.award_yuan))
        return out

    def _notes(self, name: object, result: RowOutcome | None, profile: dict[str, object]) -> str:
        notes: list[str] = []
        if name == "":
            notes.append("未填写企业名称")
        elif str(name).startswith(EXAMPLE_PREFIX):
            notes.append("模板示例行，不是真实企业，请删除本行")
        if not profile:
            notes.append("未填写任何测算数据")
        if result is None:
            return "；".join(notes)
        for est in result.results:
            if est.measure not in self._measure_fields:
                continue
            prefix = f"措施{est.measure}："
            if est.eligible and est.upper_bound:
                notes.append(prefix + "金额为最高额预估")
            if est.eligible and not est.paid_to_enterprise:
                notes.append(prefix + "工作经费拨付乡镇或部门，不计入企业合计")
            if est.eligible is False and est.unmet:
                notes.append(prefix + est.unmet[0].reason)
            if est.eligible is None and est.next_step:
                notes.append(prefix + est.next_step[0])
            notes += [prefix + a for a in est.assumptions]
        for m, fields in result.missing.items():
            # Only measures the row started: listing every untouched measure would bury the rest.
            if self._own_fields.get(m, set()) & profile.keys():
                labels = "、".join(FIELDS[f].label if f in FIELDS else f for f in fields)
                notes.append(f"措施{m}：尚缺{labels}")
        return "；".join(dict.fromkeys(notes))


def _eligible_text(est: Estimate) -> str:
    if est.eligible is not None:
        return "是" if est.eligible else "否"
    # Measures 6 and 8: this notice says who is in scope, another document sets the amount.
    return {True: "是（金额另定）", False: "否"}.get(est.in_scope, "金额另定")  # type: ignore[arg-type]


@dataclass
class BatchSummary:
    rows: int = 0
    failed: int = 0
    skipped_header_rows: int = 0
    expired_measures: set[str] = field(default_factory=set)
    unknown_columns: list[str] = field(default_factory=list)
    example_rows: list[int] = field(default_factory=list)  # the template's example, left in
    notices: list[str] = field(default_factory=list)  # e.g. a worker process was lost


_CHUNK = 500
_worker_checker: RowChecker | None = None


def _init_worker(layout: Layout, as_of: date | None, decimal_cells: bool) -> None:
    global _worker_checker
    _worker_checker = RowChecker(layout, as_of, decimal_cells)


def _check_chunk(chunk: list[tuple[int, list[str]]]) -> list[RowResult]:
    assert _worker_checker is not None
    return [_worker_checker.check_safely(number, row) for number, row in chunk]


def _chunks(rows: Iterator[tuple[int, list[str]]]) -> Iterator[list[tuple[int, list[str]]]]:
    chunk: list[tuple[int, list[str]]] = []
    for item in rows:
        chunk.append(item)
        if len(chunk) >= _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_jobs(rows: int | None) -> int:
    """Worker processes: none for short files (start-up would cost more than it saves)."""
    cpus = os.cpu_count() or 1
    long = rows is None or rows > 4 * _CHUNK  # unknown length: assume a long list
    return min(cpus, 4) if cpus > 1 and long else 0


WORKER_LOST = (
    "提示：一个测算进程意外退出（常见原因：内存不足被系统结束），未完成的行已改在主进程中测算，结果完整。"
)


def _checked(
    rows: Iterator[tuple[int, list[str]]],
    layout: Layout,
    as_of: date | None,
    decimal_cells: bool,
    jobs: int,
    notices: list[str] | None = None,
) -> Iterator[RowResult]:
    """Results in input order. With ``jobs`` > 0 the checks run in worker processes, a few chunks
    in flight at a time, so memory stays flat however long the file.

    A worker that dies (SIGKILL from the OOM killer) breaks the pool; multiprocessing.Pool would
    wait for its lost chunk forever, concurrent.futures says so (BrokenProcessPool). The chunks
    still in flight and the rows not yet sent are then checked in this process, and WORKER_LOST is
    added to ``notices``.
    """
    checker: RowChecker | None = None
    if jobs > 0:
        import multiprocessing
        from concurrent.futures import Future, ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        pool = ProcessPoolExecutor(
            jobs, mp_context=ctx, initializer=_init_worker, initargs=(layout, as_of, decimal_cells)
        )
        pending: deque[tuple[list[tuple[int, list[str]]], Future[list[RowResult]]]] = deque()
        chunks = _chunks(rows)
        unsent: list[tuple[int, list[str]]] | None = None
        try:
            for chunk in chunks:
                unsent = chunk  # submit raises too once the pool is broken
                pending.append((chunk, pool.submit(_check_chunk, chunk)))
                unsent = None
                while len(pending) >= 2 * jobs or (pending and pending[0][1].done()):
                    yield from pending[0][1].result()
                    pending.popleft()
            while pending:
                yield from pending[0][1].result()
                pending.popleft()
            return
        except BrokenProcessPool:
            if notices is not None:
                notices.append(WORKER_LOST)
            if unsent is not None:
                pending.append((unsent, None))  # type: ignore[arg-type]
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        checker = RowChecker(layout, as_of, decimal_cells)
        for chunk, _future in pending:  # in order: the lost chunk first, then those behind it
            for number, row in chunk:
                yield checker.check_safely(number, row)
        rows = itertools.chain.from_iterable(chunks)
    checker = checker or RowChecker(layout, as_of, decimal_cells)
    for number, row in rows:
        yield checker.check_safely(number, row)


def run_batch(
    input_path: Path,
    output_path: Path,
    as_of: date | None = None,
    progress_stream: IO[str] | None = None,
    jobs: int | None = None,
    field_names: bool = False,
) -> BatchSummary:
    """Check every row of INPUT and write OUTPUT (atomically). TabularError for an unusable file.

    ``jobs``: worker processes (None: chosen by the file's length; 0: check in this process).
    An XLSX output is headed by Chinese labels (``field_names``: by field names, as CSV always
    is, for scripts) and ends with the summary, near-miss and validity sheets.
    """
    summary = BatchSummary()
    with read_rows(input_path) as source:
        numbered, total = source.numbered, source.total
        first_row = next(numbered, None)
        if first_row is None:
            raise TabularError(
                f"输入文件“{input_path.name}”是空的：第一行应为表头（name 或 企业名称，及测算字段）。"
            )
        layout = resolve_header(first_row[1])
        summary.unknown_columns = layout.unknown
        decimal_cells = output_path.suffix.lower() == ".xlsx"
        measures = batch_measures()
        progress = Progress(total, progress_stream, label="批量测算")
        labels_only = decimal_cells and not field_names  # XLSX for people: one Chinese header row
        collector = SummaryCollector(as_of or date.today(), measures)
        with write_rows(output_path) as out:
            out.write(output_labels(layout, measures) if labels_only else output_header(layout, measures))
            first = next(numbered, None)
            if first is not None and is_label_row(first[1], layout):
                summary.skipped_header_rows = 1  # the template's Chinese labels: mirrored in the output
                if not labels_only:
                    out.write(output_labels(layout, measures))
                first = None
            data = itertools.chain([first] if first else [], numbered)
            workers = default_jobs(total) if jobs is None else jobs
            for result in _checked(data, layout, as_of, decimal_cells, workers, summary.notices):
                out.write(result.cells)
                summary.rows += 1
                summary.failed += result.failed
                summary.expired_measures.update(result.expired)
                if result.example:
                    summary.example_rows.append(result.row_number)
                collector.add(result.facts, result.failed)
                progress.advance()
            progress.finish()
            add_sheet = getattr(out, "add_sheet", None)  # XLSX only: a CSV holds one table
            if add_sheet is not None:
                for title, sheet in xlsx_sheets(collector):
                    add_sheet(title, sheet)
    return summary
