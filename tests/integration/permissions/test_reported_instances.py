"""One regression test per instance the attack run reported (issue: authority items 1, 2, 3, 16, 17)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from matching.models import Match, NeedPage, Organisation
from matching.outcomes.models import DeliveryRecord
from tests.factories import make_need, make_uscc
from tests.integration.permissions.conftest import OTHER, OWN

pytestmark = pytest.mark.django_db


# ── item 1: admin viewsets are scoped; authority fields change only through services ──


def test_county_officer_cannot_edit_another_countys_organisation_in_the_admin(client, world):
    other = world.orgs["other"]
    client.force_login(world.users["county_officer"])
    page = client.get(f"/admin/organisations/edit/{other.pk}/")
    assert page.status_code in (403, 404)
    assert other.name not in page.content.decode()
    client.post(
        f"/admin/organisations/edit/{other.pk}/",
        {"name": "改名了", "ref": other.ref, "uscc": other.uscc, "org_type": other.org_type},
    )
    other.refresh_from_db()
    assert other.name == "遂川县助老协会"


def test_county_officer_cannot_rehome_an_organisation_by_rewriting_its_credit_code(client, world):
    own = world.orgs["own"]
    client.force_login(world.users["county_officer"])
    new_uscc = make_uscc(99, OTHER)
    client.post(
        f"/admin/organisations/edit/{own.pk}/",
        {
            "name": own.name,
            "ref": own.ref,
            "uscc": new_uscc,
            "org_type": own.org_type,
            "registration_authority": "",
            "description": "",
            "status": "suspended",
        },
    )
    own.refresh_from_db()
    assert own.uscc != new_uscc
    assert own.status == Organisation.Status.VERIFIED


def test_the_organisation_list_shows_only_the_staff_members_region(client, world):
    client.force_login(world.users["county_officer"])
    page = client.get("/admin/organisations/").content.decode()
    assert world.orgs["own"].name in page
    assert world.orgs["other"].name not in page


def test_officer_cannot_accept_another_countys_match_through_the_generic_edit_view(client, world):
    match = world.matches["other"]
    client.force_login(world.users["county_officer"])
    client.post(f"/admin/matches/edit/{match.pk}/", {"status": "accepted", "note": ""})
    match.refresh_from_db()
    assert match.status == Match.Status.PROPOSED


def test_match_status_is_not_a_form_field_even_in_own_region(client, world):
    match = world.matches["own"]
    client.force_login(world.users["county_officer"])
    client.post(f"/admin/matches/edit/{match.pk}/", {"status": "accepted", "note": ""})
    match.refresh_from_db()
    assert match.status == Match.Status.PROPOSED
    assert not match.need.response_log.filter(message__contains="同意").exists()


def test_global_model_permissions_grant_nothing_outside_the_scope(client, world):
    """Groups made before this change still hold change_organisation / change_match; they open nothing."""
    from django.contrib.auth.models import Permission

    officer = world.users["county_officer"]
    officer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="matching",
            codename__in=["change_organisation", "delete_organisation", "change_match", "add_match", "delete_match"],
        )
    )
    other, match = world.orgs["other"], world.matches["other"]
    client.force_login(officer)
    assert client.get(f"/admin/organisations/edit/{other.pk}/").status_code == 404
    client.post(f"/admin/organisations/delete/{other.pk}/")
    client.post(f"/admin/matches/edit/{match.pk}/", {"status": "accepted", "note": ""})
    client.post(f"/admin/matches/delete/{match.pk}/")
    assert Organisation.objects.filter(pk=other.pk).exists()
    assert Match.objects.get(pk=match.pk).status == Match.Status.PROPOSED


def test_organisation_upsert_refuses_a_new_credit_code_from_a_non_superuser(world):
    from matching.services.organisations import organisation_upsert

    own = world.orgs["own"]
    with pytest.raises(PermissionDenied):
        organisation_upsert(
            ref=own.ref, name=own.name, uscc=make_uscc(98, OTHER), org_type=own.org_type, user=world.users["province"]
        )
    own.refresh_from_db()
    assert own.uscc == make_uscc(11, OWN)


# ── item 2: a delivery needs an accepted match; the need's staff see and reverse it ──


def test_an_organisation_with_only_a_proposed_match_cannot_fulfil_the_need(world, photo):
    from matching.outcomes.services.deliveries import need_fulfil

    need, project = world.needs["other"], world.projects["own"]
    Match.objects.create(need=need, project=project, status=Match.Status.PROPOSED, proposed_side="organisation")
    with pytest.raises((PermissionDenied, ValidationError)):
        need_fulfil(
            need=need,
            user=world.users["org_admin"],
            project=project,
            what="送去米面油",
            delivered_on=timezone.localdate(),
            photos=[photo],
        )
    assert NeedPage.objects.get(pk=need.pk).status == NeedPage.Status.OPEN
    assert not DeliveryRecord.objects.exists()


def test_delivery_through_the_portal_with_a_proposed_match_is_refused(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.integration.permissions.conftest import jpeg

    need, project = world.needs["other"], world.projects["own"]
    Match.objects.create(need=need, project=project, status=Match.Status.PROPOSED, proposed_side="organisation")
    client.force_login(world.users["org_admin"])
    response = client.post(
        f"/outcomes/needs/{need.ref}/delivery/",
        {
            "what": "送去米面油",
            "delivered_on": timezone.localdate().isoformat(),
            "project": project.ref,
            "photos": [SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg")],
        },
    )
    assert response.status_code in (200, 400, 403)
    assert NeedPage.objects.get(pk=need.pk).status == NeedPage.Status.OPEN


def test_the_needs_staff_see_and_reverse_a_wrong_delivery(client, world, photo):
    from matching.outcomes.services.deliveries import delivery_reverse, need_fulfil

    need, project = world.needs["own"], world.projects["own"]
    Match.objects.filter(pk=world.matches["own"].pk).update(status=Match.Status.ACCEPTED)
    record = need_fulfil(
        need=need,
        user=world.users["org_admin"],
        project=project,
        what="送去米面油",
        delivered_on=timezone.localdate(),
        photos=[photo],
    )
    client.force_login(world.users["county_officer"])
    assert "送去米面油" in client.get("/admin/delivery_records/").content.decode()
    with pytest.raises(PermissionDenied):
        delivery_reverse(record=record, user=world.users["org_admin"], reason="错了")
    delivery_reverse(record=record, user=world.users["county_officer"], reason="交付对象不符，经核实未送达")
    need = NeedPage.objects.get(pk=need.pk)
    assert need.status == NeedPage.Status.OPEN  # what it was before the delivery
    assert need.response_log.filter(message__contains="交付对象不符").exists()


# ── item 3: one definition of "staff for this need" and "organisation admin" ──


def test_county_officer_cannot_record_a_grant_into_another_countys_project(world, receipt):
    from matching.funding.services.grants import grant_record

    with pytest.raises(PermissionDenied):
        grant_record(
            project=world.projects["other"],
            source="central_relief",
            amount=100_000,
            document=receipt,
            user=world.users["county_officer"],
        )


def test_permission_rules_are_defined_only_in_the_permission_module():
    """Membership roles and staff scopes are read only by matching.permissions."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[3]
    offenders = []
    pattern = re.compile(
        r"role=Membership\.Role\.ADMIN\)\.exists|permissions_for_user\([\w.]+\)\.can_"
        r"|def (is_org_admin|is_org_member|is_region_staff_for|is_civil_staff|user_is_need_staff"
        r"|staff_covers_need|staff_covers_project|is_project_admin|staff_prefixes|membership_require)\b"
    )
    for folder in ("matching", "site", "search"):
        for path in (root / folder).rglob("*.py"):
            rel = path.relative_to(root).as_posix()
            if rel.startswith("matching/permissions") or "/migrations/" in rel:
                continue
            if pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(rel)
    assert offenders == []


