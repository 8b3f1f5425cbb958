"""Who may do what to organisations and projects. Every interface (admin, portal, API) asks here.

Needs are pages: page permissions on the region tree decide (see services/staff.py).
"""
from django.core.exceptions import PermissionDenied

from matching.models import Membership, Organisation, Project, Region, StaffScope


def _is_admin_member(user, organisation: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation, role=Membership.Role.ADMIN).exists()


def _is_member(user, organisation: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def registration_region(organisation: Organisation) -> Region | None:
    """The region of the registration authority, read from the USCC (characters 3–8)."""
    code = organisation.uscc[2:8]
    return Region.objects.filter(code=code).first() or Region.objects.filter(code=code[:2] + "0000").first()


def user_can_vet_organisation(user, organisation: Organisation) -> bool:
    """Staff whose region covers the organisation's registration region; national staff all."""
    from matching.services.staff import staff_covers_region, staff_region_codes

    if not (user and user.is_authenticated):
        return False
    if user.is_superuser or staff_region_codes(user) is None and user.has_perm("matching.change_organisation"):
        return True
    region = registration_region(organisation)
    return region is not None and staff_covers_region(user, region)


def user_can_change_organisation(user, organisation: Organisation) -> bool:
    if not (user and user.is_authenticated):
        return False
    return user.is_superuser or _is_admin_member(user, organisation)


def user_can_change_project(user, project: Project) -> bool:
    """Members of the owning organisation change its projects; nobody else (staff only read)."""
    if not (user and user.is_authenticated):
        return False
    return user.is_superuser or _is_member(user, project.organisation)


def user_can_create_project(user, organisation: Organisation) -> bool:
    return bool(user and user.is_authenticated) and (user.is_superuser or _is_member(user, organisation))


def require(allowed: bool, message: str = "您没有执行此操作的权限") -> None:
    if not allowed:
        raise PermissionDenied(message)


def user_is_officer(user) -> bool:
    """A superuser, or staff in an officer group (民政干部). A clerk (录入员) only drafts and submits."""
    if not (user and user.is_authenticated):
        return False
    return user.is_superuser or user.groups.filter(staff_scope__role="officer").exists()


def user_can_record_grant(user) -> bool:
    """Public money (a government grant) enters the ledger only by an officer's hand, never a clerk's."""
    return user_is_officer(user)


def user_can_set_need_status(user, *, need=None, parent_page=None) -> bool:
    """A need's status moves through the lifecycle service; in the editor only staff who may publish the
    need (or, for a new need, publish under its region page) see the field. Clerks never do."""
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    if need is not None and need.pk:
        return need.permissions_for_user(user).can_publish()
    return parent_page is not None and parent_page.permissions_for_user(user).can_publish_subpage()


def requires_second_factor(user) -> bool:
    """Accounts that can publish needs, vet organisations or move money must sign in with a second factor.

    That is: superusers; anyone who may enter the Wagtail admin; civil-affairs staff of any role (a
    StaffScope group: officers publish, vet and record public money; clerks work in the same admin on the
    same records); organisation admins (they approve disbursements and release advances). Enforced by config.middleware.SecondFactorRequiredMiddleware
    when BANGFU_REQUIRE_SECOND_FACTOR is on (always in production).
    """
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"):
        return True
    if StaffScope.objects.filter(group__user=user).exists():
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()
