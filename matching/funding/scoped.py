"""Reads for the money screens, scoped to who is asking: staff see their region, organisations their projects."""
from django.db.models import Q, QuerySet

from matching.funding.models import Disbursement, LedgerEntry, LedgerTransaction, Pledge
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


def projects_for_staff(*, user) -> QuerySet[Project]:
    """Projects serving somewhere in the staff member's region (or a region that covers it)."""
    qs = Project.objects.filter(status__in=[Project.Status.ACTIVE, Project.Status.PAUSED]).select_related("organisation")
    prefixes = staff_prefixes(user)
    if prefixes is None:
        return qs.order_by("title")
    codes = staff_region_codes(user) or []
    covering = {c for r in Region.objects.filter(code__in=codes) for c in r.covering_codes}
    q = _prefix_q("service_regions__code", prefixes) | Q(service_regions__code__in=covering)
    return qs.filter(q).distinct().order_by("title")


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
