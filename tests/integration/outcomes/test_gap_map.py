"""The gap map (缺口地图): its figures equal the selectors' and a full recomputation from the needs, the
ledger and the projects; the measure switch, the drill, the table without JavaScript, staff scoping and a
fixed number of queries."""

import datetime
import json
import re

import pytest
from django.db.models import Count, Q, Sum
from django.utils import timezone

from matching.funding.models import LedgerTransaction
from matching.funding.selectors import region_money
from matching.funding.services import accounts
from matching.funding.services.ledger import Line, ledger_post
from matching.models import Match, NeedPage, Project, Region
from matching.outcomes.models import PLATFORM, RegionFigures
from matching.outcomes.selectors.gapmap import MEASURES, gap_map, region_gap
from matching.outcomes.services.figures import figures_recompute, figures_refresh
from matching.services.needs import need_record_response
from matching.services.staff import staff_user_add
from tests.factories import ProjectFactory, VolunteerFactory, make_need

from .conftest import age_need

pytestmark = pytest.mark.django_db
CODES = [PLATFORM, "360000", "360300", "360321", "360322", "360700", "360781", "110000", "110101", "620000"]
UNFINISHED = ("open", "matched", "in_progress")


@pytest.fixture
def gaps(db):
    """莲花县 (360321): two old unanswered needs (8 and 31 days), one answered, money asked and partly given, a
    volunteer accepted. 瑞金市 (360781): one need. 东城区 (110101): a closed need (its money no longer counts).
    Projects: one for 莲花县 only, one for 萍乡市, one nationwide, one in 甘肃, one paused and two of organisations
    not verified (these three count nowhere)."""
    old = make_need(county="360321", title="莲花县八天无人响应", amount_requested=500_000, volunteers_needed=3)
    older = make_need(county="360321", title="莲花县一月无人响应", amount_requested=200_000)
    answered = make_need(county="360321", title="莲花县已响应", amount_requested=100_000, volunteers_needed=2)
    make_need(county="360781", title="瑞金市需求", amount_requested=80_000, volunteers_needed=1)
    make_need(county="110101", title="东城区已关闭", amount_requested=70_000, status="closed")
    age_need(old, days=8)
    age_need(older, days=31)
    age_need(answered, days=40)
    need_record_response(need=answered, actor_label="某组织", message="已联系")
    Match.objects.create(need=old, volunteer=VolunteerFactory(), status=Match.Status.ACCEPTED)
    Match.objects.create(need=old, volunteer=VolunteerFactory(), status=Match.Status.PROPOSED)  # not yet matched
    ledger_post(
        kind=LedgerTransaction.Kind.DONATION,
        idempotency_key="gap-don-1",
        memo="捐赠",
        lines=[Line(accounts.account_donors(), -150_000), Line(accounts.account_for_need(old), 150_000)],
    )
    ProjectFactory(service_regions=["360321"], budget_available=1_000_000, volunteer_slots=4)
    ProjectFactory(service_regions=["360300"], budget_available=2_000_000, volunteer_slots=6)
    ProjectFactory(service_regions=["000000"], budget_available=5_000_000, volunteer_slots=10)
    ProjectFactory(service_regions=["620000"], budget_available=7_000_000, volunteer_slots=1)
    ProjectFactory(service_regions=["360321"], status=Project.Status.PAUSED)
    for vetting in ("pending", "suspended"):  # an organisation not (or no longer) verified offers nothing
        ProjectFactory(service_regions=["360321"], organisation__status=vetting, budget_available=9_000_000)
    figures_refresh()
    return {"old": old, "older": older, "answered": answered}


