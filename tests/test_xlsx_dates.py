"""Date cells without openpyxl (issue 13): the serial conversion, ISO-8601 text and the number-format
tests equal openpyxl's over many inputs, and a sheet of date-styled cells reads as openpyxl read it.

openpyxl is a test dependency only: it is the reference the reader was built to match.
"""

import math
import re
from datetime import date, datetime, time, timedelta
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.styles import numbers as op_numbers
from openpyxl.utils import datetime as op_datetime

from assistant.sheets.xlsx import value_text
from assistant.sheets.xlsx_dates import EPOCH_1900, EPOCH_1904, from_iso, from_serial
from assistant.sheets.xlsx_formats import (
    BUILTIN_FORMATS,
    ZH_CN_FORMATS,
    builtin_format,
    is_date_format,
    is_elapsed_format,
)
from tests.test_xlsx import hand_built, new_read, old_read, package


def outcome(convert, *args, **kwargs):
    """A conversion's value with its exact type, or the class of what it raised."""
    try:
        value = convert(*args, **kwargs)
    except (ValueError, OverflowError, TypeError) as exc:
        return ("raised", type(exc))
    return (type(value), value)


def ours(value, date1904, duration):
    return outcome(from_serial, value, date1904, duration=duration)


def theirs(value, date1904, duration):
    epoch = op_datetime.CALENDAR_MAC_1904 if date1904 else op_datetime.WINDOWS_EPOCH
    return outcome(op_datetime.from_excel, value, epoch, timedelta=duration)


def test_epochs_are_openpyxls():
    assert (EPOCH_1900, EPOCH_1904) == (op_datetime.WINDOWS_EPOCH, op_datetime.CALENDAR_MAC_1904)


@pytest.mark.parametrize(
    ("serial", "date1904", "duration", "shown"),
    [
        (1, False, False, "1900-01-01"),
        (59, False, False, "1900-02-28"),
        (60, False, False, "1900-02-28"),  # Excel's 29 February 1900, which never was
        (61, False, False, "1900-03-01"),
        (45327, False, False, "2024-02-05"),
        (45327.75, False, False, "2024-02-05"),  # a datetime: its date part is shown
        (2958465, False, False, "9999-12-31"),
        (0, False, False, "00:00:00"),  # below one day: a time of day
        (0.5, False, False, "12:00:00"),
        (0.999999999, False, False, "1900-01-01"),  # rounds up to a whole day: no longer a time
        (-1, False, False, "1899-12-29"),
        (0, True, False, "00:00:00"),
        (1, True, False, "1904-01-02"),
        (43865, True, False, "2024-02-05"),
        (1.25, False, True, "1 day, 6:00:00"),  # [h]:mm: a duration
        (10.6320601851852, False, True, "10 days, 15:10:10"),
    ],
)
def test_serials_read_as_excel_shows_them(serial, date1904, duration, shown):
    assert value_text(from_serial(serial, date1904, duration=duration)) == shown


@pytest.mark.parametrize("serial", [2958466, -700_000, 1e20, -1e20, math.inf, -math.inf, math.nan])
@pytest.mark.parametrize("date1904", [False, True])
def test_serials_outside_the_calendar_are_refused(serial, date1904):
    with pytest.raises((OverflowError, ValueError)):
        from_serial(serial, date1904)


def test_every_integer_serial_near_the_leap_bug_and_a_stride_of_the_calendar_equal_openpyxls():
    serials = [*range(-1000, 1000), *range(-700_000, 3_000_000, 997)]
    for date1904 in (False, True):
        for duration in (False, True):
            assert [ours(s, date1904, duration) for s in serials] == [
                theirs(s, date1904, duration) for s in serials
            ]


_DAY_FRACTIONS = st.integers(-800_000, 3_100_000).flatmap(
    lambda day: st.integers(0, 86_400_000).map(lambda ms: day + ms / 86_400_000)
)


@settings(max_examples=2000, deadline=None)
@given(
    st.one_of(
        st.integers(-800_000, 3_100_000),
        st.floats(-800_000, 3_100_000),
        _DAY_FRACTIONS,
        st.floats(),  # NaN, infinities, 1e308
        st.integers(),
    ),
    st.booleans(),
    st.booleans(),
)
def test_serial_conversion_equals_openpyxls(serial, date1904, duration):
    assert ours(serial, date1904, duration) == theirs(serial, date1904, duration)


