"""Match lifecycle: who may propose, accept, decline, deliver; the log line and the notification."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from matching.error_codes import MatchErrorCode
from matching.errors import error_codes
from matching.models import Match, NeedPage, Region, ResponseLogEntry
from matching.notifications.models import Notification
from matching.services.matches import match_accept, match_decline, match_deliver, match_propose
from matching.services.staff import staff_user_add
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
    VolunteerFactory,
    make_need,
)

pytestmark = pytest.mark.django_db

LIANHUA, SUICHUAN = "360321", "360827"


@pytest.fixture
def world(db):
    r = Region.objects.get
    org = OrganisationFactory(name="甲组织")
    other_org = OrganisationFactory(name="乙组织")
    w = {
        "need": make_need(county=LIANHUA),
        "org": org,
        "project": ProjectFactory(organisation=org, title="敬老院适老化改造"),
        "other_project": ProjectFactory(organisation=other_org),
        "staff": staff_user_add(username="lh", password="x", region=r(code=LIANHUA)),
        "staff_prefecture": staff_user_add(username="px", password="x", region=r(code="360300")),
        "staff_other_region": staff_user_add(username="sc", password="x", region=r(code=SUICHUAN)),
        "org_admin": MembershipFactory(organisation=org, role="admin").user,
        "org_member": MembershipFactory(organisation=org, role="member").user,
        "other_admin": MembershipFactory(organisation=other_org, role="admin").user,
        "stranger": UserFactory(),
    }
    return w


def _notified(user, kind) -> bool:
    return Notification.objects.filter(recipient=user, kind=kind).exists()


def test_staff_propose_logs_and_tells_the_organisation(world):
    match = match_propose(
        user=world["staff"],
        need=world["need"],
        project=world["project"],
        score=0.8,
        reasons=["同县服务", "类别: 养老服务"],
    )

    assert match.status == Match.Status.PROPOSED and match.reasons == ["同县服务", "类别: 养老服务"]
    line = ResponseLogEntry.objects.get(need=world["need"], kind="match")
    assert line.actor_label == "民政部门" and "敬老院适老化改造" in line.message
    assert _notified(world["org_admin"], "match.proposed") and _notified(world["org_member"], "match.proposed")
    assert not _notified(world["other_admin"], "match.proposed")
    assert NeedPage.objects.get(pk=world["need"].pk).first_response_at is not None


@pytest.mark.parametrize("who", ["staff_other_region", "other_admin", "org_member", "stranger"])
def test_propose_is_refused_to_everyone_else(world, who):
    with pytest.raises(PermissionDenied):
        match_propose(user=world[who], need=world["need"], project=world["project"])

    assert not Match.objects.exists()
    assert not ResponseLogEntry.objects.filter(need=world["need"], kind="match").exists()
    assert not Notification.objects.filter(kind="match.proposed").exists()


def test_prefecture_staff_cover_their_counties(world):
    assert match_propose(user=world["staff_prefecture"], need=world["need"], project=world["project"]).pk


def test_an_organisation_proposes_its_own_project_and_the_staff_answer(world):
    match = match_propose(user=world["org_admin"], need=world["need"], project=world["project"])

    assert _notified(world["staff"], "match.proposed") and _notified(world["staff_prefecture"], "match.proposed")
    assert not _notified(world["staff_other_region"], "match.proposed")
    assert ResponseLogEntry.objects.filter(need=world["need"], actor_label="甲组织", kind="match").exists()
    with pytest.raises(PermissionDenied):  # the proposing side cannot accept its own proposal
        match_accept(user=world["org_admin"], match=match)
    with pytest.raises(PermissionDenied):
        match_accept(user=world["staff_other_region"], match=match)

    match_accept(user=world["staff"], match=match)

    assert Match.objects.get(pk=match.pk).status == Match.Status.ACCEPTED
    assert NeedPage.objects.get(pk=world["need"].pk).status == NeedPage.Status.MATCHED
    assert _notified(world["org_admin"], "match.accepted")


def test_a_proposal_stays_the_organisations_after_its_proposer_leaves(world):
    from matching.models import Membership

    match = match_propose(user=world["org_admin"], need=world["need"], project=world["project"])
    second_admin = MembershipFactory(organisation=world["org"], role="admin").user
    Membership.objects.filter(user=world["org_admin"]).delete()

    assert Match.objects.get(pk=match.pk).proposed_side == "organisation"
    with pytest.raises(PermissionDenied):  # still the proposing side: the organisation cannot answer it
        match_accept(user=second_admin, match=match)
    match_accept(user=world["staff"], match=match)
    assert Match.objects.get(pk=match.pk).status == Match.Status.ACCEPTED


def test_an_organisation_cannot_propose_another_organisations_project(world):
    with pytest.raises(PermissionDenied):
        match_propose(user=world["org_admin"], need=world["need"], project=world["other_project"])


def test_accept_by_the_organisation_moves_the_need_and_tells_the_staff(world):
    match = match_propose(user=world["staff"], need=world["need"], project=world["project"])

    match_accept(user=world["org_admin"], match=match, note="下月进场")

    need = NeedPage.objects.get(pk=world["need"].pk)
    assert need.status == NeedPage.Status.MATCHED
    assert need.response_log.filter(to_status="matched", actor_label="甲组织").exists()
    assert _notified(world["staff"], "match.accepted")
    assert not _notified(world["staff_other_region"], "match.accepted")


@pytest.mark.parametrize(
    "who, error",
    [
        ("other_admin", Http404),
        ("stranger", Http404),
        ("org_member", PermissionDenied),
        ("staff_other_region", Http404),
    ],
)
def test_accept_and_decline_are_refused_to_the_wrong_people(world, who, error):
    match = match_propose(user=world["staff"], need=world["need"], project=world["project"])

    with pytest.raises(error):
        match_accept(user=world[who], match=match)
    with pytest.raises(error):
        match_decline(user=world[who], match=match, reason="不合适")

    assert Match.objects.get(pk=match.pk).status == Match.Status.PROPOSED
    assert NeedPage.objects.get(pk=world["need"].pk).status == NeedPage.Status.OPEN


def test_decline_needs_a_reason_and_logs_it(world):
    match = match_propose(user=world["staff"], need=world["need"], project=world["project"])

    with pytest.raises(ValidationError) as empty:
        match_decline(user=world["org_admin"], match=match, reason="  ")
    assert "婉拒时请填写理由" in str(empty.value)
    assert error_codes(empty.value) == {MatchErrorCode.REASON_REQUIRED}
    assert Match.objects.get(pk=match.pk).status == Match.Status.PROPOSED

    match_decline(user=world["org_admin"], match=match, reason="名额已满")

    assert Match.objects.get(pk=match.pk).status == Match.Status.DECLINED
    assert ResponseLogEntry.objects.filter(need=world["need"], message__contains="名额已满").exists()
    assert _notified(world["staff"], "match.declined")
    assert NeedPage.objects.get(pk=world["need"].pk).status == NeedPage.Status.OPEN


def test_deliver_only_after_accept_and_by_a_side_of_the_match(world):
    match = match_propose(user=world["staff"], need=world["need"], project=world["project"])
    with pytest.raises(ValidationError):
        match_deliver(user=world["org_admin"], match=match)
    match_accept(user=world["org_admin"], match=match)
    with pytest.raises((PermissionDenied, Http404)):
        match_deliver(user=world["other_admin"], match=match)
    with pytest.raises((PermissionDenied, Http404)):
        match_deliver(user=world["staff_other_region"], match=match)

    match_deliver(user=world["org_admin"], match=match, note="扶手已安装")

    assert Match.objects.get(pk=match.pk).status == Match.Status.DELIVERED
    assert ResponseLogEntry.objects.filter(need=world["need"], message__contains="扶手已安装").exists()
    assert _notified(world["staff"], "match.delivered")


def test_bad_proposals_write_nothing(world):
    with pytest.raises(ValidationError) as refused:
        match_propose(user=world["staff"], need=world["need"])
    assert error_codes(refused.value) == {MatchErrorCode.ONE_CANDIDATE_REQUIRED}
    match_propose(user=world["staff"], need=world["need"], project=world["project"])
    with pytest.raises(ValidationError) as refused:
        match_propose(user=world["staff"], need=world["need"], project=world["project"])
    assert error_codes(refused.value) == {MatchErrorCode.ALREADY_MATCHED}
    world["project"].status = "paused"
    world["project"].save()
    with pytest.raises(ValidationError) as refused:
        match_propose(user=world["staff"], need=make_need(county=LIANHUA, title="另一个"), project=world["project"])
    assert error_codes(refused.value) == {MatchErrorCode.PROJECT_NOT_ACTIVE}
    assert Match.objects.count() == 1


def test_a_volunteer_answers_a_proposal_for_themselves(world):
    person = UserFactory()
    volunteer = VolunteerFactory(user=person)
    match = match_propose(user=world["staff"], need=world["need"], volunteer=volunteer)
    assert _notified(person, "match.proposed")
    with pytest.raises(PermissionDenied):
        match_accept(user=world["stranger"], match=match)

    match_accept(user=person, match=match)

    assert Match.objects.get(pk=match.pk).status == Match.Status.ACCEPTED
    assert _notified(world["staff"], "match.accepted")