def _from_scratch(code: str) -> dict:
    """Every measure computed without the kept figures: from live needs, the ledger and the projects."""
    now = timezone.now()
    needs = NeedPage.objects.live().filter(Q() if code == PLATFORM else Region.objects.under_q([code], via="county"))
    unanswered = needs.filter(status="open", first_response_at__isnull=True)
    requested = needs.exclude(status="closed").aggregate(s=Sum("amount_requested"))["s"] or 0
    if code == PLATFORM:
        money = region_money(region_codes=list(Region.objects.filter(level="province").values_list("code", flat=True)))
    else:
        money = region_money(region_codes=[code])
    needed = needs.filter(status__in=UNFINISHED).aggregate(s=Sum("volunteers_needed"))["s"] or 0
    matched = Match.objects.filter(
        need__in=needs.filter(status__in=UNFINISHED), volunteer__isnull=False, status__in=["accepted", "delivered"]
    ).count()
    active = Project.objects.filter(status="active", organisation__status="verified")
    if code == PLATFORM:
        projects = active.filter(service_regions__isnull=False)
    else:
        projects = active.filter(Region.objects.serving_q([code], via="service_regions"))
    capacity = Project.objects.filter(pk__in=projects.values("pk")).aggregate(
        n=Count("pk"), funds=Sum("budget_available"), slots=Sum("volunteer_slots")
    )
    return {
        "open": needs.filter(status="open").count(),
        "unanswered_7d": unanswered.filter(first_published_at__lte=now - datetime.timedelta(days=7)).count(),
        "unanswered_30d": unanswered.filter(first_published_at__lte=now - datetime.timedelta(days=30)).count(),
        "money_gap": requested - (money.donated + money.allocated + money.spent),
        "volunteer_gap": needed - matched,
        "capacity_projects": capacity["n"],
        "capacity_funds": capacity["funds"] or 0,
        "capacity_slots": capacity["slots"] or 0,
    }


def test_the_gap_figures_equal_a_full_recomputation_from_needs_ledger_and_projects(gaps):
    for code in CODES:
        assert region_gap(code=code) == _from_scratch(code), code
    lianhua = region_gap(code="360321")
    assert lianhua["unanswered_7d"] == 2 and lianhua["unanswered_30d"] == 1
    assert lianhua["money_gap"] == 800_000 - 150_000 and lianhua["volunteer_gap"] == 5 - 1
    assert (lianhua["capacity_projects"], lianhua["capacity_funds"], lianhua["capacity_slots"]) == (3, 8_000_000, 20)
    kept = sorted(
        RegionFigures.objects.values_list(
            "code", *[f.name for f in RegionFigures._meta.fields if not f.name.endswith("refreshed_at")]
        )
    )
    figures_recompute()
    assert (
        sorted(
            RegionFigures.objects.values_list(
                "code", *[f.name for f in RegionFigures._meta.fields if not f.name.endswith("refreshed_at")]
            )
        )
        == kept
    )


def test_capacity_and_needs_that_go_away_drop_out_on_the_next_refresh(gaps):
    Project.objects.filter(service_regions="360300").update(status=Project.Status.COMPLETED)
    gaps["old"].unpublish()

    figures_refresh()

    assert region_gap(code="360321") == _from_scratch("360321")
    assert region_gap(code="360321")["capacity_projects"] == 2


def _chart(response) -> dict:
    match = re.search(r'<script id="gapmap-data" type="application/json">(.*?)</script>', response.content.decode())
    return json.loads(match.group(1))


