"""Spreadsheet files as offices have them: CSV (UTF-8 with or without BOM, GBK, UTF-16) and XLSX.

Rows are streamed in and out so memory stays flat on long lists; every output goes to a
temporary file beside the target and is renamed into place only when complete, so a
failure never leaves a half-written file under the name the person asked for.
"""

from __future__ import annotations

import contextlib
import csv
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Protocol

from assistant.fileio import atomic as files
from assistant.sheets.cells import TabularError
from calculators.models import plain_decimal

SUFFIXES = (".csv", ".xlsx")
INPUT_SUFFIXES = (*SUFFIXES, ".xlsm")  # a macro-enabled workbook's sheets read like any other


def check_suffix(path: Path, role: str, allowed: tuple[str, ...] = SUFFIXES) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        also = "（Excel 工作簿；启用宏的 .xlsm 也可）" if ".xlsm" in allowed else "（Excel 工作簿）"
        raise TabularError(f"{role}文件“{path.name}”的扩展名不受支持：请使用 .csv 或 .xlsx{also}文件。")
    return suffix


def _csv_data_rows(path: Path) -> int:
    """Lines less the header: a cheap count for the progress bar (quoted line breaks aside)."""
    with path.open("rb") as f:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    return max(lines - 1, 0)


@dataclass
class RowSource:
    """An open input: its non-empty rows with their numbers (header included) and, where cheaply
    known, how many data rows. A cell that could not be read is an ``assistant.sheets.cells.CellError``."""

    numbered: Iterator[tuple[int, list[str]]]
    total: int | None

    @property
    def rows(self) -> Iterator[list[str]]:
        return (cells for _number, cells in self.numbered)


@contextlib.contextmanager
def read_rows(path: Path) -> Iterator[RowSource]:
    """Open INPUT and yield its rows (lists of cell text, header rows included) and their count."""
    suffix = check_suffix(path, "输入", INPUT_SUFFIXES)
    if not path.exists():
        raise TabularError(f"找不到输入文件“{path}”，请检查路径。")
    if not path.is_file():  # a folder, a device (/dev/zero), a pipe: no list of enterprises
        raise TabularError(f"输入“{path}”不是普通文件：请给出 .csv 或 .xlsx 文件的路径。")
    if suffix == ".csv":
        from assistant.sheets.csv_input import CsvProblem, detect_encoding, numbered_records

        try:
            encoding, errors = detect_encoding(path)
            with path.open(encoding=encoding, errors=errors, newline="") as f:
                yield RowSource(numbered_records(f), _csv_data_rows(path))
        except CsvProblem as exc:
            raise TabularError(str(exc)) from None
        except UnicodeDecodeError as exc:
            raise TabularError(
                f"无法读取 CSV 文件“{path.name}”（{exc.encoding} 编码中有无效字节）："
                "请用 Excel 另存为“CSV UTF-8”或“CSV（逗号分隔）”后重试。"
            ) from None
        return
    from assistant.sheets.xlsx import SheetReader

    reader = SheetReader(path)  # TabularError for a file that is no workbook
    try:
        yield RowSource(reader.numbered(), reader.total)
    finally:
        reader.close()


class RowWriter(Protocol):
    def write(self, row: Sequence[object]) -> None: ...


# OWASP's CSV-injection rule: Excel and WPS run a cell that begins so as a formula.
_FORMULA_START = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def csv_safe(value: object) -> object:
    """A cell for CSV output: text that a spreadsheet would run as a formula gets a leading "'".

    Plain numbers ("-5", "+86") are left alone: no formula, and a quote would make them text.
    Decimal amounts are written as plain digits (never an exponent).
    """
    if value.__class__ is str:  # the common case first: one look at the first character
        if value and value[0] in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(value):  # type: ignore[index]
            return "'" + value  # type: ignore[operator]
        return value
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_decimal(value)
    return value


class _CsvWriter:
    def __init__(self, f: IO[str]) -> None:
        self._writer = csv.writer(f)

    def write(self, row: Sequence[object]) -> None:
        self._writer.writerow([csv_safe(v) for v in row])


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """``assistant.fileio.atomic.atomic_path`` with its refusal as a TabularError (what batch reports)."""
    try:
        with files.atomic_path(target) as tmp:
            yield tmp
    except files.OutputError as exc:
        raise TabularError(exc.message) from None


def atomic_write_text(target: Path, text: str, encoding: str = "utf-8") -> None:
    """Write a whole text file atomically (kept for callers of the old name)."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)


@contextlib.contextmanager
def write_rows(path: Path, sheet_title: str = "结果") -> Iterator[RowWriter]:
    """Stream rows to OUTPUT (.csv with a BOM so Excel shows the Chinese, or .xlsx), atomically."""
    suffix = check_suffix(path, "输出")
    with atomic_path(path) as tmp:
        if suffix == ".csv":
            with tmp.open("w", encoding="utf-8-sig", newline="") as f:
                yield _CsvWriter(f)
            return
        from assistant.sheets.xlsx_writer import XlsxWriter

        with XlsxWriter(tmp, sheet_title) as writer:  # streamed: rows never pile up in memory
            yield writer


class Progress:
    """A progress bar on standard error: redrawn in place on a terminal, a line now and then in a log.

    Silent for short files that are not on a terminal, so pipes and tests stay clean.
    """

    LOG_MIN_ROWS = 10_000

    def __init__(self, total: int | None, stream: IO[str] | None = None, label: str = "处理") -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.label = label
        self.done = 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = self.tty or (total or 0) >= self.LOG_MIN_ROWS
        self._start = time.monotonic()
        self._last = 0.0
        self._next_log = 0.1

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled or self.done % 64:
            return
        now = time.monotonic()
        if self.tty and now - self._last >= 0.1:
            self._last = now
            self._draw(now)
        elif not self.tty and self.total and self.done / self.total >= self._next_log:
            self._next_log += 0.1
            self.stream.write(f"{self.label}：已完成 {self.done:,}/{self.total:,} 行\n")
            self.stream.flush()

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self._start, 1e-9)
        if self.total:
            fraction = min(self.done / self.total, 1.0)
            filled = int(fraction * 30)
            bar = "█" * filled + "░" * (30 - filled)
            text = f"\r{self.label} {bar} {fraction:4.0%} {self.done:,}/{self.total:,} 行 {rate:,.0f} 行/秒"
        else:
            text = f"\r{self.label}：已完成 {self.done:,} 行 {rate:,.0f} 行/秒"
        self.stream.write(text)
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
