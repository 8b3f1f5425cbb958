"""Conflict of interest: a person with an interest in an organisation is refused every decision about it (through
the service and through the screen), the decision goes to another person of the same scope, every decision is
recorded, and staff see decisions taken before an interest was declared — only in their own region."""

import datetime

import pytest
from django.utils import timezone

from matching.funding.models import Disbursement
from matching.funding.services.disbursements import (
    advance_release,
    disbursement_approve,
    disbursement_confirm,
    disbursement_create,
    disbursement_reject,
)
from matching.funding.services.grants import grant_record
from matching.models import (
    DecisionRecord,
    InterestDeclaration,
    Match,
    Membership,
    NeedPage,
)
from matching.notifications.models import Notification
from matching.permissions import (
    InterestConflict,
    decisions_for_staff,
    declarations_for_staff,
)
from matching.selectors.interests import decisions_with_later_interest
from matching.services.interests import interest_declare
from matching.services.matches import match_accept, match_decline
from matching.services.vetting import organisation_vet
from tests.factories import MembershipFactory, make_need
from tests.integration.permissions.conftest import OTHER, _staff, login
from tests.integration.test_privacy import PUBLIC_URLS, need_with_person  # noqa: F401 (a fixture)

HANDED_OVER = "decision.handed_over"


@pytest.fixture
def conflicted(world):
    """莲花's county officer declares that his wife works for 莲花县社工服务中心."""
    officer = world.users["county_officer"]
    interest_declare(
        user=officer,
        organisation=world.orgs["own"],
        kind=InterestDeclaration.Kind.FAMILY,
        reason="配偶在该中心任项目主管",
    )
    return officer


@pytest.fixture
def money(world, receipt):
    """Funds in the own project, an author who is a plain member, and a second admin."""
    grant_record(
        project=world.projects["own"],
        source="own_funds",
        amount=20_000_000,
        document=receipt,
        user=world.users["superuser"],
    )
    author = MembershipFactory(
        organisation=world.orgs["own"], role=Membership.Role.MEMBER, user__username="author"
    ).user
    second_admin = MembershipFactory(
        organisation=world.orgs["own"], role=Membership.Role.ADMIN, user__username="oa2"
    ).user
    return author, second_admin


def disburse(world, author, receipt, amount):
    return disbursement_create(
        project=world.projects["own"],
        need=world.needs["own"],
        amount=amount,
        purpose="购置助浴设备",
        receipt=receipt,
        user=author,
    )


def org_proposed(world) -> Match:
    world.matches["own"].delete()
    return Match.objects.create(
        need=world.needs["own"],
        project=world.projects["own"],
        status=Match.Status.PROPOSED,
        proposed_side="organisation",
    )


def handed_over_to(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=HANDED_OVER))


# ── vetting ─────────────────────────────────────────────────────────────────


def test_vetting_is_refused_to_an_officer_with_a_declared_interest_and_goes_to_another(world, conflicted):
    organisation, prefecture = world.orgs["own"], world.users["prefecture"]
    with pytest.raises(InterestConflict) as refused:
        organisation_vet(organisation=organisation, user=conflicted, decision="suspend", note="资料不全")
    message = str(refused.value)
    assert "配偶在该中心任项目主管" in message and "不能审核该组织" in message and "px" in message
    assert "lh" not in message.split("：")[-1]  # the refused officer is not among who can decide
    organisation.refresh_from_db()
    assert organisation.status == organisation.Status.VERIFIED and organisation.vetted_by is None
    assert [n.url for n in handed_over_to(prefecture)] == [f"/admin/organisations/{organisation.pk}/vet/"]
    assert DecisionRecord.objects.count() == 0

    organisation_vet(organisation=organisation, user=prefecture, decision="suspend", note="资料不全")
    organisation.refresh_from_db()
    assert organisation.status == organisation.Status.SUSPENDED
    record = DecisionRecord.objects.get()
    assert (
        record.kind,
        record.outcome,
        record.decided_by,
        record.organisation,
        record.region_code,
        record.check_applied,
        record.no_interest_applied,
    ) == ("organisation_vet", "suspend", prefecture, organisation, "360321", "no_interest", True)


