"""One line against the format, without a database."""

import pytest

from matching.importexport.schema import line_check
from matching.richtext import richtext_to_text, text_to_richtext

NEED = {
    "kind": "need",
    "ref": "need-0001",
    "title": "莲花县某乡敬老院卫浴改造",
    "description": "敬老院卫浴老旧",
    "categories": ["elderly_care"],
    "region": "360321",
    "circle": "core",
    "urgency": "normal",
    "beneficiaries": 42,
    "amount_requested": "120000.00",
    "currency": "CNY",
    "volunteers_needed": 0,
    "skills": ["construction"],
    "deadline": "2027-06-30",
    "published_on": "2026-10-08",
    "status": "open",
}
ORG = {
    "kind": "organisation",
    "ref": "org-001",
    "name": "萍乡市助老服务中心",
    "uscc": "52360300MJ000000XE",
    "org_type": "social_service_agency",
    "service_regions": ["360300"],
    "categories": ["elderly_care"],
    "status": "verified",
}


def fields_of(obj):
    record, errors = line_check(obj)
    return record, [f for f, _ in errors]


def test_a_good_need_becomes_its_canonical_record():
    record, errors = line_check(NEED)

    assert errors == []
    assert list(record) == list(NEED)
    assert record == NEED


def test_defaults_are_filled_and_lists_sorted():
    record, errors = line_check(
        {
            "kind": "need",
            "ref": "n1",
            "title": "t",
            "description": "d",
            "categories": ["medical", "children", "medical"],
            "region": "360321",
        }
    )

    assert errors == []
    assert record["categories"] == ["children", "medical"]
    assert (record["circle"], record["urgency"], record["status"]) == ("core", "normal", "open")
    assert record["amount_requested"] == "0.00" and record["published_on"] is None


@pytest.mark.parametrize(
    "change, field",
    [
        ({"colour": "red"}, "colour"),  # unknown field
        ({"circle": "outer"}, "circle"),  # bad enum
        ({"urgency": "high"}, "urgency"),
        ({"status": "done"}, "status"),
        ({"categories": ["poverty"]}, "categories"),  # unknown category
        ({"categories": []}, "categories"),
        ({"skills": ["cooking"]}, "skills"),  # unknown skill
        ({"amount_requested": "12.345"}, "amount_requested"),  # three decimals
        ({"amount_requested": 120000.0}, "amount_requested"),  # a float, not a string
        ({"amount_requested": "-5.00"}, "amount_requested"),
        ({"beneficiaries": "42"}, "beneficiaries"),  # wrong type
        ({"beneficiaries": -1}, "beneficiaries"),
        ({"deadline": "2027/06/30"}, "deadline"),  # not ISO
        ({"deadline": "2027-02-30"}, "deadline"),  # no such day
        ({"region": "36032"}, "region"),
        ({"region": "000000"}, "region"),
        ({"currency": "USD"}, "currency"),
        ({"title": "  "}, "title"),
    ],
)
def test_a_bad_need_field_is_named(change, field):
    record, fields = fields_of({**NEED, **change})

    assert record is None
    assert fields == [field]


def test_missing_required_fields_are_each_named():
    record, fields = fields_of({"kind": "need", "ref": "n1"})

    assert record is None
    assert sorted(fields) == ["categories", "description", "region", "title"]


def test_unknown_kind_and_non_objects():
    assert fields_of({"kind": "donor", "ref": "x"})[1] == ["kind"]
    assert fields_of({"ref": "x"})[1] == ["kind"]
    assert fields_of([1, 2])[1] == ["-"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"uscc": "52360300MJ000000XF"}, "uscc"),  # check digit
        ({"uscc": "52360300MJ00000"}, "uscc"),  # length
        ({"org_type": "charity"}, "org_type"),
        ({"status": "approved"}, "status"),
        ({"service_regions": "360300"}, "service_regions"),
    ],
)
def test_a_bad_organisation_field_is_named(change, field):
    assert fields_of({**ORG, **change}) == (None, [field])


def test_uscc_error_says_which_check_digit_is_expected():
    _, errors = line_check({**ORG, "uscc": "52360300MJ000000XF"})

    assert "校验位" in errors[0][1] and "E" in errors[0][1]


def test_region_rules():
    good = {
        "kind": "region",
        "code": "360321",
        "name": "莲花县",
        "parent": "360300",
        "level": "county",
        "tags": ["designated_county", "contiguous_area:luoxiao"],
    }
    assert line_check(good)[1] == []
    assert fields_of({**good, "level": "town"})[1] == ["level"]
    assert fields_of({**good, "tags": ["rich"]})[1] == ["tags"]
    assert line_check({**good, "parent": None})[1][0][0] == "parent"
    assert line_check({**good, "level": "province"})[1][0][0] == "parent"


def test_project_window_must_not_end_before_it_starts():
    project = {
        "kind": "project",
        "ref": "p",
        "organisation": "org-001",
        "title": "t",
        "starts_on": "2027-01-01",
        "ends_on": "2026-01-01",
    }

    record, errors = line_check(project)

    assert [f for f, _ in errors] == ["ends_on"]


def test_money_is_normalised_to_two_decimals():
    record, _ = line_check({**NEED, "amount_requested": "80000"})

    assert record["amount_requested"] == "80000.00"


def test_description_text_round_trips_through_rich_text():
    text = "第一段 <不是标签> & 符号\n\n  第二段  "

    html = text_to_richtext(text)

    assert html == "<p>第一段 &lt;不是标签&gt; &amp; 符号</p><p>第二段</p>"
    assert richtext_to_text(html) == "第一段 <不是标签> & 符号\n第二段"
    assert richtext_to_text('<p data-block-key="a1">甲<b>乙</b></p><ul><li>丙</li></ul>') == "甲乙\n丙"
