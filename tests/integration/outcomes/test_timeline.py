"""Each need's timeline and response times, per need, per county and per organisation, in fixed queries."""

import pytest
from django.utils import timezone

from matching.models import Match, NeedPage
from matching.outcomes.selectors.response_times import (
    need_timeline,
    need_times,
    response_times_by_county,
    response_times_by_organisation,
)
from matching.outcomes.services.deliveries import need_fulfil
from matching.services.needs import need_record_response
from tests.factories import make_need

from .conftest import age_need

pytestmark = pytest.mark.django_db


def test_timeline_has_every_step_with_dates(matched_need, project, member, gps_photo):
    # given a need answered, matched and delivered
    need_record_response(need=matched_need, actor_label=project.organisation.name, message="我们可以承接", kind="match")
    need_fulfil(
        need=matched_need,
        user=member,
        project=project,
        what="扶手 12 套",
        delivered_on=timezone.localdate(),
        photos=[gps_photo],
    )
    # then its timeline shows published, first response, matched, delivered and closed; funding not yet
    steps = {s.key: s.at for s in need_timeline(need=matched_need)}
    assert list(steps) == ["published", "first_response", "matched", "funded", "delivered", "closed"]
    assert all(steps[k] is not None for k in ("published", "first_response", "matched", "delivered", "closed"))
    assert steps["funded"] is None


def test_fresh_need_timeline_shows_only_published(need):
    steps = need_timeline(need=need)
    assert [s.key for s in steps if s.at] == ["published"]


def test_time_to_first_response(need):
    age_need(need, hours=30)
    need_record_response(need=need, actor_label="某组织", message="已联系")
    times = need_times(need=need)
    assert 29.9 < times.hours_to_first_response < 30.1 and times.days_to_fulfilment is None


def test_aggregates_per_county_and_organisation_in_fixed_queries(django_assert_max_num_queries, project):
    # given needs in two counties, some answered, some taken on by the project
    needs = [make_need(county="360321", title=f"莲花县需求{i}") for i in range(4)]
    needs += [make_need(county="360781", title=f"瑞金市需求{i}") for i in range(3)]
    for n in needs[:2] + needs[4:5]:
        age_need(n, hours=10)
        need_record_response(need=n, actor_label=project.organisation.name, message="承接")
        Match.objects.create(need=n, project=project, status=Match.Status.ACCEPTED)
        NeedPage.objects.filter(pk=n.pk).update(status="matched")  # as accepting a match does
    # when the figures are computed, the query count does not depend on the number of needs
    with django_assert_max_num_queries(2):  # the times, and the counts every figure of needs shares
        by_county = {r.key: r for r in response_times_by_county(region_codes=["360000"])}
    with django_assert_max_num_queries(3):
        by_org = response_times_by_organisation(region_codes=None)
    # then
    assert (by_county["360321"].needs, by_county["360321"].answered) == (4, 2)
    assert (by_county["360781"].needs, by_county["360781"].answered) == (3, 1)
    assert 9.9 < by_county["360321"].median_hours_to_first_response < 10.1
    assert [(r.name, r.needs, r.answered) for r in by_org] == [(project.organisation.name, 3, 3)]


def test_region_scope_excludes_other_provinces(need):
    assert response_times_by_county(region_codes=["110000"]) == []
    assert [r.key for r in response_times_by_county(region_codes=["360300"])] == ["360321"]


def test_timeline_page_and_include(client, need):
    response = client.get(f"/outcomes/needs/{need.ref}/timeline/")
    html = response.content.decode()
    assert response.status_code == 200 and "首次响应" in html and "尚未" in html