_D2 = st.integers(0, 99).map("{:02d}".format)
_ISO_TEXT = st.tuples(
    st.one_of(st.just(""), st.tuples(st.integers(0, 9999).map("{:04d}".format), _D2, _D2).map("-".join)),
    st.sampled_from(["", "T", " "]),
    st.one_of(
        st.just(""),
        st.tuples(_D2, _D2).map(":".join),
        st.tuples(_D2, _D2, _D2).map(":".join),
        st.tuples(_D2, _D2, _D2, st.from_regex(r"\.\d{1,4}", fullmatch=True)).map(
            lambda p: ":".join(p[:3]) + p[3]
        ),
    ),
    st.sampled_from(["", "Z", "+08:00", "x"]),
).map("".join)
_DURATION = st.tuples(
    st.sampled_from(["PT", "P", "pt"]),
    st.sampled_from(["", "3H", "30H", "0H"]),
    st.sampled_from(["", "5M", "61M"]),
    st.sampled_from(["", "7S", "7.25S", "59.999S", "1.5S"]),
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        _ISO_TEXT, _DURATION, st.from_regex(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?"), st.text(max_size=30)
    ).filter(bool)  # an empty cell never reaches the conversion
)
def test_iso_cells_equal_openpyxls(text):
    assert outcome(from_iso, text) == outcome(op_datetime.from_ISO8601, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024-02-05", date(2024, 2, 5)),
        ("2024-02-05T14:30:00Z", datetime(2024, 2, 5, 14, 30)),
        ("2024-02-05T14:30:00.5", datetime(2024, 2, 5, 14, 30, 0, 500_000)),
        ("14:30", time(14, 30)),
        ("PT30H5M", timedelta(hours=30, minutes=5)),
    ],
)
def test_iso_cells_read_as_written(text, value):
    assert from_iso(text) == value


@pytest.mark.parametrize("text", ["2024-13-01", "yesterday", "PT"])
def test_iso_text_that_is_no_date_is_refused(text):
    with pytest.raises(ValueError):
        from_iso(text)


def test_builtin_table_is_openpyxls_for_every_id_but_the_chinese_locale_ones():
    ids = [i for i in range(-5, 400) if i not in ZH_CN_FORMATS]
    assert [builtin_format(i) for i in ids] == [op_numbers.builtin_format_code(i) for i in ids]
    assert set(BUILTIN_FORMATS) == set(range(23)) | set(range(37, 50))  # 23–36 depend on the locale
    assert set(ZH_CN_FORMATS) == set(range(27, 37)) | set(range(50, 59))
    assert all(op_numbers.builtin_format_code(i) is None for i in ZH_CN_FORMATS)  # openpyxl: numbers


@pytest.mark.parametrize("fmt_id", sorted(ZH_CN_FORMATS))
def test_chinese_excels_locale_ids_are_dates_or_times(fmt_id):
    assert is_date_format(builtin_format(fmt_id))
    assert not is_elapsed_format(builtin_format(fmt_id))


_TIME_IDS = {32, 33, 34, 35, 55, 56}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 2_958_465).map(str) | _DAY_FRACTIONS.map(repr), min_size=1, max_size=8))
def test_a_chinese_excel_date_cell_reads_as_a_date_not_its_serial(tmp_path_factory, serials):
    """A serial under each zh-CN locale id reads as it does under the plain date (14) or time (20) id:
    as a date or time, never as the number openpyxl gave."""
    ids = [14, 20, *sorted(ZH_CN_FORMATS)]
    styles = '<cellXfs><xf numFmtId="0"/>' + "".join(f'<xf numFmtId="{i}"/>' for i in ids) + "</cellXfs>"
    rows = "".join(
        f'<x:row r="{r}">'
        + "".join(f'<x:c s="{s}"><x:v>{v}</x:v></x:c>' for s in range(1, len(ids) + 1))
        + "</x:row>"
        for r, v in enumerate(serials, start=1)
    )
    parts = hand_built(rows, strings="<si><t>日期</t></si>", styles=styles)
    path = package(tmp_path_factory.mktemp("zh") / "zh.xlsx", parts)
    for (_, cells), serial in zip(new_read(path)[0], serials, strict=True):
        plain_date, plain_time, *locale = cells
        for fmt_id, text in zip(sorted(ZH_CN_FORMATS), locale, strict=True):
            assert text == (plain_time if fmt_id in _TIME_IDS else plain_date), (fmt_id, serial)
            assert text != serial


def test_chinese_long_date_reads_as_the_day(tmp_path):
    """长日期 as Chinese Excel saves it (id 31, no code in the file): 45327 is 2024年2月5日."""
    styles = '<cellXfs><xf numFmtId="0"/><xf numFmtId="31"/></cellXfs>'
    rows = '<x:row r="1"><x:c s="1"><x:v>45327</x:v></x:c></x:row>'
    parts = hand_built(rows, strings="<si><t>日期</t></si>", styles=styles)
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(' date1904="1"', "")
    [(_, [text])] = new_read(package(tmp_path / "d.xlsx", parts))[0]
    assert text.startswith("2024-02-05")


