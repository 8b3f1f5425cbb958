"""Volunteer profiles: create or update one by its external ref (import, demo), a signed-in volunteer's own profile
and availability (portal), and finding the volunteer behind a user."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from matching.availability import availability_errors
from matching.models import Region, Skill, Volunteer, VolunteerAvailability
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


def volunteer_for_user(user) -> Volunteer | None:
    if not (user and user.is_authenticated):
        return None
    return Volunteer.objects.filter(user=user).first()


@transaction.atomic
def volunteer_profile_save(
    *,
    user,
    display_name: str,
    skills: list[str],
    service_regions: list[str],
    hours_per_month: int,
    weekdays: bool = False,
    weekends: bool = False,
    evenings: bool = False,
    available_from: datetime.date | None = None,
    available_until: datetime.date | None = None,
) -> Volunteer:
    errors = availability_errors(
        available_from=available_from, available_until=available_until, today=timezone.localdate()
    )
    display_name = (display_name or "").strip()
    if not display_name:
        errors["display_name"] = "请填写显示名"
    elif len(display_name) > 60:
        errors["display_name"] = "显示名不能超过60字"
    if not isinstance(hours_per_month, int) or not 0 <= hours_per_month <= 300:
        errors["hours_per_month"] = "每月可服务小时应在0到300之间"
    skill_rows = list(Skill.objects.filter(code__in=skills))
    if len(skill_rows) != len(set(skills)):
        errors["skills"] = "包含未知的技能"
    regions = list(Region.objects.filter(code__in=service_regions))
    if not service_regions:
        errors["service_regions"] = "请至少选择一个服务地区"
    elif len(regions) != len(set(service_regions)):
        errors["service_regions"] = "包含未知的行政区划代码"
    if errors:
        raise ValidationError(errors)
    volunteer = Volunteer.objects.select_for_update().filter(user=user).first()
    if volunteer is None:
        volunteer = Volunteer(user=user, ref=f"vol-{uuid.uuid4().hex[:12]}")
    volunteer.display_name = display_name
    volunteer.hours_per_month = hours_per_month
    volunteer.save()
    volunteer.skills.set(skill_rows)
    volunteer.service_regions.set(regions)
    VolunteerAvailability.objects.update_or_create(
        volunteer=volunteer,
        defaults={
            "weekdays": bool(weekdays),
            "weekends": bool(weekends),
            "evenings": bool(evenings),
            "available_from": available_from,
            "available_until": available_until,
        },
    )
    return volunteer


def availability_for(volunteer: Volunteer) -> VolunteerAvailability | None:
    return VolunteerAvailability.objects.filter(volunteer=volunteer).first()


def volunteer_require(user) -> Volunteer:
    volunteer = volunteer_for_user(user)
    if volunteer is None:
        raise PermissionDenied("请先填写志愿者资料")
    return volunteer
