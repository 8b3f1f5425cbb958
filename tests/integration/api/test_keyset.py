"""Keyset pages of the API's needs list: following ``next`` visits every need exactly once, in the list's
order, however the publication dates tie, and a need published meanwhile moves nothing."""

import datetime

import pytest

from matching.models import NeedPage
from tests.factories import make_need

pytestmark = pytest.mark.django_db
DAYS = [datetime.date(2026, 3, 1), datetime.date(2026, 3, 1), datetime.date(2026, 2, 27), None]


@pytest.fixture
def needs(db):
    made = [make_need(title=f"需求{i}", county="360321" if i % 3 else "360781") for i in range(23)]
    for i, need in enumerate(made):  # several needs a day, and some without a date: ties the id must break
        NeedPage.objects.filter(pk=need.pk).update(published_on=DAYS[i % len(DAYS)])
    return made


def _walk(client, url: str) -> list[str]:
    seen, pages = [], 0
    while url:
        body = client.get(url).json()
        seen += [n["ref"] for n in body["results"]]
        url, pages = body["next"], pages + 1
        assert pages < 50
    return seen


def _all_in_order(client, query: str = "") -> list[str]:
    return [n["ref"] for n in client.get(f"/api/v1/needs/?page_size=100{query}").json()["results"]]


def test_following_next_visits_every_need_once_in_order(client, needs):
    everything = _all_in_order(client)

    walked = _walk(client, "/api/v1/needs/?page_size=4")

    assert len(everything) == 23
    assert walked == everything  # none skipped, none repeated, same order as the numbered pages


def test_a_filtered_list_pages_the_same_way(client, needs):
    assert _walk(client, "/api/v1/needs/?page_size=3&region=360300") == _all_in_order(client, "&region=360300")


def test_next_of_a_numbered_page_continues_where_it_ended(client, needs):
    page2 = client.get("/api/v1/needs/?page=2&page_size=5").json()
    page3 = client.get("/api/v1/needs/?page=3&page_size=5").json()

    after = client.get(page2["next"]).json()

    assert "after=" in page2["next"] and "page=" not in page2["next"]
    assert [n["ref"] for n in after["results"]] == [n["ref"] for n in page3["results"]]
    assert after["count"] == page3["count"] == 23


def test_a_need_published_between_two_pages_moves_nothing(client, needs):
    first = client.get("/api/v1/needs/?page_size=6").json()
    make_need(title="刚发布的需求")  # newest: it goes to the top, not into the pages still to come

    rest = _walk(client, first["next"])

    assert [n["ref"] for n in first["results"]] + rest == [
        r for r in _all_in_order(client) if r in {n.ref for n in needs}
    ]


@pytest.mark.parametrize("cursor", ["x", "20260301", "20261301-5", "20260301-", "none-x", "-1", "2026030-1"])
def test_a_cursor_the_list_did_not_give_is_a_400(client, needs, cursor):
    response = client.get(f"/api/v1/needs/?after={cursor}")

    assert response.status_code == 400
    assert "after" in response.json()["error"]["fields"]


def test_after_and_page_together_is_a_400(client, needs):
    response = client.get("/api/v1/needs/?after=20260301-5&page=2")

    assert response.status_code == 400
