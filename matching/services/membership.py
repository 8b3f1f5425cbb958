"""Writes on an organisation's members. Who acts for an organisation is matching.permissions'
(require_org_member: 404 for strangers, so a guessed id tells nothing; 403 for a member acting as an admin).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from matching.error_codes import MembershipErrorCode
from matching.errors import refusal
from matching.models import Membership, Organisation
from matching.permissions import require_org_member

LAST_ADMIN = "组织至少需要保留一名管理员"


def organisation_require_active(*, organisation: Organisation) -> None:
    if organisation.status == Organisation.Status.SUSPENDED:
        raise PermissionDenied("该组织已被暂停，暂不能执行此操作")


@transaction.atomic
def member_set_role(*, user, organisation: Organisation, member: Membership, role: str) -> Membership:
    """Admins change roles; an organisation never loses its last admin."""
    require_org_member(user=user, organisation=organisation, admin=True)
    if member.organisation_id != organisation.pk:
        raise Http404("member not found")
    if role not in Membership.Role.values:
        raise refusal(f"未知的角色：{role}", MembershipErrorCode.UNKNOWN_ROLE, field="role")
    if member.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN:
        admins = Membership.objects.select_for_update().filter(organisation=organisation, role=Membership.Role.ADMIN)
        if admins.count() <= 1:
            raise refusal(LAST_ADMIN, MembershipErrorCode.LAST_ADMIN, field="role")
    member.role = role
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def member_remove(*, user, organisation: Organisation, member: Membership) -> None:
    require_org_member(user=user, organisation=organisation, admin=True)
    if member.organisation_id != organisation.pk:
        raise Http404("member not found")
    if (
        member.role == Membership.Role.ADMIN
        and Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN).count() <= 1
    ):
        raise refusal(LAST_ADMIN, MembershipErrorCode.LAST_ADMIN, field="role")
    member.delete()
