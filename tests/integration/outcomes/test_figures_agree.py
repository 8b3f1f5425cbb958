"""One selector per figure: the region page's cards, its per-county table and the home page count needs the
same way, whether or not a need's answer left a log line (imported and demo needs often did not)."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse

from matching.outcomes.services.figures import figures_recompute, figures_refresh
from tests.factories import make_need

pytestmark = pytest.mark.django_db


def _card(page, label: str) -> int:
    item = next(li for li in page.select("ul.figures li") if label in li.get_text())
    return int(item.strong.get_text(strip=True).replace(",", ""))


def test_the_region_cards_and_the_county_table_agree(client):
    cache.clear()
    for status, county in [
        ("open", "360321"),
        ("matched", "360321"),
        ("in_progress", "360321"),
        ("fulfilled", "360322"),
        ("matched", "360322"),
        ("open", "360322"),
    ]:
        make_need(county=county, status=status, title=f"{county}的{status}需求")
    figures_recompute()  # the kept aggregates the transparency pages read (refreshed after commit in production)

    page = BeautifulSoup(client.get(reverse("transparency:region", args=["360300"])).content, "html.parser")

    county_table = next(t for t in page.select("table") if "各县（区）响应时间" in t.get_text())
    rows = [[c.get_text(strip=True) for c in tr.select("th, td")] for tr in county_table.select("tbody tr")]
    table = {row[0]: (int(row[1]), int(row[2]), int(row[3])) for row in rows}
    assert table == {"莲花县": (3, 2, 0), "上栗县": (3, 2, 1)}
    assert _card(page, "已响应需求") == sum(r[1] for r in table.values()) == 4
    assert _card(page, "已完成需求") == sum(r[2] for r in table.values()) == 1
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert _card(home, "已响应需求") == 4


def test_a_page_cached_before_a_refresh_shows_the_refreshed_figures(client):
    """A write bumps the page cache at once, but the kept figures catch up only when the refresh runs: a page
    rendered in between must not keep the old figures until the cache times out."""
    cache.clear()
    make_need(county="360321", status="matched", title="莲花县已响应的需求")
    figures_recompute()
    url = reverse("transparency:region", args=["360300"])
    assert _card(BeautifulSoup(client.get(url).content, "html.parser"), "已响应需求") == 1

    make_need(county="360321", status="matched", title="莲花县又一条已响应的需求")  # bumps the page cache
    stale = BeautifulSoup(client.get(url).content, "html.parser")  # rendered before the refresh
    assert _card(stale, "已响应需求") == 1
    figures_refresh(recount=True)

    assert _card(BeautifulSoup(client.get(url).content, "html.parser"), "已响应需求") == 2
