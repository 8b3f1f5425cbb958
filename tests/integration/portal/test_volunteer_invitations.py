"""The matcher's volunteers for a need lead to the portal: invite to the need's project, accept or decline."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from matching.error_codes import VolunteerErrorCode
from matching.errors import error_codes
from matching.models import Match, Region, VolunteerInvitation, VolunteerSignup
from matching.notifications.models import Notification
from matching.services.staff import staff_user_add
from matching.services.volunteer_invitations import (
    volunteer_invitation_accept,
    volunteer_invitation_create,
    volunteer_invitation_decline,
)
from search.backends.base import get_search_backend, reset_backends
from search.outbox import outbox_drain
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
    VolunteerFactory,
    make_need,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def search_backend(settings, tmp_path):
    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": str(tmp_path / "search-index")}
    }
    reset_backends()
    yield get_search_backend()
    reset_backends()


@pytest.fixture
def world(search_backend):
    org = OrganisationFactory(name="萍乡市助老服务中心")
    other = OrganisationFactory(name="乙组织")
    project = ProjectFactory(ref="prj-vi-1", organisation=org, title="农村敬老院适老化改造", volunteer_slots=2)
    other_project = ProjectFactory(ref="prj-vi-2", organisation=other, title="乙项目")
    need = make_need(ref="need-vi-1", county="360321")
    Match.objects.create(need=need, project=project, status=Match.Status.ACCEPTED)
    volunteer = VolunteerFactory(ref="vol-vi-1", display_name="王老师", user=UserFactory(), service_regions=["360300"])
    outbox_drain()
    return {
        "org": org,
        "project": project,
        "other_project": other_project,
        "need": need,
        "volunteer": volunteer,
        "member": MembershipFactory(organisation=org, role="member").user,
        "other_admin": MembershipFactory(organisation=other, role="admin").user,
        "staff": staff_user_add(username="lh-vi", password="x", region=Region.objects.get(code="360321")),
        "far_staff": staff_user_add(username="gz-vi", password="x", region=Region.objects.get(code="360700")),
    }


def test_a_member_of_the_matched_organisation_sees_ranked_volunteers_with_reasons(client, world):
    client.force_login(world["member"])

    page = client.get(reverse("portal:need_volunteers", args=["need-vi-1"]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "王老师" in html and "同市服务" in html and "邀请" in html


def test_the_member_invites_and_the_volunteer_is_notified(client, world):
    client.force_login(world["member"])

    client.post(
        reverse("portal:need_volunteer_invite", args=["need-vi-1"]),
        {"volunteer": "vol-vi-1", "project": world["project"].pk, "message": "周末入户"},
    )

    invitation = VolunteerInvitation.objects.get()
    assert (invitation.volunteer, invitation.project, invitation.status) == (
        world["volunteer"],
        world["project"],
        "invited",
    )
    assert Notification.objects.filter(recipient=world["volunteer"].user, kind="volunteer.invited").exists()


def test_staff_of_the_need_region_may_invite(world):
    invitation = volunteer_invitation_create(
        user=world["staff"], need=world["need"], project=world["project"], volunteer_ref="vol-vi-1"
    )

    assert invitation.invited_by == world["staff"]


def test_another_organisation_and_staff_of_another_region_are_refused_and_nothing_is_written(client, world):
    for user in (world["other_admin"], world["far_staff"], UserFactory()):
        client.force_login(user)
        assert client.get(reverse("portal:need_volunteers", args=["need-vi-1"])).status_code == 404
        assert (
            client.post(
                reverse("portal:need_volunteer_invite", args=["need-vi-1"]),
                {"volunteer": "vol-vi-1", "project": world["project"].pk},
            ).status_code
            == 404
        )
    with pytest.raises(Http404):
        volunteer_invitation_create(
            user=world["other_admin"], need=world["need"], project=world["other_project"], volunteer_ref="vol-vi-1"
        )
    assert not VolunteerInvitation.objects.exists()


def test_a_project_without_an_accepted_match_cannot_be_invited_to(world):
    with pytest.raises(PermissionDenied):
        volunteer_invitation_create(
            user=world["staff"], need=world["need"], project=world["other_project"], volunteer_ref="vol-vi-1"
        )
    assert not VolunteerInvitation.objects.exists()


def test_a_proposed_match_gives_no_right_to_invite(client, world):
    Match.objects.filter(project=world["project"]).update(status=Match.Status.PROPOSED)
    client.force_login(world["member"])

    assert client.get(reverse("portal:need_volunteers", args=["need-vi-1"])).status_code == 404


def test_unknown_volunteer_and_a_second_invitation_are_clear_messages(client, world):
    client.force_login(world["member"])
    url = reverse("portal:need_volunteer_invite", args=["need-vi-1"])

    unknown = client.post(url, {"volunteer": "vol-nobody", "project": world["project"].pk}, follow=True)
    client.post(url, {"volunteer": "vol-vi-1", "project": world["project"].pk})
    again = client.post(url, {"volunteer": "vol-vi-1", "project": world["project"].pk}, follow=True)

    assert "志愿者不存在" in unknown.content.decode()
    assert "已邀请过该志愿者" in again.content.decode()
    assert VolunteerInvitation.objects.count() == 1


def test_the_volunteer_accepts_and_gets_an_approved_signup(client, world):
    invitation = volunteer_invitation_create(
        user=world["member"], need=world["need"], project=world["project"], volunteer_ref="vol-vi-1"
    )
    client.force_login(world["volunteer"].user)
    assert "农村敬老院适老化改造" in client.get(reverse("portal:volunteer_invitations")).content.decode()

    client.post(reverse("portal:volunteer_invitation_answer", args=[invitation.pk]), {"answer": "accept"})

    invitation.refresh_from_db()
    signup = VolunteerSignup.objects.get(volunteer=world["volunteer"], project=world["project"])
    assert invitation.status == "accepted" and invitation.signup == signup
    assert signup.status == "approved" and signup.decided_by == world["member"]
    assert Notification.objects.filter(recipient=world["member"], kind="volunteer.invitation_accepted").exists()


def test_accepting_a_pending_signup_approves_it(world):
    from matching.services.signups import signup_create

    signup_create(user=world["volunteer"].user, project=world["project"])
    invitation = volunteer_invitation_create(
        user=world["member"], need=world["need"], project=world["project"], volunteer_ref="vol-vi-1"
    )

    volunteer_invitation_accept(user=world["volunteer"].user, invitation=invitation)

    assert VolunteerSignup.objects.get().status == "approved"


def test_full_slots_refuse_the_acceptance_and_nothing_changes(world):
    world["project"].volunteer_slots = 0
    world["project"].save()
    invitation = volunteer_invitation_create(
        user=world["member"], need=world["need"], project=world["project"], volunteer_ref="vol-vi-1"
    )

    with pytest.raises(ValidationError) as refused:
        volunteer_invitation_accept(user=world["volunteer"].user, invitation=invitation)
    assert error_codes(refused.value) == {VolunteerErrorCode.SLOTS_FULL}

    invitation.refresh_from_db()
    assert invitation.status == "invited" and not VolunteerSignup.objects.exists()


def test_the_volunteer_declines_then_cannot_accept(client, world):
    invitation = volunteer_invitation_create(
        user=world["member"], need=world["need"], project=world["project"], volunteer_ref="vol-vi-1"
    )
    client.force_login(world["volunteer"].user)

    client.post(
        reverse("portal:volunteer_invitation_answer", args=[invitation.pk]), {"answer": "decline", "reason": "时间冲突"}
    )

    invitation.refresh_from_db()
    assert (invitation.status, invitation.decline_reason) == ("declined", "时间冲突")
    with pytest.raises(ValidationError) as refused:
        volunteer_invitation_accept(user=world["volunteer"].user, invitation=invitation)
    assert error_codes(refused.value) == {VolunteerErrorCode.INVITATION_STEP_NOT_ALLOWED}
    assert not VolunteerSignup.objects.exists()


def test_someone_else_cannot_answer_the_invitation(client, world):
    invitation = volunteer_invitation_create(
        user=world["member"], need=world["need"], project=world["project"], volunteer_ref="vol-vi-1"
    )
    intruder = VolunteerFactory(user=UserFactory())
    client.force_login(intruder.user)

    response = client.post(reverse("portal:volunteer_invitation_answer", args=[invitation.pk]), {"answer": "accept"})

    assert response.status_code == 404
    with pytest.raises(Http404):
        volunteer_invitation_decline(user=intruder.user, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.status == "invited"


def test_the_projects_needs_page_links_an_accepted_match_to_its_volunteers(client, world):
    client.force_login(world["member"])

    html = client.get(reverse("portal:project_needs", args=[world["project"].pk])).content.decode()

    assert reverse("portal:need_volunteers", args=["need-vi-1"]) in html
