"""The permission matrix: every role × action × own/other region or organisation, driven through the
interfaces people use (admin URLs, portal, outcome pages, intake pages) and, where money and records have
no page of their own, the service every interface calls.

"own" is 莲花县 (360321, in 萍乡市 360300) with its organisation, project, volunteer and needs; "other" is
遂川县 (360827, in 吉安市 360800) with its own. Each cell asserts what was stored or shown, not a function's
answer: an allowed action takes effect, a refused one leaves no trace. The world is built once per module
and every cell runs in its own rolled-back savepoint.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from matching.models import Match, Membership, NeedPage, Organisation, Region
from tests.integration.permissions.conftest import OTHER, OWN, ROLES, jpeg

WIDE = {"superuser", "national", "province"}  # their scope holds both counties
OFFICERS = WIDE | {"prefecture", "county_officer"}  # officers whose scope holds the own county
STAFF = OFFICERS | {"county_clerk"}
ORG = {"org_admin", "org_member"}


def allowed(own: set, other: set) -> dict:
    return {"own": set(own), "other": set(other)}


EXPECTED = {
    "organisation.view": allowed(STAFF | ORG, WIDE),
    "organisation.edit": allowed(OFFICERS | {"org_admin"}, WIDE),
    "organisation.vet": allowed(OFFICERS, WIDE),
    "project.view": allowed(STAFF | ORG, WIDE),
    "project.edit": allowed({"superuser"} | ORG, {"superuser"}),
    "project.create": allowed(ORG, set()),
    "volunteer.view": allowed(STAFF | {"volunteer"}, WIDE),
    "volunteer.edit": allowed({"volunteer"}, set()),
    "match.view": allowed(STAFF, WIDE),
    "match.propose": allowed(STAFF, WIDE),
    "match.accept_by_staff": allowed(OFFICERS, WIDE),
    "match.accept_by_organisation": allowed({"org_admin"}, set()),
    "delivery.record": allowed(OFFICERS | ORG, WIDE),
    "delivery.view": allowed(STAFF, WIDE),
    "delivery.reverse": allowed(OFFICERS, WIDE),
    "report.file": allowed({"superuser"} | ORG, {"superuser"}),
    "report.view": allowed(STAFF, WIDE),
    "money.record_grant": allowed(OFFICERS | {"org_admin"}, WIDE),
    "money.approve_disbursement": allowed({"org_admin"}, set()),
    "money.confirm_disbursement": allowed(OFFICERS, WIDE),
    "money.release_advance": allowed(OFFICERS, WIDE),
    "intake.record": allowed(STAFF, WIDE),
    "intake.view": allowed(STAFF, WIDE),
    "intake.handle": allowed(STAFF, WIDE),
}
CELLS = [(action, role, which) for action in EXPECTED for role in ROLES for which in ("own", "other")]


# ── the world, built once ───────────────────────────────────────────────────────────────────────


def _build():
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from matching.funding.services.grants import grant_record
    from matching.models import StaffScope
    from matching.services.staff import staff_user_add
    from tests.factories import (
        MembershipFactory,
        OrganisationFactory,
        ProjectFactory,
        UserFactory,
        VolunteerFactory,
        make_need,
        make_uscc,
    )

    region = Region.objects.get
    orgs = {
        "own": OrganisationFactory(
            name="矩阵·莲花县社工中心", uscc=make_uscc(31, OWN), service_regions=[region(code=OWN)]
        ),
        "other": OrganisationFactory(
            name="矩阵·遂川县助老协会", uscc=make_uscc(32, OTHER), service_regions=[region(code=OTHER)]
        ),
    }
    projects = {
        w: ProjectFactory(organisation=orgs[w], title=f"矩阵·{w}项目", service_regions=[region(code=c)])
        for w, c in (("own", OWN), ("other", OTHER))
    }
    staff = {"national": None, "province": "360000", "prefecture": "360300", "county_officer": OWN}
    users = {
        name: staff_user_add(username=f"m-{name}", password="x", region=region(code=code) if code else None)
        for name, code in staff.items()
    }
    users["county_clerk"] = staff_user_add(
        username="m-clerk", password="x", region=region(code=OWN), role=StaffScope.Role.CLERK
    )
    users["superuser"] = UserFactory(username="m-root", is_superuser=True, is_staff=True)
    users["org_admin"] = MembershipFactory(organisation=orgs["own"], user__username="m-oa").user
    users["org_member"] = MembershipFactory(
        organisation=orgs["own"], role=Membership.Role.MEMBER, user__username="m-om"
    ).user
    users["anonymous"] = None
    authors = {
        w: MembershipFactory(organisation=orgs[w], role=Membership.Role.MEMBER, user__username=f"m-author-{w}").user
        for w in ("own", "other")
    }
    volunteers = {
        w: VolunteerFactory(display_name=f"矩阵志愿者{w}", user=UserFactory(username=f"m-vol-{w}"), service_regions=[c])
        for w, c in (("own", OWN), ("other", OTHER))
    }
    users["volunteer"] = volunteers["own"].user
    needs = {w: make_need(county=c, title=f"矩阵·{w}需求") for w, c in (("own", OWN), ("other", OTHER))}
    emergencies = {
        w: make_need(county=c, title=f"矩阵·{w}急难", circle=NeedPage.Circle.EMERGENCY)
        for w, c in (("own", OWN), ("other", OTHER))
    }
    document = get_document_model()(title="矩阵凭证")
    document.file.save("matrix.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    for project in projects.values():
        grant_record(project=project, source="own_funds", amount=20_000_000, document=document, user=users["superuser"])
    return SimpleNamespace(
        users=users,
        orgs=orgs,
        projects=projects,
        volunteers=volunteers,
        needs=needs,
        emergencies=emergencies,
        authors=authors,
        document=document,
    )


@pytest.fixture(scope="module")
def w(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            from matching.services.bootstrap import base_data_ensure, base_data_present

            if not base_data_present():
                base_data_ensure()
            yield _build()
            transaction.set_rollback(True)


# ── helpers ─────────────────────────────────────────────────────────────────────────────────────


def person(user):
    return user if user is not None else AnonymousUser()


def service_ok(call) -> bool:
    """Run a service as an interface would; refused (403/404) or invalid means it did not happen."""
    try:
        with transaction.atomic():
            call()
    except (PermissionDenied, Http404):
        return False
    return True


def page_shows(client, url: str, text: str) -> bool:
    response = client.get(url)
    return response.status_code == 200 and text in response.content.decode()


def opens(client, url: str) -> bool:
    return client.get(url).status_code == 200


def org_proposed(w, which) -> Match:
    return Match.objects.create(
        need=w.needs[which], project=w.projects[which], status=Match.Status.PROPOSED, proposed_side="organisation"
    )


def staff_proposed(w, which) -> Match:
    return Match.objects.create(
        need=w.needs[which], project=w.projects[which], status=Match.Status.PROPOSED, proposed_side="staff"
    )


def disbursement(w, which, amount):
    from matching.funding.services.disbursements import disbursement_create

    return disbursement_create(
        project=w.projects[which],
        need=w.needs[which],
        amount=amount,
        purpose="矩阵拨付",
        receipt=w.document,
        user=w.authors[which],
    )


def delivered(w, which):
    from matching.outcomes.services.deliveries import need_fulfil
    from matching.uploads import Upload

    return need_fulfil(
        need=w.needs[which],
        user=w.users["superuser"],
        what=f"矩阵交付{which}",
        delivered_on=timezone.localdate(),
        photos=[Upload(name="a.jpg", content=jpeg())],
    )


def intake_report(which):
    from matching.intake.fields import ContactFields, ReportFields
    from matching.intake.services.reports import report_create

    code = OWN if which == "own" else OTHER
    fields = ReportFields(
        county_code=code,
        township="某镇",
        category="elderly_care",
        description=f"矩阵受理：某村一位独居老人房屋漏雨，冬季缺少取暖设备（{which}）",
    )
    return report_create(
        fields=fields, contact=ContactFields(reporter_name="热心群众", reporter_phone="13800000000"), user=None
    )


# ── one attempt per action: True when it took effect (or showed the object) ─────────────────────


def organisation_view(client, w, user, which):
    org = w.orgs[which]
    return page_shows(client, "/admin/organisations/", org.name) or page_shows(
        client, f"/portal/org/{org.pk}/", org.name
    )


def organisation_edit(client, w, user, which):
    from matching.services.organisations import organisation_upsert

    org = w.orgs[which]
    client.post(
        f"/admin/organisations/edit/{org.pk}/",
        {
            "name": "改名·后台",
            "org_type": org.org_type,
            "registration_authority": "",
            "description": "x",
            "service_regions": [r.code for r in org.service_regions.all()],
        },
    )
    if Organisation.objects.get(pk=org.pk).name == "改名·后台":
        return True
    return service_ok(
        lambda: organisation_upsert(
            ref=org.ref, name="改名·服务", uscc=org.uscc, org_type=org.org_type, user=person(user)
        )
    )


def organisation_vet(client, w, user, which):
    org = w.orgs[which]
    client.post(f"/admin/organisations/{org.pk}/vet/", {"decision": "suspend", "note": "矩阵测试"})
    return Organisation.objects.get(pk=org.pk).status == Organisation.Status.SUSPENDED


def project_view(client, w, user, which):
    project = w.projects[which]
    return page_shows(client, "/admin/projects/", project.title) or page_shows(
        client, f"/portal/projects/{project.pk}/money/", project.title
    )


def project_edit(client, w, user, which):
    project = w.projects[which]
    return opens(client, f"/admin/projects/edit/{project.pk}/") or opens(client, f"/portal/projects/{project.pk}/edit/")


def project_create(client, w, user, which):
    return opens(client, f"/portal/org/{w.orgs[which].pk}/projects/new/") or opens(client, "/admin/projects/new/")


def volunteer_view(client, w, user, which):
    volunteer = w.volunteers[which]
    return page_shows(client, "/admin/volunteers/", volunteer.display_name) or page_shows(
        client, "/portal/volunteer/profile/", volunteer.display_name
    )


def volunteer_edit(client, w, user, which):
    volunteer = w.volunteers[which]
    return opens(client, f"/admin/volunteers/edit/{volunteer.pk}/") or page_shows(
        client, "/portal/volunteer/profile/", volunteer.display_name
    )


def match_view(client, w, user, which):
    match = staff_proposed(w, which)
    return opens(client, f"/admin/matches/inspect/{match.pk}/")


def match_propose(client, w, user, which):
    need, project = w.needs[which], w.projects[which]
    client.post(f"/admin/needs/{need.pk}/candidates/propose/", {"kind": "project", "ref": project.ref})
    return Match.objects.filter(need=need, project=project).exists()


def match_accept_by_staff(client, w, user, which):
    match = org_proposed(w, which)
    client.post(f"/admin/needs/{match.need_id}/matches/{match.pk}/", {"action": "accept"})
    return Match.objects.get(pk=match.pk).status == Match.Status.ACCEPTED


def match_accept_by_organisation(client, w, user, which):
    match = staff_proposed(w, which)
    client.post(f"/portal/matches/{match.pk}/accept/")
    return Match.objects.get(pk=match.pk).status == Match.Status.ACCEPTED


def delivery_record(client, w, user, which):
    need, project = w.needs[which], w.projects["own"]
    # The own organisation's project was accepted for the own need, and only proposed for the other one.
    Match.objects.create(
        need=need,
        project=project,
        proposed_side="organisation",
        status=Match.Status.ACCEPTED if which == "own" else Match.Status.PROPOSED,
    )
    is_org = user is not None and Membership.objects.filter(user=user).exists()
    client.post(
        f"/outcomes/needs/{need.ref}/delivery/",
        {
            "what": "矩阵交付",
            "delivered_on": timezone.localdate().isoformat(),
            "project": project.ref if is_org else "",
            "photos": [SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg")],
        },
    )
    return NeedPage.objects.get(pk=need.pk).status == NeedPage.Status.FULFILLED


def delivery_view(client, w, user, which):
    record = delivered(w, which)
    return page_shows(client, "/admin/delivery_records/", record.what)


def delivery_reverse(client, w, user, which):
    from matching.outcomes.models import DeliveryRecord

    record = delivered(w, which)
    client.post(f"/admin/delivery_records/{record.pk}/reverse/", {"reason": "矩阵撤销"})
    return DeliveryRecord.objects.get(pk=record.pk).reversed_at is not None


def report_file(client, w, user, which):
    return opens(client, f"/outcomes/projects/{w.projects[which].ref}/reports/new/")


def report_view(client, w, user, which):
    from matching.outcomes.models import ProgressReport

    report = ProgressReport.objects.create(
        project=w.projects[which],
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        narrative=f"矩阵进展{which}",
    )
    return opens(client, f"/admin/progress_reports/inspect/{report.pk}/")


def money_record_grant(client, w, user, which):
    from matching.funding.services.grants import grant_record

    return service_ok(
        lambda: grant_record(
            project=w.projects[which], source="central_relief", amount=100_000, document=w.document, user=person(user)
        )
    )


def money_approve_disbursement(client, w, user, which):
    d = disbursement(w, which, 6_000_000)
    client.post(f"/portal/projects/{d.project_id}/money/disbursements/{d.pk}/approve/")
    d.refresh_from_db()
    return d.status == "awaiting_confirmation"


def money_confirm_disbursement(client, w, user, which):
    d = disbursement(w, which, 100_000)
    client.post(f"/admin/funding/disbursements/{d.pk}/confirm/")
    d.refresh_from_db()
    return d.status == "confirmed"


def money_release_advance(client, w, user, which):
    from matching.funding.services.disbursements import advance_release

    return service_ok(
        lambda: advance_release(
            project=w.projects[which],
            need=w.emergencies[which],
            amount=100_000,
            purpose="矩阵先行救助",
            user=person(user),
        )
    )


def intake_record(client, w, user, which):
    client.post(
        "/intake/new/",
        {
            "county_code": OWN if which == "own" else OTHER,
            "township": "某镇",
            "category": "elderly_care",
            "urgency": "normal",
            "source": "hotline",
            "description": "矩阵登记：某村一位独居老人房屋漏雨，冬季缺少取暖设备",
            "reporter_name": "热心群众",
            "reporter_phone": "13800000000",
        },
    )
    from matching.intake.models import IntakeReport

    return IntakeReport.objects.filter(description__startswith="矩阵登记").exists()


def intake_view(client, w, user, which):
    report = intake_report(which)
    return page_shows(client, f"/intake/reports/{report.ref}/", report.ref)


def intake_handle(client, w, user, which):
    from matching.intake.models import IntakeReport

    report = intake_report(which)
    client.post(f"/intake/reports/{report.ref}/close/", {"closed_reason": "矩阵办结：已核实"})
    return IntakeReport.objects.get(pk=report.pk).closed_at is not None


ATTEMPTS = {name: globals()[name.replace(".", "_")] for name in EXPECTED}


@pytest.mark.django_db
@pytest.mark.parametrize("action, role, which", CELLS, ids=[f"{a}-{r}-{o}" for a, r, o in CELLS])
def test_matrix(client, w, action, role, which):
    user = w.users[role]
    if user is not None:
        client.force_login(user)
    try:
        happened = ATTEMPTS[action](client, w, user, which)
    except ValidationError:
        happened = False
    assert happened is (role in EXPECTED[action][which]), (
        f"{role} {'could' if happened else 'could not'} {action} ({which})"
    )


def test_matrix_size():
    """Reported in docs/permissions.md: 24 actions × 10 roles × own/other."""
    assert len(CELLS) == 480
