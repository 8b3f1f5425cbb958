import datetime as dt

import pytest

from search.matcher import hard_rules
from search.matcher.hard_rules import (
    project_eligible_for_need,
    project_is_eligible,
    region_ancestors,
    region_covers,
    volunteer_eligible_for_need,
)

from .builders import TODAY, make_need, make_project, make_volunteer


@pytest.mark.parametrize(
    "regions, covered",
    [
        (["360321"], True),  # the county itself
        (["360300"], True),  # its prefecture
        (["360000"], True),  # its province
        (["000000"], True),  # nationwide
        (["360323"], False),  # a neighbouring county
        (["360800"], False),  # another prefecture of the province
        (["510000"], False),  # another province
        (["513429", "360300"], True),  # any of several
        ([], False),
    ],
)
def test_region_covers(regions, covered):
    assert region_covers(regions, "360321") is covered


def test_region_covers_needs_a_county():
    assert region_covers(["000000"], "") is False


def test_eligible_project_breaks_no_rule():
    assert project_eligible_for_need(make_project(), make_need(), TODAY) == []


@pytest.mark.parametrize("status", ["draft", "paused", "completed", "cancelled"])
def test_project_must_be_active(status):
    broken = project_eligible_for_need(make_project(status=status), make_need(), TODAY)
    assert broken == [hard_rules.PROJECT_NOT_ACTIVE]


def test_project_window_must_not_have_ended():
    ended = make_project(ends_on=TODAY - dt.timedelta(days=1))
    assert project_eligible_for_need(ended, make_need(), TODAY) == [hard_rules.PROJECT_ENDED]
    ends_today = make_project(ends_on=TODAY)
    assert project_eligible_for_need(ends_today, make_need(), TODAY) == []
    assert project_eligible_for_need(make_project(ends_on=None), make_need(), TODAY) == []


def test_ended_project_is_over_whatever_its_status_says():
    ended = make_project(ends_on="2026-06-30", status="active")
    assert hard_rules.PROJECT_ENDED in project_eligible_for_need(ended, make_need(), TODAY)


@pytest.mark.parametrize("status", ["pending", "suspended", None])
def test_organisation_must_be_verified(status):
    broken = project_eligible_for_need(make_project(organisation_status=status), make_need(), TODAY)
    assert broken == [hard_rules.ORGANISATION_NOT_VERIFIED]


def test_service_region_must_cover_the_need():
    broken = project_eligible_for_need(make_project(service_regions=["510000"]), make_need(), TODAY)
    assert broken == [hard_rules.REGION_NOT_COVERED]


@pytest.mark.parametrize("status", ["draft", "matched", "in_progress", "fulfilled", "closed"])
def test_need_must_be_open(status):
    need = make_need(status=status)
    assert project_eligible_for_need(make_project(), need, TODAY) == [hard_rules.NEED_NOT_OPEN]
    assert project_eligible_for_need(make_project(), need, TODAY, need_must_be_open=False) == []


def test_all_broken_rules_are_listed():
    project = make_project(
        status="paused", ends_on=dt.date(2025, 1, 1), organisation_status="pending", service_regions=["510000"]
    )
    assert set(project_eligible_for_need(project, make_need(status="closed"), TODAY)) == {
        hard_rules.PROJECT_NOT_ACTIVE,
        hard_rules.PROJECT_ENDED,
        hard_rules.ORGANISATION_NOT_VERIFIED,
        hard_rules.REGION_NOT_COVERED,
        hard_rules.NEED_NOT_OPEN,
    }


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"status": "paused"},
        {"ends_on": dt.date(2026, 11, 28)},
        {"ends_on": TODAY},
        {"organisation_status": "suspended"},
        {"service_regions": ["360323"]},
        {"service_regions": ["000000"]},
        {"service_regions": ["360000"]},
    ],
)
def test_fast_predicate_agrees_with_the_reference(overrides):
    project, need = make_project(**overrides), make_need()
    reference = not project_eligible_for_need(project, need, TODAY, need_must_be_open=False)
    assert project_is_eligible(project, region_ancestors(need["region"]), TODAY) is reference


def test_volunteer_rules():
    need = make_need()
    assert volunteer_eligible_for_need(make_volunteer(), need, TODAY) == []
    assert volunteer_eligible_for_need(make_volunteer(status="inactive"), need, TODAY) == [
        hard_rules.VOLUNTEER_NOT_ACTIVE
    ]
    assert volunteer_eligible_for_need(make_volunteer(service_regions=["622926"]), need, TODAY) == [
        hard_rules.REGION_NOT_COVERED
    ]
    assert volunteer_eligible_for_need(make_volunteer(service_regions=["360300"]), need, TODAY) == []


def test_volunteer_must_be_available_before_the_deadline():
    need = make_need(deadline=TODAY + dt.timedelta(days=30))
    ended = make_volunteer(available_until=TODAY - dt.timedelta(days=1))
    too_late = make_volunteer(available_from=TODAY + dt.timedelta(days=60))
    in_time = make_volunteer(
        available_from=TODAY + dt.timedelta(days=10), available_until=TODAY + dt.timedelta(days=20)
    )
    assert volunteer_eligible_for_need(ended, need, TODAY) == [hard_rules.VOLUNTEER_NOT_AVAILABLE]
    assert volunteer_eligible_for_need(too_late, need, TODAY) == [hard_rules.VOLUNTEER_NOT_AVAILABLE]
    assert volunteer_eligible_for_need(in_time, need, TODAY) == []
    # no deadline: only an availability that is over counts; stored documents may carry ISO strings
    assert volunteer_eligible_for_need(too_late, make_need(deadline=None), TODAY) == []
    assert volunteer_eligible_for_need(make_volunteer(available_until="2000-01-01"), make_need(), TODAY) == [
        hard_rules.VOLUNTEER_NOT_AVAILABLE
    ]