def test_vetting_screen_says_why_names_who_decides_and_hands_over(client, world, conflicted):
    organisation = world.orgs["own"]
    url = f"/admin/organisations/{organisation.pk}/vet/"
    page = login(client, conflicted).get(url).content.decode()
    assert "利益冲突回避" in page and "配偶在该中心任项目主管" in page and "px" in page
    assert 'name="decision"' not in page  # no form to submit a decision the officer may not take
    client.post(url, {"hand_over": "1", "decision": "suspend", "note": "x"})
    assert handed_over_to(world.users["prefecture"])
    organisation.refresh_from_db()
    assert organisation.status == organisation.Status.VERIFIED and organisation.vetted_by is None


def test_membership_counts_as_an_interest_without_a_declaration(world):
    officer = world.users["county_officer"]
    MembershipFactory(organisation=world.orgs["own"], user=officer, role=Membership.Role.MEMBER)
    with pytest.raises(InterestConflict, match="成员"):
        organisation_vet(organisation=world.orgs["own"], user=officer, decision="approve")


def test_a_withdrawn_declaration_no_longer_refuses(world, conflicted):
    from matching.services.interests import interest_withdraw

    declaration = InterestDeclaration.objects.get(user=conflicted)
    interest_withdraw(user=conflicted, declaration_id=declaration.pk, reason="配偶已离职")
    organisation_vet(organisation=world.orgs["own"], user=conflicted, decision="approve")
    declaration.refresh_from_db()
    assert declaration.withdrawn_at is not None and declaration.withdrawal_reason == "配偶已离职"


# ── matches ─────────────────────────────────────────────────────────────────


def test_answering_a_match_is_refused_to_an_officer_with_an_interest_and_another_officer_answers(world, conflicted):
    match = org_proposed(world)
    with pytest.raises(InterestConflict, match="不能答复这项匹配"):
        match_accept(user=conflicted, match=match)
    with pytest.raises(InterestConflict):
        match_decline(user=conflicted, match=match, reason="不合适")
    match.refresh_from_db()
    assert match.status == Match.Status.PROPOSED
    assert handed_over_to(world.users["prefecture"])[0].url == f"/admin/needs/{match.need_id}/candidates/"
    assert len(handed_over_to(world.users["prefecture"])) == 1  # told once while the message is unread

    match_accept(user=world.users["prefecture"], match=match)
    match.refresh_from_db()
    assert match.status == Match.Status.ACCEPTED
    record = DecisionRecord.objects.get()
    assert (record.kind, record.outcome, record.decided_by, record.need_id, record.project, record.subject) == (
        "match_answer",
        "accepted",
        world.users["prefecture"],
        match.need_id,
        world.projects["own"],
        f"match:{match.pk}",
    )


def test_candidates_screen_shows_the_refusal_and_leaves_the_match_unanswered(client, world, conflicted):
    match = org_proposed(world)
    response = login(client, conflicted).post(
        f"/admin/needs/{match.need_id}/matches/{match.pk}/", {"action": "accept"}, follow=True
    )
    assert "配偶在该中心任项目主管" in response.content.decode()
    match.refresh_from_db()
    assert match.status == Match.Status.PROPOSED

    client.logout()
    login(client, world.users["prefecture"]).post(
        f"/admin/needs/{match.need_id}/matches/{match.pk}/", {"action": "accept"}
    )
    match.refresh_from_db()
    assert match.status == Match.Status.ACCEPTED  # another officer of the same scope


# ── money ───────────────────────────────────────────────────────────────────


def test_confirming_a_disbursement_is_refused_to_an_officer_with_an_interest(world, conflicted, money, receipt):
    author, _ = money
    d = disburse(world, author, receipt, 100_000)
    with pytest.raises(InterestConflict, match="不能确认这笔拨付"):
        disbursement_confirm(disbursement=d, user=conflicted)
    d.refresh_from_db()
    assert d.status == Disbursement.Status.AWAITING_CONFIRMATION
    assert handed_over_to(world.users["prefecture"])[0].url == "/admin/funding/disbursements/"

    disbursement_confirm(disbursement=d, user=world.users["prefecture"])
    d.refresh_from_db()
    assert d.status == Disbursement.Status.CONFIRMED
    record = DecisionRecord.objects.get()
    assert (record.kind, record.decided_by, record.subject, record.region_code, record.no_interest_applied) == (
        "disbursement_confirm",
        world.users["prefecture"],
        f"disbursement:{d.pk}",
        "360321",
        True,
    )