@pytest.mark.parametrize(
    ("fmt", "is_date", "elapsed"),
    [
        ("yyyy-mm-dd", True, False),
        ('yyyy"年"m"月"d"日"', True, False),
        ('上午/下午h"时"mm"分"', True, False),
        ("[$-804]aaaa", False, False),  # a weekday name in a locale section: no date letter left
        ("[$-804]yyyy/m/d", True, False),
        ("[Red]0.00;[Blue]-0.00", False, False),
        ('0.00"days"', False, False),  # quoted text is no date
        (r"0\d", False, False),  # an escaped character is shown as itself
        ("0_m", False, False),  # "_m": a space as wide as an m
        ("[h]:mm:ss", True, True),
        ("[mm]:ss", True, True),
        ("h:mm AM/PM", True, False),
        ("0;yyyy", False, False),  # only the first section counts
        ("General", False, False),
        ("@", False, False),
    ],
)
def test_format_classification_cases(fmt, is_date, elapsed):
    assert (is_date_format(fmt), is_elapsed_format(fmt)) == (is_date, elapsed)


_FORMAT_TOKENS = [
    *"ymdhsYMDHSaAeEbBgGn0#?.,%@*-/: ;()+$年月日时分秒",
    *["yyyy", "mm", "mmm", "dd", "hh", "ss", ".0", ".000", "E+", "AM/PM", "A/P", "上午/下午"],
    *['"', '"年"', '"days"', '"h"', "\\", "\\d", "\\m", "_", "_)", "_(", "_m", "[", "]"],
    *["[Red]", "[RED]", "[Color10]", "[$-804]", "[$-F800]", "[$¥-804]", "[DBNum1]", "[>100]"],
    *["[h]", "[hh]", "[H]", "[m]", "[mm]", "[s]", "[ss]", "[h]:mm", "[h]:mm:ss", "[mm]:ss.00", "[hhh]"],
    *["General", "G/通用格式"],
]
FORMATS = st.one_of(
    st.lists(st.sampled_from(_FORMAT_TOKENS), max_size=12).map("".join),
    st.sampled_from(sorted(BUILTIN_FORMATS.values())),
    st.text(max_size=20),
)


def test_every_pair_of_format_tokens_classifies_as_openpyxl_does():
    pairs = [a + b for a in _FORMAT_TOKENS for b in _FORMAT_TOKENS]
    assert [(is_date_format(f), is_elapsed_format(f)) for f in pairs] == [
        (op_numbers.is_date_format(f), op_numbers.is_timedelta_format(f)) for f in pairs
    ]


@settings(max_examples=2000, deadline=None)
@given(FORMATS)
def test_format_classification_equals_openpyxls(fmt):
    assert is_date_format(fmt) == op_numbers.is_date_format(fmt)
    assert is_elapsed_format(fmt) == op_numbers.is_timedelta_format(fmt)


def _styles(codes: list[str]) -> str:
    custom = "".join(
        f"<numFmt numFmtId={quoteattr(str(164 + i))} formatCode={quoteattr(c)}/>" for i, c in enumerate(codes)
    )
    xfs = "".join(f'<xf numFmtId="{164 + i}"/>' for i in range(len(codes)))
    builtin = "".join(f'<xf numFmtId="{i}"/>' for i in (14, 22, 46, 45, 20))
    return f'<numFmts>{custom}</numFmts><cellXfs><xf numFmtId="0"/>{xfs}{builtin}</cellXfs>'


_XML_SAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd]")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(FORMATS.map(lambda f: _XML_SAFE.sub("", f)), min_size=1, max_size=6),
    st.lists(
        st.one_of(
            st.integers(-800_000, 3_100_000).map(str),
            st.floats(-800_000, 3_100_000).map(repr),
            _DAY_FRACTIONS.map(repr),
            st.sampled_from(["1e20", "-1e20", "0", "60", "45327.5"]),
        ),
        min_size=1,
        max_size=12,
    ),
    st.booleans(),
)
def test_a_sheet_of_date_cells_reads_as_openpyxl_read_it(tmp_path_factory, codes, serials, date1904):
    """Whole files: every serial under every style (custom codes, then ids 14, 22, 46, 45, 20)."""
    styles = len(codes) + 6
    rows = "".join(
        f'<x:row r="{r}">'
        + "".join(f'<x:c s="{s}"><x:v>{v}</x:v></x:c>' for s in range(styles))
        + f'<x:c t="d"><x:v>{"2024-02-05T14:30" if r % 2 else "PT30H"}</x:v></x:c></x:row>'
        for r, v in enumerate(serials, start=1)
    )
    parts = hand_built(rows, strings="<si><t>日期</t></si>", styles=_styles(codes))
    if not date1904:
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(' date1904="1"', "")
    path = package(tmp_path_factory.mktemp("dates") / "d.xlsx", parts)
    assert new_read(path)[0] == old_read(path)[0]
