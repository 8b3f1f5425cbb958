"""Who acts for an organisation. Every organisation-side service asks here first.

An object of another organisation is reported as missing (Http404), not forbidden, so a
guessed id tells the caller nothing about what exists.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from matching.models import Membership, Organisation


def acting_organisation(user) -> Organisation | None:
    """An API token acts as its organisation (its scopes are checked by the API layer)."""
    return getattr(user, "organisation", None) if getattr(user, "token", None) is not None else None


def actor_user(user):
    """The person to record as the actor: the user, or whoever created the API token."""
    token = getattr(user, "token", None)
    return token.created_by if token is not None else user


def membership_get(*, user, organisation: Organisation) -> Membership | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def membership_require(*, user, organisation: Organisation, admin: bool = False) -> Membership:
    """The caller's membership; 404 for strangers, 403 for a member acting as an admin."""
    acting = acting_organisation(user)
    if acting is not None:
        if acting.pk != organisation.pk:
            raise Http404("organisation not found")
        return Membership(organisation=organisation, role=Membership.Role.ADMIN)
    membership = membership_get(user=user, organisation=organisation)
    if membership is None:
        raise Http404("organisation not found")
    if admin and membership.role != Membership.Role.ADMIN:
        raise PermissionDenied("只有本组织管理员可以执行此操作")
    return membership


def organisation_require_active(*, organisation: Organisation) -> None:
    if organisation.status == Organisation.Status.SUSPENDED:
        raise PermissionDenied("该组织已被暂停，暂不能执行此操作")


@transaction.atomic
def member_set_role(*, user, organisation: Organisation, member: Membership, role: str) -> Membership:
    """Admins change roles; an organisation never loses its last admin."""
    membership_require(user=user, organisation=organisation, admin=True)
    if member.organisation_id != organisation.pk:
        raise Http404("member not found")
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"未知的角色：{role}"})
    if member.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN:
        admins = Membership.objects.select_for_update().filter(organisation=organisation, role=Membership.Role.ADMIN)
        if admins.count() <= 1:
            raise ValidationError({"role": "组织至少需要保留一名管理员"})
    member.role = role
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def member_remove(*, user, organisation: Organisation, member: Membership) -> None:
    membership_require(user=user, organisation=organisation, admin=True)
    if member.organisation_id != organisation.pk:
        raise Http404("member not found")
    if member.role == Membership.Role.ADMIN and Membership.objects.filter(
        organisation=organisation, role=Membership.Role.ADMIN
    ).count() <= 1:
        raise ValidationError({"role": "组织至少需要保留一名管理员"})
    member.delete()
