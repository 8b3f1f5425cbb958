"""Reads for the money screens, scoped to who is asking: staff see their region, organisations their projects."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument

from matching import permissions
from matching.funding.models import (
    Disbursement,
    LedgerEntry,
    LedgerTransaction,
    Pledge,
)
from matching.models import NeedPage, Project


def needs_for_staff(*, user, roles=permissions.ANY_ROLE) -> QuerySet[NeedPage]:
    return permissions.needs_for_staff(user, NeedPage.objects.live().select_related("county"), roles=roles)


def emergency_needs_for_staff(*, user) -> QuerySet[NeedPage]:
    return (
        needs_for_staff(user=user, roles=(permissions.OFFICER,))
        .filter(circle=NeedPage.Circle.EMERGENCY)
        .exclude(status__in=[NeedPage.Status.FULFILLED, NeedPage.Status.CLOSED])
        .order_by("-first_published_at")
    )


def projects_for_staff(*, user, roles=permissions.ANY_ROLE) -> QuerySet[Project]:
    """Running projects serving somewhere in the staff member's region (or run by one registered there)."""
    return (
        permissions.projects_for_staff(user, roles=roles)
        .filter(status__in=[Project.Status.ACTIVE, Project.Status.PAUSED])
        .select_related("organisation")
        .order_by("title")
    )


def disbursements_to_confirm(*, user) -> QuerySet[Disbursement]:
    needs = needs_for_staff(user=user, roles=(permissions.OFFICER,)).values("pk")
    return (
        Disbursement.objects.filter(status=Disbursement.Status.AWAITING_CONFIRMATION, need__in=needs)
        .select_related("project__organisation", "need", "receipt", "created_by")
        .order_by("created_at")
    )


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
        return Disbursement.objects.select_related("need", "project__organisation", "receipt").get(
            pk=int(pk), kind=Disbursement.Kind.ADVANCE, project__organisation=organisation
        )
    except (Disbursement.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("advance not found") from None


def money_document_for_user(*, user, pk) -> AbstractDocument:
    """A document behind money that this user may see; 404 for anything else, so an id tells a stranger nothing
    (not whether it exists, nor whether it backs money)."""
    from django.http import Http404

    try:
        document = get_document_model().objects.get(pk=int(pk))
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("document not found") from None
    if not permissions.money_document_visible(user=user, document=document):
        raise Http404("document not found")
    return document


def ledger_for_staff(*, user) -> QuerySet[LedgerTransaction]:
    """Transactions touching a need of the region or a project serving it, newest first, with entries."""
    needs = needs_for_staff(user=user).values("pk")
    projects = projects_for_staff(user=user).values("pk")
    ids = LedgerEntry.objects.filter(Q(account__need__in=needs) | Q(account__project__in=projects)).values(
        "transaction_id"
    )
    return (
        LedgerTransaction.objects.filter(pk__in=ids).order_by("-created_at", "-id").prefetch_related("entries__account")
    )


def project_for_member(*, user, pk) -> Project:
    """One of the caller's organisations' projects; 404 for anything else (ids of others are not revealed)."""
    from django.http import Http404

    try:
        return Project.objects.select_related("organisation").get(pk=int(pk), organisation__memberships__user=user)
    except (Project.DoesNotExist, ValueError, TypeError):
        raise Http404("project not found") from None


def needs_matched_with(*, project: Project) -> QuerySet[NeedPage]:
    from matching.models import Match

    return (
        NeedPage.objects.live()
        .filter(matches__project=project, matches__status__in=[Match.Status.ACCEPTED, Match.Status.DELIVERED])
        .distinct()
        .order_by("title")
    )


def project_ledger(*, project: Project, limit: int = 200) -> list[LedgerEntry]:
    """The ledger lines of a project's own account and its allocations, newest first."""
    return list(
        LedgerEntry.objects.filter(account__project=project)
        .select_related("transaction", "account")
        .order_by("-transaction__created_at", "-id")[:limit]
    )


def project_disbursements(*, project: Project) -> QuerySet[Disbursement]:
    return project.disbursements.select_related("need", "created_by", "approved_by").order_by("-created_at")


def project_pledges(*, project: Project) -> QuerySet[Pledge]:
    return project.pledges.order_by("-created_at")
