"""Conflict of interest: nobody decides about an organisation they have an interest in.

An interest is a membership of the organisation (automatic) or a declaration not withdrawn. Staff with an interest
may not vet the organisation, answer a match of its project, confirm or release money from its projects; an
organisation's admin who leads a project may not approve that project's disbursements. The refusal says why in
plain words and names who else, in the same scope, can decide: the decision goes to them.
"""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from matching.models import (
    InterestDeclaration,
    Membership,
    Organisation,
    Project,
    Region,
)
from matching.permissions.base import actor_user, signed_in
from matching.permissions.scope import OFFICER, staff_users_for_region


class InterestConflict(PermissionDenied):
    """A refusal because of an interest: says why, and who else may decide (`deciders`)."""

    def __init__(
        self, message: str, *, kind: str, decision: str, subject, organisation: Organisation, refused, deciders: list
    ):
        super().__init__(message)
        self.kind, self.decision, self.subject = kind, decision, subject
        self.organisation, self.refused, self.deciders = organisation, refused, deciders


def _person(user):
    person = actor_user(user)
    return person if signed_in(person) else None


def interests_in(user, organisation: Organisation) -> list[str]:
    """The person's interests in the organisation, each in plain words; empty when there is none."""
    person = _person(user)
    if person is None:
        return []
    reasons = [
        _("您是“%(organisation)s”的%(role)s") % {"organisation": organisation.name, "role": m.get_role_display()}
        for m in Membership.objects.filter(user=person, organisation=organisation)
    ]
    reasons += [
        _("您于%(date)s申报了与“%(organisation)s”的利益关系：%(kind)s（%(reason)s）")
        % {
            "date": f"{d.declared_at:%Y-%m-%d}",
            "organisation": organisation.name,
            "kind": d.get_kind_display(),
            "reason": d.reason,
        }
        for d in InterestDeclaration.objects.active().filter(user=person, organisation=organisation)
    ]
    return reasons


def has_interest(user, organisation: Organisation) -> bool:
    person = _person(user)
    if person is None:
        return False
    return (
        Membership.objects.filter(user=person, organisation=organisation).exists()
        or InterestDeclaration.objects.active().filter(user=person, organisation=organisation).exists()
    )


def interested_organisation_ids(user) -> set[int]:
    """Every organisation the person has an interest in (memberships and declarations in force): what a list of
    decisions marks as theirs to hand over, in two queries whatever the list's length."""
    person = _person(user)
    if person is None:
        return set()
    return set(Membership.objects.filter(user=person).values_list("organisation_id", flat=True)) | set(
        InterestDeclaration.objects.active().filter(user=person).values_list("organisation_id", flat=True)
    )


def leads_project(user, project: Project) -> bool:
    person = _person(user)
    return person is not None and project.lead_id is not None and project.lead_id == person.pk


def interested_users_q(organisation: Organisation) -> Q:
    """People with an interest in the organisation, as a filter on users."""
    declared = InterestDeclaration.objects.active().filter(organisation=organisation).values("user_id")
    return Q(memberships__organisation=organisation) | Q(pk__in=declared)


def staff_deciders(*, region: Region | None, organisation: Organisation, refused) -> list:
    """Officers of the same scope (covering the region) without an interest in the organisation, the refused
    person excepted: who the decision goes to."""
    if region is not None:
        officers = staff_users_for_region(region, roles=(OFFICER,))
    else:
        officers = (
            get_user_model()
            .objects.filter(groups__staff_scope__region__isnull=True, groups__staff_scope__role=OFFICER, is_active=True)
            .distinct()
        )
    person = _person(refused)
    if person is not None:
        officers = officers.exclude(pk=person.pk)
    free = officers.exclude(pk__in=get_user_model().objects.filter(interested_users_q(organisation)).values("pk"))
    return list(free.order_by("username")[:20])


def project_approvers(*, project: Project, refused, author_id: int | None) -> list:
    """The organisation's other admins who may approve the project's disbursements: not its lead, not the author."""
    admins = get_user_model().objects.filter(
        memberships__organisation_id=project.organisation_id, memberships__role=Membership.Role.ADMIN, is_active=True
    )
    person = _person(refused)
    excluded = {pk for pk in (project.lead_id, author_id, getattr(person, "pk", None)) if pk}
    return list(admins.exclude(pk__in=excluded).order_by("username")[:20])


def person_label(user) -> str:
    return user.get_full_name() or user.get_username()


def _refusal(why: str, decision: str, deciders: list) -> str:
    if deciders:
        who = _("此决定转由同一范围内的以下人员作出：%(names)s。") % {
            "names": "、".join(person_label(u) for u in deciders)
        }
    else:
        who = _("同一范围内目前没有其他可以作出此决定的人员，请联系上级部门。")
    return _("%(why)s，按利益冲突回避规定，您不能%(decision)s。") % {"why": why, "decision": decision} + who


def require_no_interest(
    user, *, organisation: Organisation, kind: str, decision: str, subject, deciders: Callable[[], list]
) -> None:
    """Raise InterestConflict when the person has an interest in the organisation."""
    reasons = interests_in(user, organisation)
    if reasons:
        found = deciders()
        raise InterestConflict(
            _refusal("；".join(reasons), decision, found),
            kind=kind,
            decision=decision,
            subject=subject,
            organisation=organisation,
            refused=_person(user),
            deciders=found,
        )


def require_not_project_lead(
    user, *, project: Project, kind: str, decision: str, subject, deciders: Callable[[], list]
) -> None:
    """Raise InterestConflict when the person leads the project."""
    if leads_project(user, project):
        found = deciders()
        why = _("您是项目“%(project)s”的负责人") % {"project": project.title}
        raise InterestConflict(
            _refusal(why, decision, found),
            kind=kind,
            decision=decision,
            subject=subject,
            organisation=project.organisation,
            refused=_person(user),
            deciders=found,
        )


def refused(check: Callable[[], None]) -> InterestConflict | None:
    """The conflict a require_… call would raise, or None: what a screen shows before the person acts."""
    try:
        check()
    except InterestConflict as conflict:
        return conflict
    except PermissionDenied:
        return None
    return None
