"""The public region page: charts of needs, money and response times, each with the same figures in a table,
money per month that adds up to the headline figures, and a query count that does not grow with the data."""

import datetime as dt
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from matching.funding.selectors import region_money
from matching.funding.services import accounts
from matching.funding.services.disbursements import advance_release, disbursement_confirm, disbursement_create
from matching.funding.services.ledger import Line, ledger_post
from matching.models import Match, NeedPage
from matching.outcomes.services.figures import figures_refresh
from tests.factories import make_need

from .conftest import SECRET_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def booked_on(monkeypatch, when: dt.datetime):
    """Ledger rows take their time from the clock (auto_now_add): set the clock for the next postings."""
    monkeypatch.setattr(timezone, "now", lambda: timezone.make_aware(when))


@pytest.fixture
def money_in_pingxiang(monkeypatch, project, member, county_staff, matched_need, beneficiary, document):
    """In 萍乡市: 莲花县 gets a donation straight to a need (March), a confirmed disbursement (April), one still
    awaiting confirmation and an emergency advance (May), and needs matched, fulfilled and closed; 上栗县 has a
    need answered by nobody."""
    ledger_post(
        kind="own_funds",
        idempotency_key="rc-own",
        lines=[
            Line(accounts.account_org_funds(project.organisation), -2_000_000),
            Line(accounts.account_for_project(project), 2_000_000),
        ],
    )
    booked_on(monkeypatch, dt.datetime(2026, 3, 10, 9))
    ledger_post(
        kind="donation",
        idempotency_key="rc-don",
        memo="捐赠 t：李四",
        lines=[Line(accounts.account_donors(), -12_300), Line(accounts.account_for_need(matched_need), 12_300)],
    )
    booked_on(monkeypatch, dt.datetime(2026, 4, 2, 9))
    confirmed = disbursement_create(
        project=project, need=matched_need, amount=300_000, purpose="扶手", receipt=document, user=member
    )
    disbursement_confirm(disbursement=confirmed, user=county_staff)
    booked_on(monkeypatch, dt.datetime(2026, 5, 6, 9))
    disbursement_create(
        project=project, need=matched_need, amount=45_000, purpose="防滑地砖", receipt=document, user=member
    )
    emergency = make_need(county="360321", title="莲花县火灾急难", circle=NeedPage.Circle.EMERGENCY)
    advance_release(project=project, need=emergency, amount=100_000, purpose="临时生活费", user=county_staff)
    monkeypatch.undo()
    make_need(county="360322", title="上栗县无人响应")
    for status in ("matched", "fulfilled", "closed"):
        make_need(county="360321", title=f"莲花县需求（{status}）", status=status)
    figures_refresh()  # the pages show the kept figures, which Celery refreshes after writes commit
    return {"need": matched_need, "emergency": emergency}


def chart_option(html: str, chart_id: str) -> dict:
    match = re.search(rf'<script id="{chart_id}-option" type="application/json">(.*?)</script>', html, re.S)
    assert match, f"no chart {chart_id}"
    return json.loads(match.group(1))


def table(html: str, table_id: str) -> str:
    match = re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S)
    assert match, f"no table {table_id}"
    return match.group(1)


def test_money_towards_a_regions_needs_by_month_adds_up(money_in_pingxiang):
    money = region_money(region_codes=["360300"])

    assert [(m.month, m.donated, m.spent) for m in money.by_month] == [
        ("2026-03", 12_300, 0),
        ("2026-04", 0, 300_000),
        ("2026-05", 0, 100_000),
    ]
    assert (money.donated, money.allocated, money.spent) == (12_300, 45_000, 400_000)
    # another prefecture's needs got nothing
    assert region_money(region_codes=["360700"]) == region_money(region_codes=["360781"])
    assert region_money(region_codes=["360781"]).by_month == []


def test_prefecture_page_has_a_chart_and_a_table_for_needs_money_and_counties(client, money_in_pingxiang):
    response = client.get("/transparency/regions/360300/")
    html = response.content.decode()
    assert response.status_code == 200

    progress = chart_option(html, "chart-region-needs")
    assert progress["series"][0]["data"] == [3, 1, 1, 1]  # open, answered (matched), fulfilled, closed: 6 in all
    assert progress["xAxis"]["data"] == ["待响应", "已响应、实施中", "已完成", "已关闭"]
    needs = table(html, "table-region-needs")
    assert "已发布的需求共 6 条" in needs and '<th scope="row">待响应</th><td>3</td>' in needs

    money = chart_option(html, "chart-region-money")
    assert money["xAxis"]["data"] == ["2026-03", "2026-04", "2026-05"]
    assert [s["data"] for s in money["series"]] == [[123.0, 0, 0], [0, 3000.0, 1000.0]]
    rows = table(html, "table-region-money")
    assert '<th scope="row">2026-04</th><td>¥0.00</td><td>¥3,000.00</td>' in rows
    assert '<tfoot><tr><th scope="row">合计</th><td>¥123.00</td><td>¥4,000.00</td>' in rows
    assert "¥450.00" in html  # awaiting the county's confirmation

    counties = chart_option(html, "chart-region-counties")
    assert counties["xAxis"]["data"] == ["莲花县", "上栗县"]
    assert counties["series"][0]["data"] == [5, 1]
    assert chart_option(html, "chart-region-response")["xAxis"]["data"] == ["莲花县", "上栗县"]
    assert "<caption>各县（区）响应时间</caption>" in html
    assert 'role="img"' in html and "echarts.min.js" in html
    assert SECRET_NAME not in html


def test_county_page_keeps_the_tables_and_skips_one_bar_county_charts(client, money_in_pingxiang):
    html = client.get("/transparency/regions/360321/").content.decode()

    assert chart_option(html, "chart-region-needs")["series"][0]["data"] == [2, 1, 1, 1]
    assert chart_option(html, "chart-region-money")
    assert "chart-region-counties" not in html and "chart-region-response" not in html
    assert "<caption>各县（区）响应时间</caption>" in html and '<th scope="row">莲花县</th>' in html


def test_page_without_money_or_needs_says_so(client):
    html = client.get("/transparency/regions/360781/").content.decode()
    assert chart_option(html, "chart-region-money")["series"][0]["data"] == []
    assert "暂无数据" in table(html, "table-region-money")


def test_unknown_region_is_a_404(client):
    assert client.get("/transparency/regions/999999/").status_code == 404
    assert client.get("/transparency/regions/abc/").status_code == 404


def test_query_count_is_the_same_with_three_times_the_data(
    client, money_in_pingxiang, project, member, county_staff, document
):
    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/transparency/regions/360000/").status_code == 200
        return len(queries)

    before = count()
    for i in range(6):
        need = make_need(county="360322" if i % 2 else "360321", title=f"更多需求{i}")
        Match.objects.create(need=need, project=project, status=Match.Status.ACCEPTED)
        d = disbursement_create(
            project=project, need=need, amount=1_000 + i, purpose="更多", receipt=document, user=member
        )
        if i % 2 == 0:
            disbursement_confirm(disbursement=d, user=county_staff)
    assert count() == before <= 8


def test_chart_words_follow_the_visitors_language_even_from_the_cache(client, money_in_pingxiang):
    chinese = client.get("/transparency/regions/360300/").content.decode()  # fills the cache in Chinese
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/transparency/regions/360300/").content.decode()

    names = [s["name"] for s in chart_option(chinese, "chart-region-counties")["series"]]
    assert names == ["需求数", "已响应", "已完成"]
    assert [s["name"] for s in chart_option(english, "chart-region-counties")["series"]] == [
        "Needs",
        "Answered",
        "Fulfilled",
    ]
