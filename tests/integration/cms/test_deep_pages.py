"""Typed deep page numbers start from a kept boundary (cms/deep_pages.py) and must show exactly the rows
of the offset: on the first walk, from the kept boundaries, filtered, and after needs are added, closed and
withdrawn; in the HTML list and in the API; with the same number of queries cold and warm."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.deep_pages import _key
from matching.models import NeedPage
from matching.selectors.needs import needs_filtered
from matching.services.needs import need_set_status
from tests.factories import make_need

pytestmark = pytest.mark.django_db
DAYS = [datetime.date(2026, 3, 1), datetime.date(2026, 3, 1), datetime.date(2026, 2, 27), None]
TITLE = re.compile(r"<h3><a [^>]*>(深页需求\d+)</a></h3>")
SIZE = 4


@pytest.fixture
def needs(db, monkeypatch):
    cache.clear()
    monkeypatch.setattr("cms.views.PAGE_SIZE", SIZE)
    monkeypatch.setattr("cms.pagination.DEEP", 0)  # every page takes the deep path
    monkeypatch.setattr("cms.deep_pages.STEP", 3)  # a boundary every three rows, not on page edges
    made = [
        make_need(title=f"深页需求{i}", categories=("elderly_care",) if i % 2 else ("education",)) for i in range(23)
    ]
    for i, need in enumerate(made):  # ties on the day and needs without one: the id breaks them
        NeedPage.objects.filter(pk=need.pk).update(published_on=DAYS[i % len(DAYS)])
    _bump()
    return made


def _bump():
    from matching.outcomes.cache import bump

    bump()


def _offset_titles(number: int, **filters) -> list[str]:
    start = (number - 1) * SIZE
    return [n.title for n in needs_filtered(**filters)[start : start + SIZE]]


def _html_titles(client, number: int, query: str = "") -> list[str]:
    response = client.get(f"/needs/?{query}page={number}")
    assert response.status_code == 200
    return TITLE.findall(response.content.decode())


def _pages(total: int) -> list[int]:
    return list(range(1, -(-total // SIZE) + 1))


def _kept_boundaries() -> int:
    return sum("list:boundaries" in key for key in cache._cache)  # the test settings' local-memory cache


def test_every_page_equals_the_offset_page_cold_and_warm(client, needs):
    for _ in range(2):  # the first walk keeps boundaries; the second starts from them
        for number in reversed(_pages(len(needs))):
            assert _html_titles(client, number) == _offset_titles(number)
    assert _kept_boundaries() > 0


def test_a_filtered_list_keeps_its_own_boundaries(client, needs):
    for number in _pages(len(needs)):
        _html_titles(client, number)  # boundaries of the unfiltered list, which must not serve the filtered one
    for number in _pages(len(needs) // 2 + 1):
        assert _html_titles(client, number, "category=education&") == _offset_titles(number, category="education")


def test_pages_stay_equal_after_needs_are_added_closed_and_withdrawn(client, needs):
    for number in _pages(len(needs)):
        _html_titles(client, number)
    make_need(title="深页需求100")
    make_need(title="深页需求101")
    need_set_status(need=needs[5], status=NeedPage.Status.CLOSED)
    NeedPage.objects.get(pk=needs[9].pk).unpublish()
    NeedPage.objects.get(pk=needs[14].pk).unpublish()
    assert len(needs_filtered()) == len(needs)
    for number in _pages(len(needs)):
        assert _html_titles(client, number) == _offset_titles(number)


def test_api_deep_pages_equal_the_offset(client, needs, monkeypatch):
    monkeypatch.setattr("cms.pagination.DEEP", 4)
    for _ in range(2):
        for number in reversed(_pages(len(needs))):
            response = client.get(f"/api/v1/needs/?page={number}&page_size={SIZE}")
            assert response.status_code == 200
            assert [n["title"] for n in response.json()["results"]] == _offset_titles(number)


def test_a_deep_page_runs_as_many_queries_cold_as_warm(client, needs, django_assert_num_queries):
    client.get("/needs/?page=1")
    cache.delete(_key(needs_filtered()))  # cold: the walk starts from the first row
    with CaptureQueriesContext(connection) as cold:
        assert _html_titles(client, 5) == _offset_titles(5)
    with django_assert_num_queries(len(cold.captured_queries)):
        assert _html_titles(client, 6) == _offset_titles(6)  # warm: from a boundary page 5's walk kept
