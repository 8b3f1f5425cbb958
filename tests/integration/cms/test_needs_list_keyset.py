"""The public needs list pages by keyset: its next and previous links carry a cursor (``?after=`` /
``?before=``), so a walk by the links never walks an offset; numbered pages still work; a tampered cursor
is a 400 that says so."""

import datetime
import re

import pytest

from matching.models import NeedPage
from tests.factories import make_need

pytestmark = pytest.mark.django_db
DAYS = [datetime.date(2026, 3, 1), datetime.date(2026, 3, 1), datetime.date(2026, 2, 27), None]
TITLE = re.compile(r"<h3><a [^>]*>(列表需求\d+)</a></h3>")
LINK = re.compile(r'<a href="\?([^"]*)" rel="(next|prev)">')


@pytest.fixture
def needs(db, monkeypatch):
    monkeypatch.setattr("cms.views.PAGE_SIZE", 4)
    made = [make_need(title=f"列表需求{i}", county="360321" if i % 3 else "360781") for i in range(14)]
    for i, need in enumerate(made):  # several needs a day, and some without a date: ties the id must break
        NeedPage.objects.filter(pk=need.pk).update(published_on=DAYS[i % len(DAYS)])
    return made


def _page(client, query: str) -> tuple[list[str], dict[str, str]]:
    response = client.get(f"/needs/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    links = {rel: href.replace("&amp;", "&") for href, rel in LINK.findall(html)}
    return TITLE.findall(html), links


def _walk(client, query: str, rel: str) -> list[list[str]]:
    pages = []
    while query is not None:
        titles, links = _page(client, query)
        pages.append(titles)
        query = links.get(rel)
        assert len(pages) < 20
    return pages


def _numbered(client, query: str = "") -> list[str]:
    seen, number = [], 1
    while True:
        titles, links = _page(client, f"{query}&page={number}" if query else f"page={number}")
        seen += titles
        if "next" not in links:
            return seen
        number += 1


def test_walking_the_links_visits_every_need_once_in_order(client, needs):
    everything = _numbered(client)

    forwards = _walk(client, "", "next")

    assert sorted(everything) == sorted(n.title for n in needs)  # the numbered pages hold every need once
    assert [t for page in forwards for t in page] == everything  # none skipped, none repeated, same order
    assert all(len(page) == 4 for page in forwards[:-1])


def test_the_links_are_cursors_after_the_first_page(client, needs):
    _, links = _page(client, "page=2")
    assert links["next"].startswith("after=") and links["prev"] == ""
    _, links = _page(client, links["next"])
    assert links["next"].startswith("after=") and links["prev"].startswith("before=")


def test_walking_back_by_previous_links_visits_every_need_once(client, needs):
    forwards = _walk(client, "", "next")
    last_page_query = _walk_queries(client, "", "next")[-1]

    backwards = _walk(client, last_page_query, "prev")

    assert [t for page in reversed(backwards) for t in page] == [t for page in forwards for t in page]


def _walk_queries(client, query: str, rel: str) -> list[str]:
    queries = []
    while query is not None:
        queries.append(query)
        query = _page(client, query)[1].get(rel)
    return queries


def test_a_filtered_list_walks_the_same_way(client, needs):
    walked = [t for page in _walk(client, "region=360300", "next") for t in page]
    assert walked == _numbered(client, "region=360300")
    assert len(walked) == sum(1 for i in range(14) if i % 3)


def test_a_need_published_between_two_pages_moves_nothing(client, needs):
    first, links = _page(client, "")
    NeedPage.objects.filter(pk=make_need(title="列表需求99").pk).update(published_on=datetime.date(2026, 3, 2))

    second, _ = _page(client, links["next"])

    assert not set(first) & set(second)
    assert "列表需求99" not in second


@pytest.mark.parametrize(
    "query",
    [
        "after=abc",
        "after=20261399-5",
        "after=2026-03-01-5",
        "after=none-x",
        "after=20260301-99999999999999",
        "after=",
        "before=%EF%BC%91%EF%BC%92",
        "before=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96%EF%BC%90%EF%BC%93%EF%BC%90%EF%BC%91-5",  # full-width digits
        "after=20260301-%EF%BC%95",
        "after=20260301-5&page=2",
        "after=20260301-5&before=20260301-5",
    ],
)
def test_a_tampered_cursor_is_a_clear_400(client, needs, query):
    response = client.get(f"/needs/?{query}")
    assert response.status_code == 400
    assert "这个翻页位置不是本列表给出的" in response.content.decode()


def test_a_cursor_page_runs_no_offset_and_no_more_queries(client, needs, django_assert_max_num_queries):
    _, links = _page(client, "page=2")
    with django_assert_max_num_queries(8) as captured:
        client.get(f"/needs/?{links['next']}")
    assert not any("OFFSET" in q["sql"] for q in captured.captured_queries)