# ── item 16: the four-eyes threshold and the advance cap count what already moved ──


def test_two_disbursements_under_the_threshold_in_a_row_need_a_second_approval(world, receipt, settings):
    from matching.funding.services.disbursements import disbursement_create
    from matching.funding.services.grants import grant_record

    project, need = world.projects["own"], world.needs["own"]
    grant_record(
        project=project, source="own_funds", amount=10_000_000, document=receipt, user=world.users["org_admin"]
    )
    first = disbursement_create(
        project=project, need=need, amount=3_000_000, purpose="第一批", receipt=receipt, user=world.users["org_admin"]
    )
    second = disbursement_create(
        project=project, need=need, amount=3_000_000, purpose="第二批", receipt=receipt, user=world.users["org_admin"]
    )
    assert first.status == "awaiting_confirmation"
    assert second.status == "pending_approval"
    assert "¥30,000.00" in second.approval_reason and "30 天" in second.approval_reason


def test_four_small_advances_to_one_need_are_refused_past_the_cap_with_the_sum_and_window(world, settings):
    from matching.funding.services.disbursements import advance_release
    from matching.funding.services.grants import grant_record

    emergency = make_need(county=OWN, title="莲花县某户火灾急难救助", circle=NeedPage.Circle.EMERGENCY)
    project = world.projects["own"]
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    doc = get_document_model()(title="补助文件")
    doc.file.save("g.pdf", ContentFile(b"%PDF-1.4"), save=False)
    doc.save()
    grant_record(project=project, source="own_funds", amount=1_000_000, document=doc, user=world.users["org_admin"])
    officer = world.users["county_officer"]
    advance_release(project=project, need=emergency, amount=200_000, purpose="急需", user=officer)
    with pytest.raises(ValidationError) as err:
        advance_release(project=project, need=emergency, amount=200_000, purpose="急需", user=officer)
    text = " ".join(err.value.messages)
    assert "¥2,000.00" in text and "天" in text


# ── item 17 (authority part): a bulk-action refusal names nothing the user may not act on ──


def test_bulk_action_refusal_does_not_show_another_countys_draft_title(client, world):
    draft = make_need(county=OTHER, title="遂川县保密草稿需求")
    draft.save_revision()
    NeedPage.objects.filter(pk=draft.pk).update(live=False)
    client.force_login(world.users["county_officer"])
    response = client.get(f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}")
    body = response.content.decode()
    assert "遂川县保密草稿需求" not in body
