"""Who may move which money. Checked inside the services, whichever interface calls them."""
from matching.models import Membership, NeedPage, Organisation


def is_org_admin(user, organisation: Organisation) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation=organisation, role=Membership.Role.ADMIN).exists()


def is_org_member(user, organisation: Organisation) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def is_civil_staff(user) -> bool:
    """Civil-affairs staff: members of a group scoped to a region (or superusers)."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(staff_scope__isnull=False).exists()


def is_region_staff_for(user, need: NeedPage) -> bool:
    """Staff of the need's region: they may publish the need page, by Wagtail's page permissions."""
    if user is None or not user.is_authenticated:
        return False
    return need.permissions_for_user(user).can_publish()
