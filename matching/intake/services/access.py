"""Who may record reports and who may see them.

Recording: staff whose scope covers the county, or a hotline operator (the 12349 line serves many
counties and only records; it never reads reports back). Reading a report, its contact details and
its referrals: staff whose scope covers the report's county — nobody else.
"""
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction

from matching.models import Region
from matching.services.staff import staff_covers_region, staff_scopes_for_user

HOTLINE_GROUP = "12349热线接线员"
RECORD_PERMISSION = "intake.record_report"


def is_hotline_operator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(RECORD_PERMISSION))


def is_intake_user(user) -> bool:
    """May open the intake pages at all (staff of some region, or a hotline operator)."""
    return bool(user and user.is_authenticated and (user.is_superuser or staff_scopes_for_user(user)
                                                    or is_hotline_operator(user)))


def intake_check_can_record(*, user, county: Region) -> None:
    if user is None:  # system import
        return
    if not (staff_covers_region(user, county) or is_hotline_operator(user)):
        raise PermissionDenied(f"您没有为{county.name}登记受理报告的权限")


def intake_can_view(*, user, county: Region) -> bool:
    return bool(user and user.is_authenticated and staff_covers_region(user, county))


def intake_check_can_handle(*, user, county: Region) -> None:
    if not intake_can_view(user=user, county=county):
        raise PermissionDenied(f"只有{county.name}的民政工作人员可以处理该报告")


@transaction.atomic
def hotline_operator_group_ensure() -> Group:
    group, _ = Group.objects.get_or_create(name=HOTLINE_GROUP)
    app_label, codename = RECORD_PERMISSION.split(".")
    group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def hotline_operator_add(*, user) -> None:
    user.groups.add(hotline_operator_group_ensure())
