"""Extraction methods added for issue 9 after the fresh12 set's first look: "余热发电含在里面" includes
waste heat; 这家/某 before an enterprise said by a unit is another enterprise (我们这家 is one's own);
a date asked about (是否为/是不是) or named as a deadline (截止日) is not stated; 没入/没进 negates a
library further on; 企业 followed by a total (总共, 合计) is many enterprises, not the speaker.
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


@pytest.mark.parametrize(
    "text", ["用热企业复工的截止日期是2月17日吗", "供汽的复工日子是不是2月20日", "复工期限日为2月17号"]
)
def test_a_date_asked_about_or_the_deadline_is_not_stated(text):
    assert "resumed_on" not in _read(text)


def test_a_date_stated_is_still_read():
    assert _read("我们是供热企业，2月20日复工的")["resumed_on"].isoformat() == "2024-02-20"


@pytest.mark.parametrize(
    "text", ["我们厂没入2023年的省级战新年报库", "我哋冇进2023年省戰新庫", "公司没进去年那个战新年报库"]
)
def test_a_far_negated_entry_says_not_in_the_library(text):
    assert _read(text).get("strategic_emerging_2023") is False


def test_a_contrast_ends_the_negation():
    # "没进培育库但今年纳统了": 但 ends what 没进 negates
    assert _read("我们没进小升规培育库但是今年已经纳统了").get("counted_2024") is True


@pytest.mark.parametrize("text", ["开发区这边一季度企业合计用电900万度", "我们乡一季度企业加起来开票3亿"])
def test_a_total_over_a_places_enterprises_is_not_the_speakers(text):
    assert _read(text) == {}


def test_our_own_total_is_still_ours():
    assert _read("我们公司一季度总共用了天然气12万方")["gas_2024q1_m3"] == 120000
