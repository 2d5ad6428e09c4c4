"""Excel's date cells as Python values: serial numbers (1900 and 1904 systems) and ISO-8601 text.

The reader showed dates as openpyxl converted them; this module gives the same values without
importing openpyxl (≈0.2 s), and tests/test_xlsx_dates.py checks it against openpyxl over many
serials and texts. The arithmetic (floats, millisecond rounding) is kept as openpyxl did it, so
that a file reads to the same text as before.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

EPOCH_1900 = datetime(1899, 12, 30)  # day 0 of the 1900 system, where serial 61 is 1900-03-01
EPOCH_1904 = datetime(1904, 1, 1)  # day 0 of the Mac 1904 system (workbookPr date1904)
_DAY_SECONDS = 86400

# Excel 1900 counts a 29 February 1900 that never was (serial 60), so for serials 1–59 a plain count
# from EPOCH_1900 falls a day short; like openpyxl, 59 and 60 both read as 1900-02-28.
_LEAP_BUG_BELOW = 60


def from_serial(value: float, date1904: bool = False, duration: bool = False) -> datetime | time | timedelta:
    """A numeric cell whose format shows a date or time: a datetime, a time (serials 0 ≤ v < 1) or,
    under an elapsed-time format ([h]:mm), a timedelta.

    OverflowError or ValueError for a serial outside the calendar (years 1–9999), NaN or infinity.
    """
    if duration:
        elapsed = timedelta(days=value)
        if elapsed.microseconds:  # to the millisecond, as Excel shows it
            elapsed = timedelta(
                seconds=elapsed.total_seconds() // 1, microseconds=round(elapsed.microseconds, -3)
            )
        return elapsed
    day, fraction = divmod(value, 1)
    clock = timedelta(milliseconds=round(fraction * _DAY_SECONDS * 1000))
    if 0 <= value < 1 and clock.days == 0:  # a time of day with no date
        minutes, seconds = divmod(clock.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return time(hours, minutes, seconds, clock.microseconds)
    if not date1904 and 0 < value < _LEAP_BUG_BELOW:
        day += 1
    return (EPOCH_1904 if date1904 else EPOCH_1900) + timedelta(days=day) + clock


# Cells of type "d" (ISO 8601, ECMA-376 §18.17.4): a date, a time, both, or (Excel's strict mode)
# a duration. Only a prefix need match, as openpyxl read them: "2024-02-05 12:30" is the date.
_ISO = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?"
)
_ISO_DURATION = re.compile(r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?")


def from_iso(text: str) -> date | datetime | time | timedelta:
    """An ISO-8601 cell: ValueError when it is none of a date, a time, both, or a PT…H…M…S duration."""
    match = _ISO.match(text)
    if match and any(match.groups()):
        part = match.groupdict()
        n = {k: int(part[k] or 0) for k in ("year", "month", "day", "hour", "minute", "second")}
        micro = int(float(part["microsecond"]) * 1_000_000) if part["microsecond"] else 0
        if not part["date"]:
            return time(n["hour"], n["minute"], n["second"], micro)
        if not part["time"]:
            return date(n["year"], n["month"], n["day"])
        return datetime(n["year"], n["month"], n["day"], n["hour"], n["minute"], n["second"], micro)
    match = _ISO_DURATION.match(text)
    if match and any(match.groups()):
        spans = {k: float(v) for k, v in match.groupdict().items() if v}
        return timedelta(**spans)
    raise ValueError(f"not an ISO 8601 date, time or duration: {text[:40]!r}")
