import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from matching.models import Membership, NeedPage, Organisation, Project, Volunteer

from .conftest import database_state

pytestmark = pytest.mark.django_db


def test_load_demo_loads_the_demo_file_and_accounts_and_a_second_run_changes_nothing():
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO(), verbosity=1)
    before = database_state()
    users = list(get_user_model().objects.order_by("pk").values_list("username", "password", "last_login"))

    call_command("load_demo", stdout=StringIO(), stderr=StringIO(), verbosity=0)

    assert database_state() == before
    assert list(get_user_model().objects.order_by("pk").values_list("username", "password", "last_login")) == users
    assert (Organisation.objects.count(), Project.objects.count(), NeedPage.objects.count()) == (20, 50, 100)
    assert Volunteer.objects.get(ref="vol-005").user.username == "volunteer"
    assert Membership.objects.get(user__username="org_admin").role == "admin"
    assert get_user_model().objects.get(username="admin").is_superuser
    lianhua = NeedPage.objects.live().filter(county_id="360321")
    assert lianhua.exists() and NeedPage.objects.live().filter(county_id="360827").exists()
    for username in ("admin", "staff_national", "lianhua_clerk", "org_member", "volunteer"):
        assert username in out.getvalue()


def test_demo_events_carry_the_datas_own_dates_and_the_home_page_lists_the_newest_first(client):
    from django.utils import timezone

    from matching.models import ResponseLogEntry

    call_command("load_demo", stdout=StringIO(), stderr=StringIO(), verbosity=0)

    for need in NeedPage.objects.live().filter(published_on__isnull=False)[:30]:
        first = ResponseLogEntry.objects.filter(need=need).order_by("created_at", "id").first()
        assert timezone.localdate(need.first_published_at) == need.published_on
        assert first is None or timezone.localdate(first.created_at) == need.published_on
    page = client.get("/").content.decode()
    latest = [n for n in NeedPage.objects.live().order_by("-published_on") if n.title in page]
    positions = [page.index(n.title) for n in latest]
    assert positions == sorted(positions) and len(positions) >= 4


def test_demo_file_is_what_the_script_writes_and_covers_every_category_circle_urgency_and_status():
    from matching.data.demo.build_demo import OUT, build

    records = build()
    on_disk = [json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines()]
    needs = [r for r in records if r["kind"] == "need"]

    assert on_disk == records
    assert {c for r in needs for c in r["categories"]} == set(__import__("matching.taxonomy").taxonomy.CATEGORIES)
    assert {r["circle"] for r in needs} == {"core", "low_income", "emergency"}
    assert {r["urgency"] for r in needs} == {"normal", "urgent", "critical"}
    assert {r["status"] for r in needs} == {"draft", "open", "matched", "in_progress", "fulfilled", "closed"}
    designated = {r["code"] for r in records if r["kind"] == "region" and "designated_county" in r["tags"]}
    assert designated == {"360321", "360827"}
    assert any("deep_poverty" in r["tags"] for r in records if r["kind"] == "region" and r["level"] == "county")


def test_every_demo_account_signs_in_directly(client):
    """Issue 10, item 1: every demo organisation and volunteer account stopped at 'verify your e-mail'."""
    from django.core.cache import cache

    call_command("load_demo", stdout=StringIO(), stderr=StringIO(), verbosity=0)
    for username, password, next_url in (
        ("org_admin", "bangfu-demo-2026", "/portal/"),
        ("volunteer", "bangfu-demo-2026", "/portal/"),
        ("lianhua_officer", "bangfu-demo-2026", "/admin/"),
        ("admin", "bangfu-admin-2026", "/admin/"),
    ):
        cache.clear()
        response = client.post(f"/accounts/login/?next={next_url}", {"login": username, "password": password})
        assert response.status_code == 302 and response["Location"] == next_url, username
        assert client.get(next_url).status_code == 200, username
        client.logout()


def test_demo_money_is_booked_at_the_datas_own_dates_and_spreads_over_the_months():
    from django.utils import timezone

    from matching.funding.models import Disbursement, Grant
    from matching.outcomes.selectors.kept import kept_region_money
    from matching.outcomes.services.figures import figures_refresh

    call_command("load_demo", stdout=StringIO(), stderr=StringIO(), verbosity=0)
    figures_refresh()

    disbursements = list(Disbursement.objects.select_related("need", "allocation_transaction", "project"))
    assert disbursements
    for d in disbursements:
        booked = d.allocation_transaction.created_at
        assert timezone.localdate(booked) >= d.need.published_on  # money follows the need, not the import
        assert d.created_at == booked
        grant = Grant.objects.filter(project=d.project).order_by("recorded_at").first()
        assert grant.transaction.created_at == grant.recorded_at < booked  # it came in before it left
    months = kept_region_money(code="360321").by_month
    assert len({m.month for m in months}) >= 2, months
    assert len({timezone.localdate(g.transaction.created_at).replace(day=1) for g in Grant.objects.all()}) >= 3


def test_the_demo_kept_figures_agree_with_the_dashboard_without_waiting_for_a_recount():
    """The demo re-dates its needs after importing them: the gap map and the cards must count the settled
    dates at once (the one-machine run has no beat), as the staff dashboard's live selector does."""
    from matching.outcomes.selectors.dashboard import needs_without_response
    from matching.outcomes.selectors.kept import kept_region

    call_command("load_demo", stdout=StringIO(), stderr=StringIO(), verbosity=0)

    for code in ("360321", "360300", "000000"):
        region = None if code == "000000" else [code]
        live = needs_without_response(region_codes=region).count()
        assert kept_region(code=code).needs_unanswered_7d == live, code
    assert kept_region(code="360321").needs_unanswered_7d > 0