def test_money_screen_refuses_the_confirmation_in_plain_words(client, world, conflicted, money, receipt):
    d = disburse(world, money[0], receipt, 100_000)
    response = login(client, conflicted).post(f"/admin/funding/disbursements/{d.pk}/confirm/", follow=True)
    page = response.content.decode()
    assert "配偶在该中心任项目主管" in page and "px" in page
    d.refresh_from_db()
    assert d.status == Disbursement.Status.AWAITING_CONFIRMATION

    client.logout()
    login(client, world.users["prefecture"]).post(f"/admin/funding/disbursements/{d.pk}/confirm/")
    d.refresh_from_db()
    assert d.status == Disbursement.Status.CONFIRMED  # another officer of the same scope


def test_an_officer_with_an_interest_may_still_turn_money_down_and_the_record_says_so(
    world, conflicted, money, receipt
):
    d = disburse(world, money[0], receipt, 100_000)
    disbursement_reject(disbursement=d, user=conflicted, reason="凭证不清")
    record = DecisionRecord.objects.get()
    assert (record.kind, record.decided_by, record.no_interest_applied) == ("disbursement_reject", conflicted, False)


def test_releasing_an_advance_from_an_interested_organisation_is_refused(world, conflicted, money):
    emergency = make_need(county="360321", title="莲花县某村火灾急难救助", circle=NeedPage.Circle.EMERGENCY)
    with pytest.raises(InterestConflict, match="先行救助"):
        advance_release(
            project=world.projects["own"], need=emergency, amount=100_000, purpose="临时安置", user=conflicted
        )
    advance = advance_release(
        project=world.projects["own"],
        need=emergency,
        amount=100_000,
        purpose="临时安置",
        user=world.users["prefecture"],
    )
    record = DecisionRecord.objects.get()
    assert (record.kind, record.subject, record.decided_by) == (
        "advance_release",
        f"disbursement:{advance.pk}",
        world.users["prefecture"],
    )


def test_an_org_admin_who_leads_the_project_cannot_approve_its_disbursement(world, money, receipt):
    author, second_admin = money
    lead = world.users["org_admin"]
    project = world.projects["own"]
    project.lead = lead
    project.save(update_fields=["lead"])
    d = disburse(world, author, receipt, 6_000_000)
    assert d.status == Disbursement.Status.PENDING_APPROVAL
    with pytest.raises(InterestConflict) as refused:
        disbursement_approve(disbursement=d, user=lead)
    assert "负责人" in str(refused.value) and "oa2" in str(refused.value)
    assert handed_over_to(second_admin)[0].url == f"/portal/projects/{project.pk}/money/"

    disbursement_approve(disbursement=d, user=second_admin)
    d.refresh_from_db()
    assert d.status == Disbursement.Status.AWAITING_CONFIRMATION
    record = DecisionRecord.objects.get()
    assert (record.kind, record.decided_by, record.check_applied, record.no_interest_applied) == (
        "disbursement_approve",
        second_admin,
        "not_project_lead",
        True,
    )


def test_portal_refuses_the_lead_approving_and_says_who_can(client, world, money, receipt):
    author, _ = money
    lead = world.users["org_admin"]
    world.projects["own"].lead = lead
    world.projects["own"].save(update_fields=["lead"])
    d = disburse(world, author, receipt, 6_000_000)
    money_page = f"/portal/projects/{d.project_id}/money/"
    assert 'id="lead-notice"' in login(client, lead).get(money_page).content.decode()
    approve = f"{money_page}disbursements/{d.pk}/approve/"
    page = client.post(approve, follow=True).content.decode()
    assert "负责人" in page and "oa2" in page
    d.refresh_from_db()
    assert d.status == Disbursement.Status.PENDING_APPROVAL

    client.logout()
    assert 'id="lead-notice"' not in login(client, money[1]).get(money_page).content.decode()
    client.post(approve)
    d.refresh_from_db()
    assert d.status == Disbursement.Status.AWAITING_CONFIRMATION  # another admin of the same organisation


# ── the report and its scope ────────────────────────────────────────────────


