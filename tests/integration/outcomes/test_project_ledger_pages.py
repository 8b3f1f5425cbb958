"""The ledger lines on a project's public transparency page come a page at a time (?page=N): every line can be
reached, a bad page number gets a clear message and never a 500, and each page costs the same few queries."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.funding.selectors import PUBLIC_LEDGER_PER_PAGE, LedgerPage, LedgerPageMissing, project_public_ledger
from matching.funding.services import accounts
from matching.funding.services.ledger import Line, ledger_post
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db
LINES = 2 * PUBLIC_LEDGER_PER_PAGE + 20  # three pages: 50, 50, 20


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def donate(project, i: int) -> None:
    ledger_post(
        kind="donation",
        idempotency_key=f"lp-{project.pk}-{i}",
        memo=f"捐赠 d{i}：捐赠人{i:03d}",
        lines=[Line(accounts.account_donors(), -(100 + i)), Line(accounts.account_for_project(project), 100 + i)],
    )


@pytest.fixture
def busy_project(project):
    for i in range(1, LINES + 1):
        donate(project, i)
    return project


def url(project, query: str = "") -> str:
    return f"/transparency/projects/{project.ref}/{query}"


def donors_shown(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"捐赠人(\d{3})", html)]


def test_first_page_shows_the_latest_lines_and_links_to_the_others(client, busy_project):
    response = client.get(url(busy_project))
    html = response.content.decode()

    assert response.status_code == 200
    assert donors_shown(html) == list(range(LINES, LINES - PUBLIC_LEDGER_PER_PAGE, -1))  # 120 … 71, newest first
    assert f"共 {LINES} 笔，显示第 1–50 笔" in html
    assert 'href="?page=2#ledger" rel="next"' in html and 'href="?page=3#ledger"' in html
    assert 'aria-current="page">1<' in html and 'rel="prev"' not in html
    assert "第 1 / 3 页" in html


def test_every_line_is_on_exactly_one_page(client, busy_project):
    seen = []
    for page in (1, 2, 3):
        response = client.get(url(busy_project, f"?page={page}"))
        assert response.status_code == 200
        seen += donors_shown(response.content.decode())
    assert sorted(seen) == list(range(1, LINES + 1))

    last = client.get(url(busy_project, "?page=3")).content.decode()
    assert donors_shown(last) == list(range(20, 0, -1))
    assert "显示第 101–120 笔" in last and 'href="?page=2#ledger" rel="prev"' in last and 'rel="next"' not in last


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "1.5", "２", "", "9" * 40, "1%3Cscript%3E"])
def test_a_page_number_that_is_no_page_number_is_a_400_with_a_message_and_the_first_page(client, busy_project, raw):
    response = client.get(url(busy_project, f"?page={raw}"))
    html = response.content.decode()

    assert response.status_code == 400
    assert "无效，页码应为正整数；以下显示第 1 页" in html
    assert donors_shown(html)[0] == LINES
    assert "<script>" not in html.split('id="ledger"')[1].split("</section>")[0]  # what was sent is escaped


def test_a_page_past_the_last_is_a_404_that_names_the_last_page(client, busy_project):
    response = client.get(url(busy_project, "?page=4"))
    html = response.content.decode()

    assert response.status_code == 404
    assert "没有第 4 页：资金流水共 3 页，以下显示第 1 页" in html
    assert donors_shown(html)[0] == LINES


def test_a_project_without_money_has_one_empty_page(client, project):
    html = client.get(url(project)).content.decode()
    assert "暂无资金流水" in html and 'class="pagination"' not in html
    assert client.get(url(project, "?page=2")).status_code == 404
    with pytest.raises(LedgerPageMissing):
        project_public_ledger(project=project, page=2)


def test_another_projects_lines_never_show(client, busy_project):
    other = ProjectFactory()
    ledger_post(
        kind="donation",
        idempotency_key="lp-other",
        memo="捐赠 o：别的项目的捐赠人",
        lines=[Line(accounts.account_donors(), -999), Line(accounts.account_for_project(other), 999)],
    )
    html = "".join(client.get(url(busy_project, f"?page={p}")).content.decode() for p in (1, 2, 3))
    assert "别的项目的捐赠人" not in html


def count_queries(client, path: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code in (200, 400, 404)
    return len(queries)


def test_each_page_costs_the_same_queries_whatever_the_number_of_lines(client, project):
    for i in range(1, 6):
        donate(project, i)
    small = count_queries(client, url(project))
    for i in range(6, LINES + 1):
        donate(project, i)

    assert count_queries(client, url(project)) == small
    assert count_queries(client, url(project, "?page=2")) == small
    assert count_queries(client, url(project, "?page=3")) == small <= 9
    assert count_queries(client, url(project, "?page=abc")) == small
    # a 404 adds the count that finds the page missing and Wagtail's redirect lookup (site, redirects)
    assert count_queries(client, url(project, "?page=99")) <= small + 4


def test_a_cached_page_costs_only_the_project_lookup(client, busy_project, django_assert_max_num_queries):
    client.get(url(busy_project, "?page=2"))
    with django_assert_max_num_queries(1):
        html = client.get(url(busy_project, "?page=2")).content.decode()
    assert donors_shown(html)[0] == LINES - PUBLIC_LEDGER_PER_PAGE


def test_long_runs_of_page_numbers_are_shortened():
    page = LedgerPage(lines=[], number=10, num_pages=20, total=1000, per_page=50)
    assert page.page_links == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert (page.first_index, page.last_index) == (451, 500)
    assert LedgerPage(lines=[], number=1, num_pages=1, total=0, per_page=50).page_links == [1]
