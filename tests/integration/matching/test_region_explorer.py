"""Wagtail's page explorer of a region page (matching/wagtail_hooks_explorer.py): a county officer still sees
and filters their county's needs, never another county's; the owner and editor choices are asked per user,
not by a DISTINCT over every page; the query count does not grow with the county's needs."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from matching.models import Region, RegionPage
from matching.services.staff import staff_user_add
from matching.wagtail_hooks_explorer import RegionExplorerView
from tests.factories import make_need

pytestmark = pytest.mark.django_db
LIANHUA, SUICHUAN = "360321", "360827"
TITLE = re.compile(r"(浏览器需求\w+)")


@pytest.fixture
def officer(db):
    return staff_user_add(username="lh-explorer", password="x", region=Region.objects.get(code=LIANHUA))


def _county_page(code: str) -> RegionPage:
    return RegionPage.objects.get(region_id=code)


def _explore(client, page: RegionPage, query: str = ""):
    response = client.get(f"/admin/pages/{page.pk}/{query}")
    return response, set(TITLE.findall(response.content.decode()))


def test_an_officer_lists_their_county_needs_in_the_region_explorer(client, officer):
    mine = make_need(county=LIANHUA, title="浏览器需求甲", user=officer)
    make_need(county=SUICHUAN, title="浏览器需求乙")
    client.force_login(officer)

    response, titles = _explore(client, _county_page(LIANHUA))

    assert response.status_code == 200
    assert isinstance(response.context["view"], RegionExplorerView)
    assert titles == {mine.title}


def test_an_officer_cannot_explore_another_county(client, officer):
    make_need(county=LIANHUA, title="浏览器需求甲", user=officer)
    make_need(county=SUICHUAN, title="浏览器需求乙")
    client.force_login(officer)

    response, titles = _explore(client, _county_page(SUICHUAN))

    assert response.status_code in (302, 403, 404)
    assert "浏览器需求乙" not in titles


def test_the_owner_filter_offers_owners_and_filters_by_them(client, officer, django_user_model):
    owned = make_need(county=LIANHUA, title="浏览器需求丙", user=officer)
    admin = django_user_model.objects.create_superuser("explorer-admin", "a@example.org", "x")
    other = make_need(county=LIANHUA, title="浏览器需求丁", user=admin)
    Page.objects.filter(pk=owned.pk).update(owner=officer)  # the services leave a need's owner empty
    Page.objects.filter(pk=other.pk).update(owner=admin)
    client.force_login(officer)

    with CaptureQueriesContext(connection) as queries:
        response, titles = _explore(client, _county_page(LIANHUA), f"?owner={officer.pk}")

    assert response.status_code == 200
    assert titles == {owned.title} and other.title not in titles
    choices = {int(str(c.data["value"])) for c in response.context["filters"].form["owner"]}
    assert {officer.pk, admin.pk} <= choices
    assert not any('DISTINCT U0."owner_id"' in q["sql"] for q in queries.captured_queries)


def test_the_explorer_runs_as_many_queries_for_more_needs(client, officer):
    county = _county_page(LIANHUA)
    for i in range(2):
        make_need(county=LIANHUA, title=f"浏览器需求{i}", user=officer)
    client.force_login(officer)
    _explore(client, county)
    with CaptureQueriesContext(connection) as few:
        _explore(client, county)
    for i in range(2, 8):
        make_need(county=LIANHUA, title=f"浏览器需求{i}", user=officer)
    with CaptureQueriesContext(connection) as more:
        response, titles = _explore(client, county)

    assert len(titles) == 8
    assert len(more.captured_queries) == len(few.captured_queries)
