"""Demo money: government grants and own funds into active projects, and confirmed disbursements from
the demo organisation's projects to needs in its county, all through the funding services so the
ledger, the transparency pages and the open data show real movements. Each movement is booked at the
time of the data it belongs to (a grant when its project starts, a disbursement some weeks after its need
was published), so the money spreads over the months as it would have. Idempotent (fixed keys)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from matching.funding.models import Disbursement, FundSource, Grant
from matching.funding.services.disbursements import disbursement_confirm, disbursement_create
from matching.funding.services.grants import grant_record
from matching.funding.services.ledger import ledger_historical_time
from matching.models import NeedPage, Organisation, Project

# A one-page PDF that says what it is: the stand-in for a grant notice or a receipt.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
SOURCES = [FundSource.CENTRAL_RELIEF, FundSource.WELFARE_LOTTERY, FundSource.LOCAL_FISCAL, FundSource.OWN_FUNDS]
DISBURSED_AFTER = datetime.timedelta(days=21)  # a need's money leaves its project some weeks after publication
CONFIRMED_AFTER = datetime.timedelta(days=3)


def _booked_at(day: datetime.date | None, *, after: datetime.timedelta = datetime.timedelta()) -> datetime.datetime:
    """10:00 local time on the day (plus `after`), never later than an hour ago."""
    latest = timezone.now() - datetime.timedelta(hours=1)
    if day is None:
        return latest
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))) + after
    return min(at, latest)


def _document(title: str, user):
    Document = get_document_model()
    doc = Document.objects.filter(title=title).first()
    if doc is None:
        doc = Document(title=title, uploaded_by_user=user)
        doc.file.save("demo-voucher.pdf", ContentFile(DEMO_PDF), save=False)
        doc.save()
    return doc


def _demo_grants(*, projects, organisation_ref: str, staff, org_admin) -> int:
    """A grant into each active project, booked when the project starts; own funds recorded by the demo
    organisation's admin for its own projects, the other sources by national staff."""
    grants = 0
    for i, project in enumerate(projects):
        source = SOURCES[i % len(SOURCES)]
        key = f"demo:grant:{project.ref}"
        if Grant.objects.filter(transaction__idempotency_key=key).exists():
            continue
        amount = min(project.budget_available, (i % 5 + 1) * 2_000_000) or 1_000_000
        recorder = (
            org_admin if source == FundSource.OWN_FUNDS and project.organisation.ref == organisation_ref else staff
        )
        if source == FundSource.OWN_FUNDS and recorder is staff:
            source = FundSource.WELFARE_LOTTERY
        at = _booked_at(project.starts_on)
        with ledger_historical_time(at):
            grant = grant_record(
                project=project,
                source=source,
                amount=amount,
                user=recorder,
                idempotency_key=key,
                document=_document(f"拨款文件 {project.ref}", staff),
                source_detail="（演示数据）",
            )
        Grant.objects.filter(pk=grant.pk).update(recorded_at=at)
        grants += 1
    return grants


def _demo_disbursement(*, project: Project, need: NeedPage, org_admin, officer) -> None:
    """One confirmed disbursement from the project to the need, booked some weeks after the need was
    published and after the project's first grant."""
    funded = Grant.objects.filter(project=project).order_by("recorded_at").values_list("recorded_at", flat=True)
    created = _booked_at(need.published_on, after=DISBURSED_AFTER)
    if funded:  # money leaves a project after it came in
        created = min(max(created, funded[0] + CONFIRMED_AFTER), _booked_at(None))
    with ledger_historical_time(created):
        disbursement = disbursement_create(
            project=project,
            need=need,
            amount=500_000,
            user=org_admin,
            purpose="采购与施工（演示数据）",
            receipt=_document(f"收据 {project.ref}-{need.ref}", org_admin),
        )
    confirmed = min(created + CONFIRMED_AFTER, timezone.now())
    if disbursement.status == Disbursement.Status.AWAITING_CONFIRMATION:
        with ledger_historical_time(confirmed):
            disbursement_confirm(disbursement=disbursement, user=officer)
    disbursement.refresh_from_db()
    Disbursement.objects.filter(pk=disbursement.pk).update(
        created_at=created,
        approved_at=disbursement.approved_at and created,
        confirmed_at=disbursement.confirmed_at and confirmed,
    )


def demo_money_ensure(*, organisation_ref: str = "org-004") -> dict:
    User = get_user_model()
    staff = User.objects.get(username="staff_national")
    org_admin = User.objects.get(username="org_admin")
    officer = User.objects.get(username="lianhua_officer")
    projects = Project.objects.filter(status="active", organisation__status=Organisation.Status.VERIFIED).order_by(
        "ref"
    )
    grants = _demo_grants(projects=projects, organisation_ref=organisation_ref, staff=staff, org_admin=org_admin)

    disbursed = 0
    own_projects = list(projects.filter(organisation__ref=organisation_ref))
    answered = (NeedPage.Status.MATCHED, NeedPage.Status.IN_PROGRESS, NeedPage.Status.FULFILLED)
    needs = NeedPage.objects.live().filter(county__code="360321", status__in=answered)
    for project, need in zip(own_projects, needs.order_by("ref"), strict=False):
        if Disbursement.objects.filter(project=project, need=need).exists():
            continue
        _demo_disbursement(project=project, need=need, org_admin=org_admin, officer=officer)
        disbursed += 1
    return {"grants": grants, "disbursements": disbursed}
