"""Every kind of notification links to the page where its recipient can answer it: following the link as the
recipient opens a page (200) offering the action (the form or button named here)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from matching.intake.fields import ContactFields, ReportFields
from matching.intake.services.reports import report_create
from matching.models import Match, Membership, Region, VolunteerInvitation
from matching.notifications.models import Notification
from matching.services.matches import match_accept, match_deliver, match_propose
from matching.services.staff import staff_user_add
from matching.services.volunteer_invitations import (
    volunteer_invitation_accept,
    volunteer_invitation_create,
)
from matching.services.volunteers import volunteer_profile_save
from search.self_proposals import match_propose_own_project
from tests.factories import MembershipFactory, ProjectFactory, UserFactory, make_need

pytestmark = pytest.mark.django_db

# kind → what the page at its link must offer (a CSS selector), for the recipient
ACTIONS = {
    "match.proposed": "form[action*='/accept/'], form[action*='/matches/'] button, form[action*='/answer/']",
    "match.accepted": "a[href*='/delivery/'], form[action*='/matches/']",
    "match.delivered": "form[action*='/matches/'], table",
    "volunteer.invited": "form[action*='/answer/']",
    "volunteer.invitation_accepted": "form[action*='/invite/'], table, ul",
    "intake.report_received": "form[action*='/draft-need/'], form[action*='/refer/']",
}


@pytest.fixture
def scene(db):
    county = Region.objects.get(code="360321")
    officer = staff_user_add(username="officer-links", password="x", region=county)
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    organisation = admin.organisation
    project = ProjectFactory(organisation=organisation, service_regions=["360300"])
    volunteer_user = UserFactory()
    volunteer = volunteer_profile_save(
        user=volunteer_user, display_name="小林", skills=["teaching"], service_regions=["360321"], hours_per_month=8
    )
    return {
        "county": county,
        "officer": officer,
        "admin": admin.user,
        "project": project,
        "volunteer_user": volunteer_user,
        "volunteer": volunteer,
    }


def _answerable(client, seen: set[str]):
    """Follow every notification made since the last call, as its recipient, while it is still to be answered."""
    for n in Notification.objects.exclude(pk__in=_answerable.done).select_related("recipient").order_by("pk"):
        _answerable.done.add(n.pk)
        seen.add(n.kind)
        assert n.url, f"{n.kind} → {n.recipient} has no link"
        client.force_login(n.recipient)
        response = client.get(n.url)
        assert response.status_code == 200, (n.kind, n.url, response.status_code)
        if n.kind in ACTIONS:
            page = BeautifulSoup(response.content, "html.parser")
            assert page.select(ACTIONS[n.kind]), f"{n.kind}: {n.url} offers no {ACTIONS[n.kind]!r}"


def test_every_notification_links_to_a_page_offering_its_action(client, scene):
    officer, admin, project = scene["officer"], scene["admin"], scene["project"]
    _answerable.done = set()
    seen: set[str] = set()
    # staff → organisation; the organisation answers (staff told) and later delivers (staff told)
    need = make_need(title="敬老院扶手")
    staff_proposal = match_propose(user=officer, need=need, project=project, score=0.8, reasons=["类别相同"])
    _answerable(client, seen)
    match_accept(user=admin, match=staff_proposal)
    _answerable(client, seen)
    # an organisation proposes its own project (staff told); the staff accept (organisation told)
    own = match_propose_own_project(user=admin, need=make_need(title="留守儿童课业辅导"), project=project)
    _answerable(client, seen)
    match_accept(user=officer, match=own)
    _answerable(client, seen)
    # staff → volunteer
    match_propose(
        user=officer, need=make_need(title="社区陪伴"), volunteer=scene["volunteer"], score=0.7, reasons=["技能相符"]
    )
    _answerable(client, seen)
    # the organisation invites a volunteer for its accepted need; the volunteer accepts; the inviter is told
    invitation = volunteer_invitation_create(
        user=admin, need=need, project=project, volunteer_ref=scene["volunteer"].ref
    )
    _answerable(client, seen)
    volunteer_invitation_accept(user=scene["volunteer_user"], invitation=invitation)
    _answerable(client, seen)
    match_deliver(user=admin, match=Match.objects.get(pk=staff_proposal.pk))
    _answerable(client, seen)
    # a hotline report reaches the county's staff
    report_create(
        fields=ReportFields(
            county_code="360321",
            township="坊楼镇",
            category="elderly_care",
            description="独居老人房屋漏雨，冬天缺少取暖设备",
        ),
        contact=ContactFields(reporter_phone="13907990001"),
        user=officer,
    )
    _answerable(client, seen)

    assert set(ACTIONS) <= seen, f"kinds not produced: {set(ACTIONS) - seen}"


def test_a_volunteer_recommended_by_staff_answers_from_the_inbox_link(client, scene):
    need = make_need(title="社区陪伴")
    match = match_propose(
        user=scene["officer"], need=need, volunteer=scene["volunteer"], score=0.7, reasons=["技能相符"]
    )
    link = Notification.objects.get(recipient=scene["volunteer_user"], kind="match.proposed").url
    client.force_login(scene["volunteer_user"])

    page = client.get(link).content.decode()
    assert "社区陪伴" in page and reverse("portal:volunteer_match_answer", args=[match.pk]) in page
    assert "社区陪伴" in client.get(reverse("portal:volunteer_home")).content.decode()
    client.post(reverse("portal:volunteer_match_answer", args=[match.pk]), {"answer": "accept"})

    assert Match.objects.get(pk=match.pk).status == Match.Status.ACCEPTED
    assert VolunteerInvitation.objects.count() == 0