def _table(response) -> dict[str, list[str]]:
    """The table as a person without JavaScript reads it: region name → the cells of its row."""
    html = response.content.decode()
    body = re.search(r'<table id="gap-table">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def test_the_map_and_its_table_show_the_selectors_figures_for_each_county(client, gaps):
    response = client.get("/transparency/map/360300/")

    assert response.status_code == 200
    chart = _chart(response)
    units = {u["code"]: u for u in chart["units"]}
    for code in ("360321", "360322"):
        assert units[code]["value"] == region_gap(code=code)["open"]
    table = _table(response)
    lianhua = region_gap(code="360321")
    money = [m.key for m in MEASURES].index("money_gap")
    assert table["莲花县"][1 + money] == "¥6,500.00"  # after the marks column
    assert table["莲花县"][1 : 1 + len(MEASURES)][0] == str(lianhua["open"])
    assert "/needs/?region=360321" in response.content.decode()


def test_the_measure_switch_recolours_and_resorts_and_refuses_an_unknown_measure(client, gaps):
    response = client.get("/transparency/map/360000/?measure=money_gap")

    chart = _chart(response)
    assert chart["measure"]["key"] == "money_gap" and chart["measure"]["money"] is True
    values = [u["value"] for u in chart["units"]]
    assert values == sorted(values, reverse=True)
    pingxiang = next(u for u in chart["units"] if u["code"] == "360300")
    assert pingxiang["value"] * 100 == region_gap(code="360300")["money_gap"]
    assert '<option value="money_gap" selected>' in response.content.decode()

    bad = client.get("/transparency/map/360000/?measure=<script>")
    assert bad.status_code == 400 and "没有这个指标" in bad.content.decode() and "<script>" not in bad.content.decode()
    assert client.get("/transparency/map/999999/").status_code == 404


def test_the_drill_goes_country_to_province_to_prefecture_to_county(client, gaps):
    country = client.get("/transparency/map/")
    assert {u["code"] for u in _chart(country)["units"]} == set(
        Region.objects.filter(level="province").values_list("code", flat=True)
    )
    assert "/transparency/map/360000/" in country.content.decode()
    assert _chart(country)["geometry"].endswith("maps/provinces.json")

    province = client.get("/transparency/map/360000/")
    codes = {u["code"] for u in _chart(province)["units"]}
    assert "360300" in codes and "360321" not in codes and _chart(province)["geometry"].endswith("maps/360000.json")
    municipality = _chart(client.get("/transparency/map/110000/"))
    assert "110101" in {u["code"] for u in municipality["units"]}  # 市辖区 is skipped: districts drawn directly

    prefecture = _chart(client.get("/transparency/map/360300/"))
    assert prefecture["prefix"] == "3603" and {u["code"] for u in prefecture["units"]} == set(
        Region.objects.filter(parent_id="360300").values_list("code", flat=True)
    )

    county = client.get("/transparency/map/360321/")
    html = county.content.decode()
    assert 'id="gapmap-data"' not in html and 'id="gap-detail"' in html
    assert "/needs/?region=360321" in html and "/transparency/regions/360321/" in html
    counts = {k: v for k, v in region_gap(code="360321").items() if not k.startswith(("money", "capacity_f"))}
    assert all(str(v) in html for v in counts.values())


def test_deep_poverty_and_designated_counties_are_marked(client, gaps):
    tagged = Region.objects.filter(level="county", tags__contains=["deep_poverty"]).select_related("parent").first()
    response = client.get(f"/transparency/map/{tagged.parent_id}/")
    unit = next(u for u in _chart(response)["units"] if u["code"] == tagged.code)
    assert unit["deep"] == 1
    assert "深度贫困县" in _table(response)[tagged.name][0]
    province = gap_map(region=Region.objects.get(code=tagged.code[:2] + "0000"))
    assert (
        sum(u.deep_poverty for u in province.units)
        == Region.objects.filter(
            level="county", code__startswith=tagged.code[:2], tags__contains=["deep_poverty"]
        ).count()
    )


def test_the_public_map_reads_a_fixed_number_of_queries(client, gaps, django_assert_max_num_queries):
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(12):
        client.get("/transparency/map/")
    with django_assert_max_num_queries(12):
        client.get("/transparency/map/360000/?measure=capacity_funds")


def test_a_county_officer_sees_only_their_county_on_the_staff_map(client, gaps):
    officer = staff_user_add(username="lianhua-gap", password="x-pass-12345", region=Region.objects.get(code="360321"))
    client.force_login(officer)

    root = client.get("/dashboard/map/?measure=unanswered_7d")
    assert root.status_code == 302 and root["Location"] == "/dashboard/map/360321/?measure=unanswered_7d"
    own = client.get("/dashboard/map/360321/").content.decode()
    assert "莲花县八天无人响应" in own and "莲花县一月无人响应" in own and "莲花县已响应" not in own
    assert client.get("/dashboard/map/360781/").status_code == 403
    assert client.get("/dashboard/map/360000/").status_code == 403


def test_a_province_officer_drills_to_a_county_detail_and_others_are_refused(client, gaps):
    officer = staff_user_add(username="jiangxi-gap", password="x-pass-12345", region=Region.objects.get(code="360000"))
    client.force_login(officer)
    province = client.get("/dashboard/map/360000/")
    assert "/dashboard/map/360300/" in province.content.decode()
    assert "瑞金市需求" not in client.get("/dashboard/map/360321/").content.decode()
    assert client.get("/dashboard/map/110000/").status_code == 403
    assert client.get("/dashboard/map/").status_code == 302

    client.logout()
    assert client.get("/dashboard/map/360321/").status_code == 302  # to the login page
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get("/dashboard/map/360321/").status_code == 403


def test_the_pages_people_already_use_link_to_the_map(client, gaps):
    assert 'href="/transparency/map/"' in client.get("/transparency/").content.decode()
    assert 'href="/transparency/map/360321/"' in client.get("/transparency/regions/360321/").content.decode()
    client.force_login(staff_user_add(username="gap-nation", password="x-pass-12345", region=None))
    assert 'href="/dashboard/map/"' in client.get("/dashboard/").content.decode()
