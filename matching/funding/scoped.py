"""Reads for the money screens, scoped to who is asking: staff see their region, organisations their projects."""
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument

from matching.funding.models import Disbursement, Grant, LedgerEntry, LedgerTransaction, Pledge
from matching.models import Membership, NeedPage, Project, Region
from matching.services.staff import staff_region_codes


def region_prefix(region: Region) -> str:
    """The code prefix shared by a region and everything under it ("" = the whole country)."""
    return {Region.Level.NATION: "", Region.Level.PROVINCE: region.code[:2],
            Region.Level.PREFECTURE: region.code[:4]}.get(region.level, region.code)


def staff_prefixes(user) -> list[str] | None:
    """Code prefixes of the staff member's regions; None = nationwide; [] = not staff."""
    codes = staff_region_codes(user)
    if codes is None:
        return None
    return [region_prefix(r) for r in Region.objects.filter(code__in=codes)]


def _prefix_q(field: str, prefixes: list[str]) -> Q:
    q = Q(pk__in=[])
    for p in prefixes:
        q |= Q(**{f"{field}__startswith": p})
    return q


def needs_for_staff(*, user) -> QuerySet[NeedPage]:
    qs = NeedPage.objects.live().select_related("county")
    prefixes = staff_prefixes(user)
    return qs if prefixes is None else qs.filter(_prefix_q("county__code", prefixes))


def emergency_needs_for_staff(*, user) -> QuerySet[NeedPage]:
    return (needs_for_staff(user=user).filter(circle=NeedPage.Circle.EMERGENCY)
            .exclude(status__in=[NeedPage.Status.FULFILLED, NeedPage.Status.CLOSED]).order_by("-first_published_at"))


def _staff_project_q(user) -> Q | None:
    """Projects serving somewhere in the staff member's region (or a region that covers it); None = all."""
    prefixes = staff_prefixes(user)
    if prefixes is None:
        return None
    codes = staff_region_codes(user) or []
    covering = {c for r in Region.objects.filter(code__in=codes) for c in r.covering_codes}
    return _prefix_q("service_regions__code", prefixes) | Q(service_regions__code__in=covering)


def projects_for_staff(*, user) -> QuerySet[Project]:
    """Projects serving somewhere in the staff member's region (or a region that covers it)."""
    qs = Project.objects.filter(status__in=[Project.Status.ACTIVE, Project.Status.PAUSED]).select_related("organisation")
    q = _staff_project_q(user)
    return qs.order_by("title") if q is None else qs.filter(q).distinct().order_by("title")


def staff_covers_need(*, user, need: NeedPage) -> bool:
    """Whether the need's county lies in one of the staff member's regions (whatever the need's state)."""
    prefixes = staff_prefixes(user)
    return prefixes is None or bool(need.county_id and any(need.county_id.startswith(p) for p in prefixes))


def staff_covers_project(*, user, project: Project) -> bool:
    """Whether the project serves the staff member's region (whatever the project's state)."""
    q = _staff_project_q(user)
    return q is None or Project.objects.filter(pk=project.pk).filter(q).exists()


def disbursements_to_confirm(*, user) -> QuerySet[Disbursement]:
    needs = needs_for_staff(user=user).values("pk")
    return (Disbursement.objects.filter(status=Disbursement.Status.AWAITING_CONFIRMATION, need__in=needs)
            .select_related("project__organisation", "need", "receipt", "created_by").order_by("created_at"))


def advances_overdue_for_staff(*, user, today=None):
    from matching.funding.selectors import advances_overdue

    return advances_overdue(today=today).filter(need__in=needs_for_staff(user=user).values("pk"))


def advances_received_for_staff(*, user):
    from matching.funding.selectors import advances_paperwork_received

    return advances_paperwork_received().filter(need__in=needs_for_staff(user=user).values("pk"))


def advance_of_organisation(*, organisation, pk) -> Disbursement:
    """An emergency advance paid from one of the organisation's projects; 404 for anything else."""
    from django.http import Http404

    try:
        return (Disbursement.objects.select_related("need", "project__organisation", "receipt")
                .get(pk=int(pk), kind=Disbursement.Kind.ADVANCE, project__organisation=organisation))
    except (Disbursement.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("advance not found") from None


@dataclass(frozen=True)
class MoneyDocumentUse:
    """Money a document backs: the project it belongs to and, for a disbursement's receipt, the need it went to."""

    project: Project
    need: NeedPage | None


def money_document_uses(*, document) -> list[MoneyDocumentUse]:
    """The grants, pledges and disbursements a document backs; empty when it backs no money."""
    uses = [MoneyDocumentUse(g.project, None)
            for g in Grant.objects.filter(document=document).select_related("project__organisation")]
    uses += [MoneyDocumentUse(p.project, None)
             for p in Pledge.objects.filter(commitment_document=document).select_related("project__organisation")]
    uses += [MoneyDocumentUse(d.project, d.need)
             for d in Disbursement.objects.filter(receipt=document).select_related("project__organisation", "need")]
    return uses


def money_document_for_user(*, user, pk) -> AbstractDocument:
    """A document behind money that this user may see; 404 for anything else, so an id tells a stranger nothing
    (not whether it exists, nor whether it backs money)."""
    from django.http import Http404

    from matching.funding.permissions import money_document_visible

    try:
        document = get_document_model().objects.get(pk=int(pk))
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("document not found") from None
    if not money_document_visible(user=user, document=document):
        raise Http404("document not found")
    return document


def ledger_for_staff(*, user) -> QuerySet[LedgerTransaction]:
    """Transactions touching a need of the region or a project serving it, newest first, with entries."""
    needs = needs_for_staff(user=user).values("pk")
    projects = projects_for_staff(user=user).values("pk")
    ids = (LedgerEntry.objects.filter(Q(account__need__in=needs) | Q(account__project__in=projects))
           .values("transaction_id"))
    return (LedgerTransaction.objects.filter(pk__in=ids).order_by("-created_at", "-id")
            .prefetch_related("entries__account"))


def project_for_member(*, user, pk) -> Project:
    """One of the caller's organisations' projects; 404 for anything else (ids of others are not revealed)."""
    from django.http import Http404

    try:
        return Project.objects.select_related("organisation").get(pk=int(pk), organisation__memberships__user=user)
    except (Project.DoesNotExist, ValueError, TypeError):
        raise Http404("project not found") from None


def is_project_admin(*, user, project: Project) -> bool:
    return Membership.objects.filter(user=user, organisation_id=project.organisation_id,
                                     role=Membership.Role.ADMIN).exists()


def needs_matched_with(*, project: Project) -> QuerySet[NeedPage]:
    from matching.models import Match

    return (NeedPage.objects.live().filter(matches__project=project,
                                           matches__status__in=[Match.Status.ACCEPTED, Match.Status.DELIVERED])
            .distinct().order_by("title"))


def project_ledger(*, project: Project, limit: int = 200) -> list[LedgerEntry]:
    """The ledger lines of a project's own account and its allocations, newest first."""
    return list(LedgerEntry.objects.filter(account__project=project).select_related("transaction", "account")
                .order_by("-transaction__created_at", "-id")[:limit])


def project_disbursements(*, project: Project) -> QuerySet[Disbursement]:
    return project.disbursements.select_related("need", "created_by", "approved_by").order_by("-created_at")


def project_pledges(*, project: Project) -> QuerySet[Pledge]:
    return project.pledges.order_by("-created_at")
