"""Organisations: who acts for one (members, admins, its API token) and which staff oversee it.

An organisation is overseen by the staff whose scope covers its registration region, read from the USCC
(characters 3–8). The credit code carries that authority, so nobody but a superuser changes it once set.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from matching.models import DecisionRecord, Membership, Organisation, Region
from matching.permissions.base import acting_organisation, is_superuser, require, signed_in
from matching.permissions.interests import has_interest, require_no_interest, staff_deciders
from matching.permissions.scope import (
    ANY_ROLE,
    OFFICER,
    filter_to_scope,
    is_civil_staff,
    region_in_scope,
    region_serves_scope_q,
    scope_prefix,
    staff_region_codes,
)


def membership_of(user, organisation: Organisation) -> Membership | None:
    """The caller's membership; an API token counts as an admin of its own organisation only."""
    acting = acting_organisation(user)
    if acting is not None:
        return (
            Membership(organisation=organisation, role=Membership.Role.ADMIN) if acting.pk == organisation.pk else None
        )
    if not signed_in(user):
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def is_org_member(user, organisation: Organisation) -> bool:
    return membership_of(user, organisation) is not None


def is_org_admin(user, organisation: Organisation) -> bool:
    membership = membership_of(user, organisation)
    return membership is not None and membership.role == Membership.Role.ADMIN


def require_org_member(*, user, organisation: Organisation, admin: bool = False) -> Membership:
    """The caller's membership; 404 for strangers (a guessed id reveals nothing), 403 for a member acting
    as an admin."""
    membership = membership_of(user, organisation)
    if membership is None:
        raise Http404("organisation not found")
    if admin and membership.role != Membership.Role.ADMIN:
        raise PermissionDenied("只有本组织管理员可以执行此操作")
    return membership


def registration_code(organisation: Organisation) -> str:
    return (organisation.uscc or "")[2:8]


def registration_region(organisation: Organisation) -> Region | None:
    """The region of the registration authority, read from the USCC (characters 3–8)."""
    code = registration_code(organisation)
    return Region.objects.filter(code=code).first() or Region.objects.filter(code=code[:2] + "0000").first()


def oversees_organisation(user, organisation: Organisation, *, roles=(OFFICER,)) -> bool:
    """Staff (officers unless told) whose scope covers the organisation's registration region."""
    return region_in_scope(user, registration_code(organisation), roles=roles)


def can_vet_organisation(user, organisation: Organisation, *, ignore_interests: bool = False) -> bool:
    """Officers who oversee it, unless they have an interest in it (`ignore_interests`: would they, but for that)."""
    return oversees_organisation(user, organisation) and (ignore_interests or not has_interest(user, organisation))


def require_vet_organisation(user, organisation: Organisation) -> None:
    require(oversees_organisation(user, organisation), _("您无权审核该地区登记的社会组织"))
    require_no_interest(
        user,
        organisation=organisation,
        kind=DecisionRecord.Kind.ORGANISATION_VET,
        decision=_("审核该组织"),
        subject=organisation,
        deciders=lambda: staff_deciders(
            region=registration_region(organisation), organisation=organisation, refused=user
        ),
    )


def can_change_organisation(user, organisation: Organisation) -> bool:
    """Its admins, and the officers who oversee it, change its description; never its credit code or status."""
    return is_superuser(user) or is_org_admin(user, organisation) or oversees_organisation(user, organisation)


def can_change_organisation_uscc(user, organisation: Organisation) -> bool:
    """The credit code decides who oversees the organisation: only a superuser corrects it."""
    return is_superuser(user)


def can_view_organisation(user, organisation: Organisation) -> bool:
    if is_superuser(user) or is_org_member(user, organisation):
        return True
    if not is_civil_staff(user):
        return False
    return organisations_for_staff(user).filter(pk=organisation.pk).exists()


def _registered_in_scope_q(user, *, roles) -> Q | None:
    codes = staff_region_codes(user, roles=roles)
    if codes is None:
        return None
    q = Q(pk__in=[])
    for prefix in {scope_prefix(c) for c in codes}:
        q |= Q(uscc__regex=rf"^.{{2}}{prefix}")
    return q


def organisations_for_staff(user, *, roles=ANY_ROLE) -> QuerySet[Organisation]:
    """Organisations registered in the staff member's region or serving somewhere in it."""
    if not is_civil_staff(user, roles=roles):
        return Organisation.objects.none()
    registered = _registered_in_scope_q(user, roles=roles)
    if registered is None:
        return Organisation.objects.all()
    serves = region_serves_scope_q(user, "service_regions__code", roles=roles)
    return filter_to_scope(Organisation.objects.all(), registered | serves)


def organisations_overseen(user) -> QuerySet[Organisation]:
    """Organisations the officer may change and vet (registration region in scope)."""
    q = _registered_in_scope_q(user, roles=(OFFICER,)) if is_civil_staff(user, roles=(OFFICER,)) else Q(pk__in=[])
    return filter_to_scope(Organisation.objects.all(), q)
