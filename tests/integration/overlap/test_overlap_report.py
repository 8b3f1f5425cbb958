"""The monthly overlap report: per county and month, the needs two organisations committed to and the near-duplicate
needs funded twice; scoped to the staff member's region (another county's officer is refused, with the reason);
bad input is a 400 with text; a CSV of the same rows; a fixed number of queries."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from matching.funding.models import Disbursement
from matching.models import Match
from matching.selectors.overlap_report import overlap_report
from tests.factories import UserFactory, make_need

from .conftest import commit, disburse, fund

pytestmark = pytest.mark.django_db
THIS_MONTH = timezone.localdate().replace(day=1)
LAST_MONTH = (THIS_MONTH - datetime.timedelta(days=1)).replace(day=1)


def _move_to(month: datetime.date, *, matches=(), disbursements=()) -> None:
    at = timezone.make_aware(datetime.datetime.combine(month.replace(day=10), datetime.time(9)))
    Match.objects.filter(pk__in=[m.pk for m in matches]).update(created_at=at)
    Disbursement.objects.filter(pk__in=[d.pk for d in disbursements]).update(created_at=at)


@pytest.fixture
def overlaps(officer, need, first, second):
    """莲花县: one need committed to by two organisations (the second this month) and a reworded copy of it
    funded by the second organisation this month; the first committed last month."""
    earlier = commit(first, need, officer)
    _move_to(LAST_MONTH, matches=[earlier])
    commit(second, need, officer)
    copy = make_need(
        county="360321",
        title="坊楼镇敬老院卫生间需加装扶手",
        description="<p>坊楼镇敬老院卫生间没有扶手，二十多位老人洗澡很不方便，需加装扶手、防滑地面。</p>",
    )
    commit(second, copy, officer)
    fund(second)
    disburse(second, copy, 250_000)
    return {"need": need, "copy": copy}


def test_the_report_lists_overlaps_per_county_in_the_month_they_arose(overlaps):
    report = overlap_report(region_codes=["360321"], month=THIS_MONTH)
    assert [c.name for c in report.counties] == ["莲花县"]
    cases = report.counties[0].cases
    assert sorted(c.kind for c in cases) == ["near_duplicate", "same_need"]
    same = next(c for c in cases if c.kind == "same_need")
    assert same.need.title == "坊楼镇敬老院卫生间加装扶手"
    assert [o.organisation_name for o in same.organisations] == ["萍乡市善行社工中心", "莲花县仁爱志愿者协会"]
    near = next(c for c in cases if c.kind == "near_duplicate")
    assert {near.need.pk, near.other_need.pk} == {overlaps["need"].pk, overlaps["copy"].pk}
    assert near.committed == 250_000 and near.similarity >= 0.45

    assert overlap_report(region_codes=["360321"], month=LAST_MONTH).cases == 0  # one organisation only, then
    assert overlap_report(region_codes=["360300"], month=THIS_MONTH).cases == 2  # the prefecture holds the county
    assert overlap_report(region_codes=["360322"], month=THIS_MONTH).cases == 0  # the county next door
    assert overlap_report(region_codes=None, month=THIS_MONTH).cases == 2


def test_the_county_officer_reads_the_report_from_the_dashboard(client, officer, overlaps):
    client.force_login(officer)
    dashboard = BeautifulSoup(client.get("/dashboard/").content, "html.parser")
    link = dashboard.find("a", string="重复资助月报")
    assert link is not None
    response = client.get(link["href"])
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    county = page.select_one("#overlap-county-360321").get_text(" ", strip=True)
    assert "莲花县" in county and "多家组织承诺同一需求" in county and "相似需求重复资助" in county
    assert "萍乡市善行社工中心" in county and "莲花县仁爱志愿者协会" in county
    assert page.select_one("#overlap-total").get_text() == "2"
    assert page.select_one("select[name=region]") is not None and page.select_one("input[name=month]") is not None


def test_the_csv_has_the_same_rows(client, officer, overlaps):
    client.force_login(officer)
    response = client.get("/dashboard/overlap.csv", {"region": "360321", "month": THIS_MONTH.strftime("%Y-%m")})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("县（区）代码,县（区）,类型") and len(lines) == 3
    assert all(line.startswith("360321,莲花县,") for line in lines[1:])
    assert any("2500.00" in line for line in lines[1:])


def test_an_officer_of_another_county_is_refused_with_the_reason(client, shangli_officer, overlaps):
    client.force_login(shangli_officer)
    query = {"region": "360321", "month": THIS_MONTH.strftime("%Y-%m")}
    for url in ("/dashboard/overlap/", "/dashboard/overlap.csv"):
        response = client.get(url, query)
        text = response.content.decode()
        assert response.status_code == 403, url
        assert "您的辖区不包括莲花县" in text and "萍乡市善行社工中心" not in text
    assert client.get("/dashboard/overlap/", {"region": "000000"}).status_code == 403  # not the whole country
    assert client.get("/dashboard/overlap/").status_code == 200  # its own county by default


def test_only_staff_read_it(client):
    assert client.get("/dashboard/overlap/")["Location"].startswith("/accounts/login/")
    client.force_login(UserFactory())
    assert client.get("/dashboard/overlap/").status_code == 403


@pytest.mark.parametrize("month", ["2026-13", "26-01", "abc", "2026-00", "9999-01"])
def test_a_bad_month_is_a_400_with_text(client, officer, month):
    client.force_login(officer)
    response = client.get("/dashboard/overlap/", {"month": month})
    assert response.status_code == 400 and "请按“年-月”填写月份" in response.content.decode()
    assert client.get("/dashboard/overlap.csv", {"month": month}).status_code == 400


def test_an_unknown_region_is_a_400_with_text(client, officer):
    client.force_login(officer)
    response = client.get("/dashboard/overlap/", {"region": "999999"})
    assert response.status_code == 400 and "请从列表中选择地区" in response.content.decode()


def test_the_report_costs_a_fixed_number_of_queries(client, officer, need, first, second):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/dashboard/overlap/", {"region": "360321"}).status_code == 200
        return len(ctx.captured_queries)

    needs = [need] + [
        make_need(county="360321", title=f"敬老院改造{i}号", description=f"<p>第{i}号敬老院需改造</p>")
        for i in range(5)
    ]
    page_queries()  # the region list is built once, then cached
    for n in needs[:3]:  # both kinds present: a need of two organisations, near-duplicates funded twice
        commit(first, n, officer)
        commit(second, n, officer)
    three = page_queries()
    for n in needs[3:]:
        commit(first, n, officer)
        commit(second, n, officer)
    assert page_queries() == three
