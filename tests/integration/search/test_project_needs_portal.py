"""Portal: a project's needs to take first, with reasons; propose (自荐) and deliver."""

import pytest
from django.urls import reverse

from matching.models import Match, Region, ResponseLogEntry
from matching.notifications.models import Notification
from matching.services.matches import match_accept
from matching.services.staff import staff_user_add
from search.outbox import outbox_drain
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, make_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(search_backend):
    org = OrganisationFactory(name="萍乡市助老服务中心")
    other = OrganisationFactory(name="乙组织")
    project = ProjectFactory(ref="prj-pn-1", organisation=org, title="农村敬老院适老化改造")
    need = make_need(ref="need-pn-1", county="360321", title="莲花县某乡敬老院卫浴改造")
    outbox_drain()
    return {
        "project": project,
        "need": need,
        "admin": MembershipFactory(organisation=org, role="admin").user,
        "member": MembershipFactory(organisation=org, role="member").user,
        "other_admin": MembershipFactory(organisation=other, role="admin").user,
        "staff": staff_user_add(username="lh", password="x", region=Region.objects.get(code="360321")),
    }


def test_members_see_the_needs_their_project_should_take_first(client, world):
    client.force_login(world["member"])

    page = client.get(reverse("portal:project_needs", args=[world["project"].pk]))

    html = page.content.decode()
    assert page.status_code == 200 and "莲花县某乡敬老院卫浴改造" in html and "同市服务" in html


def test_another_organisation_gets_404(client, world):
    client.force_login(world["other_admin"])

    assert client.get(reverse("portal:project_needs", args=[world["project"].pk])).status_code == 404
    assert (
        client.post(
            reverse("portal:project_need_propose", args=[world["project"].pk]), {"need": "need-pn-1"}
        ).status_code
        == 404
    )
    assert not Match.objects.exists()


def test_the_admin_proposes_and_later_marks_delivered(client, world):
    client.force_login(world["admin"])

    client.post(
        reverse("portal:project_need_propose", args=[world["project"].pk]),
        {"need": "need-pn-1", "score": "0.5", "reasons": ["同市服务"]},
    )

    match = Match.objects.get(need=world["need"], project=world["project"])
    assert Notification.objects.filter(recipient=world["staff"], kind="match.proposed").exists()
    match_accept(user=world["staff"], match=match)
    client.post(reverse("portal:match_deliver", args=[match.pk]), {"note": "扶手已安装"})
    match.refresh_from_db()
    assert match.status == "delivered"
    assert ResponseLogEntry.objects.filter(need=world["need"], message__contains="扶手已安装").exists()


def test_a_plain_member_cannot_propose(client, world):
    client.force_login(world["member"])

    response = client.post(
        reverse("portal:project_need_propose", args=[world["project"].pk]), {"need": "need-pn-1"}, follow=True
    )

    assert "没有为该需求推荐匹配的权限" in response.content.decode()
    assert not Match.objects.exists()


def test_the_dashboard_does_not_ask_an_organisation_to_answer_its_own_proposal(client, world):
    from portal.selectors import matches_waiting

    client.force_login(world["admin"])
    client.post(reverse("portal:project_need_propose", args=[world["project"].pk]), {"need": "need-pn-1"})

    assert Match.objects.filter(project=world["project"]).count() == 1
    assert not matches_waiting(organisation=world["project"].organisation).exists()


def test_the_ranked_needs_name_the_other_organisations_that_responded(client, world):
    from bs4 import BeautifulSoup

    third = ProjectFactory(organisation=OrganisationFactory(name="丙组织"), title="敬老院扶手加装")
    Match.objects.create(need=world["need"], project=third, status=Match.Status.ACCEPTED)
    client.force_login(world["member"])

    html = client.get(reverse("portal:project_needs", args=[world["project"].pk])).content.decode()

    rows = BeautifulSoup(html, "html.parser").select("tbody tr")
    row = next(tr for tr in rows if "莲花县某乡敬老院卫浴改造" in tr.text)
    assert "丙组织" in row.get_text() and "已承诺" in row.get_text()
