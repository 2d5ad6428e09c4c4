"""Extraction methods added for issue 9 after the fresh12 set's first look: "余热发电含在里面" includes
waste heat; 这家/某 before an enterprise said by a unit is another enterprise (我们这家 is one's own).
Sentences written for these tests, not taken from a question set.
"""

import pytest

from assistant.dialog.extract import extract


def _read(text: str) -> dict:
    return {t.field: t.value for t in extract(text).taken}


def test_waste_heat_counted_inside_is_not_stored():
    assert "power_2024q1_kwh" not in _read("一季度用电130万度，余热发电也算在里面")


@pytest.mark.parametrize(
    "text",
    ["税务局核了，这家竹业公司一季度开票2600万", "某建材企业一季度用电70万度", "某纸业公司签了出口代理协议"],
)
def test_an_enterprise_a_unit_speaks_of_is_not_the_speaker(text):
    assert _read(text) == {}


def test_our_own_enterprise_is_the_speakers():
    assert "power_2024q1_kwh" in _read("我们这家厂一季度用电70万度")
