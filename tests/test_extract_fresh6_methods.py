"""Extraction methods added for issue 9 after the fresh6 set: 度 beside how cold or hot it is is a
temperature, later words re-date a figure, a fact still pending is not yes. Sentences written for
these tests, not taken from a question set.
"""

import pytest

from assistant.dialog.extract import extract


def _read(text: str) -> dict:
    return {t.field: t.value for t in extract(text).taken}


@pytest.mark.parametrize("text", ["外面零下5度，冻得不行", "这几天真热，有35度", "太冷了只有3度"])
def test_degrees_beside_cold_or_heat_are_a_temperature(text):
    assert _read(text) == {}


def test_power_beside_weather_words_is_still_power():
    assert "power_2024q1_kwh" in _read("天太热了，一季度用电90万度")


def test_later_words_re_date_a_figure():
    read = _read("用电60万度，但这是去年的")
    assert "power_2024q1_kwh" not in read


@pytest.mark.parametrize("text", ["我们是否属于规上企业还没确认", "是否符合国家产业政策有待认定"])
def test_a_pending_fact_is_not_yes(text):
    assert not any(v is True for v in _read(text).values())


def test_a_townships_foreign_capital_retold_by_an_owner_is_not_stored():
    assert "fdi_2024q1_usd" not in _read("我是厂长，听乡里讲全乡一季度外资到了300万美元")
