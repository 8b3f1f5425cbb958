"""Writes on volunteer profiles: create or update one by its external ref (portal, import)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from matching.models import Region, Skill, Volunteer
from matching.permissions import can_change_volunteer


@transaction.atomic
def volunteer_upsert(
    *,
    ref: str,
    display_name: str,
    skills: list[str] = (),
    service_regions: list[str] = (),
    hours_per_month: int = 0,
    status: str = Volunteer.Status.ACTIVE,
    account=None,
    user=None,
) -> Volunteer:
    """Create the volunteer profile with this ref, or update it.

    A user changes only their own profile; `user=None` is a system operation. `account` links the
    profile to a login (set once; never moved to another account).
    """
    volunteer = Volunteer.objects.select_for_update().filter(ref=ref).first()
    if volunteer is None:
        volunteer = Volunteer(ref=ref)
    if user is not None and volunteer.user_id is not None and not can_change_volunteer(user, volunteer):
        raise PermissionDenied("您只能修改自己的志愿者资料")
    if account is not None:
        if volunteer.user_id not in (None, account.pk):
            raise PermissionDenied("该志愿者资料已绑定其他账号")
        volunteer.user = account
    volunteer.display_name = display_name
    volunteer.hours_per_month = hours_per_month
    volunteer.status = status
    volunteer.full_clean()
    volunteer.save()
    volunteer.skills.set(Skill.objects.filter(code__in=list(skills)))
    volunteer.service_regions.set(Region.objects.filter(code__in=list(service_regions)))
    return volunteer
