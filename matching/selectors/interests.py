"""Reads on interests and decisions: one's own declarations, a project's possible leads, and the report of
decisions taken by people who declared (or acquired) an interest in the organisation only afterwards."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from matching.models import (
    DecisionRecord,
    InterestDeclaration,
    Membership,
    Organisation,
)
from matching.permissions import decisions_for_staff, person_label

REPORT_LIMIT = 500


def declarations_of(*, user) -> QuerySet[InterestDeclaration]:
    """Everything the person declared, withdrawn ones too (the history is kept)."""
    return InterestDeclaration.objects.filter(user=user).select_related("organisation")


def memberships_of(*, user) -> QuerySet[Membership]:
    """Memberships count as interests without a declaration."""
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")


def project_lead_choices(*, organisation: Organisation, current=None) -> list[tuple[int, str]]:
    """Who may lead a project: the organisation's members; its current lead stays on the list even after leaving,
    so an unchanged form saves unchanged."""
    members = [
        m.user
        for m in Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__username")
    ]
    if current is not None and current.pk not in {u.pk for u in members}:
        members.append(current)
    return [(u.pk, person_label(u)) for u in members]


@dataclass(frozen=True)
class LateInterest:
    decision: DecisionRecord
    declared_at: object
    how: str  # plain words: the declaration's kind and reason, or the membership


def _later_declaration():
    return InterestDeclaration.objects.filter(
        user_id=OuterRef("decided_by_id"),
        organisation_id=OuterRef("organisation_id"),
        declared_at__gt=OuterRef("decided_at"),
    )


def _later_membership():
    return Membership.objects.filter(
        user_id=OuterRef("decided_by_id"),
        organisation_id=OuterRef("organisation_id"),
        joined_at__gt=OuterRef("decided_at"),
    )


def decisions_with_later_interest(*, user) -> list[LateInterest]:
    """Decisions in the staff member's scope whose decider declared an interest in the organisation concerned (or
    joined it) after deciding: each with the earliest such interest. Newest decisions first."""
    decisions = list(
        decisions_for_staff(user)
        .filter(Q(Exists(_later_declaration())) | Q(Exists(_later_membership())))
        .select_related("decided_by", "organisation", "need", "project")[:REPORT_LIMIT]
    )
    pairs = {(d.decided_by_id, d.organisation_id) for d in decisions}
    users, orgs = {u for u, _ in pairs}, {o for _, o in pairs}
    declarations = InterestDeclaration.objects.filter(user_id__in=users, organisation_id__in=orgs)
    memberships = Membership.objects.filter(user_id__in=users, organisation_id__in=orgs, joined_at__isnull=False)
    found: dict[tuple, list] = {}
    for d in declarations:
        found.setdefault((d.user_id, d.organisation_id), []).append(
            (d.declared_at, f"{d.get_kind_display()}：{d.reason}")
        )
    for m in memberships:
        found.setdefault((m.user_id, m.organisation_id), []).append(
            (m.joined_at, _("加入该组织（%(role)s）") % {"role": m.get_role_display()})
        )
    rows = []
    for decision in decisions:
        later = sorted(
            i for i in found.get((decision.decided_by_id, decision.organisation_id), []) if i[0] > decision.decided_at
        )
        if later:
            rows.append(LateInterest(decision=decision, declared_at=later[0][0], how=later[0][1]))
    return rows
