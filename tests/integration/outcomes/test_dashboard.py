"""The staff dashboard: login and a staff scope required, scoped to the region, fixed query count."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from matching.models import NeedPage
from matching.outcomes.selectors.dashboard import dashboard_for_regions
from matching.outcomes.services.digest import dashboard_digest_send
from matching.services.needs import need_record_response
from tests.factories import make_need

from .conftest import SECRET_NAME, age_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(db):
    """In 莲花县: a need unanswered for 8 days, an answered one, a fresh one, an emergency for 30 hours.
    In 瑞金市 (another prefecture): one unanswered for 8 days."""
    old = make_need(county="360321", title="莲花县八天无人响应")
    answered = make_need(county="360321", title="莲花县已响应")
    fresh = make_need(county="360321", title="莲花县刚发布")
    emergency = make_need(county="360321", title="莲花县火灾急难", circle=NeedPage.Circle.EMERGENCY)
    elsewhere = make_need(county="360781", title="瑞金市八天无人响应")
    for n in (old, answered, elsewhere):
        age_need(n, days=8)
    age_need(emergency, hours=30)
    need_record_response(need=answered, actor_label="某组织", message="已联系")
    return {"old": old, "answered": answered, "fresh": fresh, "emergency": emergency, "elsewhere": elsewhere}


def test_lists_for_a_county(waiting):
    board = dashboard_for_regions(region_codes=["360321"])
    assert [n.title for n in board.needs_without_response.rows] == ["莲花县八天无人响应"]
    assert [n.title for n in board.emergency_without_action.rows] == ["莲花县火灾急难"]
    assert (board.needs_without_response.total, board.emergency_without_action.total) == (1, 1)


def test_days_setting_changes_the_list(waiting, settings):
    settings.DASHBOARD_NO_RESPONSE_DAYS = 9
    assert dashboard_for_regions(region_codes=["360321"]).needs_without_response.rows == []


def test_emergency_with_an_advance_is_not_listed(waiting, county_staff, project):
    from matching.funding.services import accounts
    from matching.funding.services.disbursements import advance_release
    from matching.funding.services.ledger import Line, ledger_post

    ledger_post(
        kind="own_funds",
        idempotency_key="t-own",
        lines=[
            Line(accounts.account_org_funds(project.organisation), -500_000),
            Line(accounts.account_for_project(project), 500_000),
        ],
    )
    advance_release(project=project, need=waiting["emergency"], amount=100_000, purpose="临时生活费", user=county_staff)
    assert dashboard_for_regions(region_codes=["360321"]).emergency_without_action.rows == []


def test_overdue_advance_paperwork_is_listed(waiting, county_staff, project):
    from matching.funding.models import Disbursement
    from matching.funding.services import accounts
    from matching.funding.services.disbursements import advance_release
    from matching.funding.services.ledger import Line, ledger_post

    ledger_post(
        kind="own_funds",
        idempotency_key="t-own2",
        lines=[
            Line(accounts.account_org_funds(project.organisation), -500_000),
            Line(accounts.account_for_project(project), 500_000),
        ],
    )
    d = advance_release(
        project=project, need=waiting["emergency"], amount=100_000, purpose="临时生活费", user=county_staff
    )
    Disbursement.objects.filter(pk=d.pk).update(paperwork_due_on=timezone.localdate() - dt.timedelta(days=1))
    assert [x.pk for x in dashboard_for_regions(region_codes=["360321"]).advances_overdue.rows] == [d.pk]
    assert dashboard_for_regions(region_codes=["360781"]).advances_overdue.rows == []


def test_anonymous_is_sent_to_login(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_non_staff_is_refused(client, outsider):
    client.force_login(outsider)
    assert client.get("/dashboard/").status_code == 403


def test_county_staff_sees_only_their_county(client, waiting, county_staff, beneficiary, django_assert_max_num_queries):
    client.force_login(county_staff)
    with django_assert_max_num_queries(25):
        response = client.get("/dashboard/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "莲花县八天无人响应" in html and "莲花县火灾急难" in html
    assert "瑞金市八天无人响应" not in html and "莲花县刚发布" not in html
    assert SECRET_NAME not in html
    assert "vendor/echarts/echarts.min.js" in html and "<caption>" in html  # chart, with its table


def test_dashboard_query_count_does_not_grow_with_needs(client, county_staff, django_assert_max_num_queries):
    for i in range(12):
        age_need(make_need(county="360321", title=f"无人响应{i}"), days=9)
    client.force_login(county_staff)
    with django_assert_max_num_queries(25):
        assert client.get("/dashboard/").status_code == 200


def test_daily_digest_reaches_the_county_staff(waiting, county_staff, other_county_staff):
    sent = dashboard_digest_send()
    assert sent == 2  # one message to each county's officer
    try:
        from matching.notifications.models import Notification
    except ImportError:
        messages = {m.to[0]: m.body for m in mail.outbox}
        body = messages["officer@lianhua.example"]
    else:
        body = Notification.objects.get(recipient=county_staff, kind="dashboard_digest").body
    assert "莲花县八天无人响应" in body and "瑞金市" not in body


def test_digest_task_runs(waiting, county_staff):
    from matching.outcomes.tasks import dashboard_digest

    assert dashboard_digest.delay().get() == 1


def test_the_digest_links_to_the_dashboard_on_the_configured_site(waiting, county_staff, settings):
    """Issue 10, item 8: links in mails must reach the site where it is served."""
    from matching.notifications.models import Notification

    settings.SITE_URL = "https://bangfu.example.org"
    dashboard_digest_send()

    body = Notification.objects.get(recipient=county_staff, kind="dashboard_digest").body
    assert "https://bangfu.example.org/dashboard/" in body


@pytest.fixture
def backlog(db):
    """Seven needs of 莲花县 unanswered for 8 to 14 days (the oldest first) and one of 瑞金市."""
    needs = []
    for i in range(7):
        need = make_need(county="360321", title=f"莲花县积压{i}")
        age_need(need, days=14 - i)
        needs.append(need)
    age_need(make_need(county="360781", title="瑞金市积压"), days=9)
    return needs


def test_the_dashboard_lists_the_first_rows_and_counts_them_all(client, backlog, county_staff, settings):
    settings.DASHBOARD_ROWS = 3
    board = dashboard_for_regions(region_codes=["360321"])
    assert [n.title for n in board.needs_without_response.rows] == ["莲花县积压0", "莲花县积压1", "莲花县积压2"]
    assert board.needs_without_response.total == 7 and board.needs_without_response.more

    client.force_login(county_staff)
    html = client.get("/dashboard/").content.decode()
    assert "莲花县积压2" in html and "莲花县积压3" not in html
    assert "共 7 条，列出最早的 3 条。" in html
    assert 'href="/dashboard/needs/unanswered/"' in html


def test_a_count_stops_at_the_cap(backlog, monkeypatch):
    from matching.outcomes.selectors import dashboard

    monkeypatch.setattr(dashboard, "COUNT_CAP", 4)
    board = dashboard.dashboard_for_regions(region_codes=["360321"], limit=2)
    assert board.needs_without_response.total == 4 and board.needs_without_response.capped


def test_dashboard_links_are_the_pages_urls(client, backlog, county_staff):
    """The links are built from the loaded url_path, not page.url per row: they must be the same URLs."""
    client.force_login(county_staff)
    html = client.get("/dashboard/").content.decode()
    for need in backlog:
        assert need.url and f'<a href="{need.url}">{need.title}</a>' in html


def test_dashboard_labels_follow_the_language(client, backlog, county_staff):
    client.force_login(county_staff)
    assert "<td>一般</td><td>" in client.get("/dashboard/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/dashboard/"})
    html = client.get("/dashboard/").content.decode()
    assert "<td>Normal</td>" in html and "一般" not in html and "待响应" not in html


def test_the_full_list_pages_through_every_need_once(client, backlog, county_staff, settings):
    settings.DASHBOARD_ROWS = 3
    client.force_login(county_staff)
    seen = []
    for page in (1, 2, 3):
        response = client.get(f"/dashboard/needs/unanswered/?page={page}")
        assert response.status_code == 200
        seen += [n.title for n in response.context["rows"]]
    assert seen == [f"莲花县积压{i}" for i in range(7)]
    assert "瑞金市积压" not in client.get("/dashboard/needs/unanswered/?page=1").content.decode()


def test_the_full_lists_are_for_staff_only(client, backlog, outsider, county_staff):
    assert client.get("/dashboard/needs/emergency/").status_code == 302
    client.force_login(outsider)
    assert client.get("/dashboard/needs/emergency/").status_code == 403
    client.force_login(county_staff)
    assert client.get("/dashboard/needs/emergency/").status_code == 200
    assert client.get("/dashboard/needs/nothing/").status_code == 404