def test_report_lists_decisions_taken_before_an_interest_was_declared_only_in_scope(client, world):
    prefecture, organisation = world.users["prefecture"], world.orgs["own"]
    organisation_vet(organisation=organisation, user=prefecture, decision="approve")
    DecisionRecord.objects.update(decided_at=timezone.now() - datetime.timedelta(days=3))
    interest_declare(
        user=prefecture, organisation=organisation, kind=InterestDeclaration.Kind.BOARD, reason="受聘为该中心理事"
    )
    other_officer = _staff("sc", OTHER)

    rows = decisions_with_later_interest(user=world.users["province"])
    assert [(r.decision.decided_by, r.decision.organisation, r.how) for r in rows] == [
        (prefecture, organisation, "理事、监事或顾问：受聘为该中心理事")
    ]
    assert decisions_with_later_interest(user=other_officer) == []
    assert not decisions_for_staff(other_officer).exists()
    assert not declarations_for_staff(other_officer).exists()

    page = login(client, world.users["province"]).get("/admin/interests/report/").content.decode()
    assert "受聘为该中心理事" in page and organisation.name in page
    client.logout()
    page = login(client, other_officer).get("/admin/interests/report/").content.decode()
    assert "受聘为该中心理事" not in page and organisation.name not in page
    assert login(client, world.users["org_admin"]).get("/admin/interests/report/").status_code in (302, 403)


def test_a_decision_before_joining_the_organisation_is_reported(world):
    prefecture, organisation = world.users["prefecture"], world.orgs["own"]
    organisation_vet(organisation=organisation, user=prefecture, decision="approve")
    DecisionRecord.objects.update(decided_at=timezone.now() - datetime.timedelta(days=3))
    MembershipFactory(organisation=organisation, user=prefecture, role=Membership.Role.MEMBER)
    assert [r.how for r in decisions_with_later_interest(user=prefecture)] == ["加入该组织（成员）"]


def test_a_decision_taken_after_the_declaration_is_not_reported_as_late(world, conflicted):
    organisation_vet(organisation=world.orgs["own"], user=world.users["prefecture"], decision="approve")
    assert decisions_with_later_interest(user=world.users["national"]) == []


def test_decision_records_are_append_only(world):
    organisation_vet(organisation=world.orgs["own"], user=world.users["prefecture"], decision="approve")
    record = DecisionRecord.objects.get()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        record.save()
    with pytest.raises(ValidationError):
        record.delete()


def test_the_report_and_the_refusal_read_in_english(client, world, conflicted):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = login(client, world.users["province"]).get("/admin/interests/report/").content.decode()
    assert "Conflict-of-interest report" in page and "Declarations about organisations of your region" in page
    assert "利益冲突报告" not in page and "决定之后才申报利益关系的决定" not in page
    assert "配偶在该中心任项目主管" in page  # the declaration itself is data, shown as written
    client.logout()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = login(client, conflicted).get(f"/admin/organisations/{world.orgs['own'].pk}/vet/").content.decode()
    assert "under the conflict-of-interest rule you may not vet this organisation" in page
    assert "Ask them to decide" in page


@pytest.mark.usefixtures("need_with_person")
def test_declarations_and_decisions_never_reach_public_pages_or_exports(client, tmp_path):
    from django.core.management import call_command

    from matching.models import Project, Region
    from matching.services.staff import staff_user_add

    organisation = Project.objects.get(ref="prj-privacy").organisation
    officer = staff_user_add(username="privacy-interest", password="x", region=Region.objects.get(code="360300"))
    interest_declare(
        user=officer,
        organisation=organisation,
        kind=InterestDeclaration.Kind.FAMILY,
        reason="隐私测试：表姐任该组织出纳",
    )
    organisation_vet(organisation=organisation, user=world_officer(), decision="approve")
    need = NeedPage.objects.get(ref="need-privacy")
    for url in [*PUBLIC_URLS, need.url, f"/organisations/{organisation.ref}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
        assert "表姐任该组织出纳" not in body and "privacy-interest" not in body, url
    out = tmp_path / "records.jsonl"
    call_command("export_records", str(out), verbosity=0)
    assert "表姐任该组织出纳" not in out.read_text(encoding="utf-8")


def world_officer():
    from matching.models import Region
    from matching.services.staff import staff_user_add

    return staff_user_add(username="privacy-vetter", password="x", region=Region.objects.get(code="360000"))


def test_the_queues_mark_what_the_officer_must_leave_to_others(client, world, conflicted, money, receipt):
    d = disburse(world, money[0], receipt, 100_000)
    match = org_proposed(world)
    for url, row in (
        ("/admin/funding/disbursements/", f"interest-{d.pk}"),
        (f"/admin/needs/{match.need_id}/candidates/", f"interest-{match.pk}"),
    ):
        page = login(client, conflicted).get(url).content.decode()
        assert f'id="{row}"' in page and "不能作出此决定" in page, url
        client.logout()
        page = login(client, world.users["prefecture"]).get(url).content.decode()
        assert f'id="{row}"' not in page, url  # the officer who decides sees the plain queue
        client.logout()
