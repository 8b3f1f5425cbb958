"""One-door intake (一门受理): who records reports and who reads them.

Recording: staff whose scope covers the county, or a hotline operator (the 12349 line serves many counties
and only records; it never reads reports back). Reading and handling a report, its contact details and its
referrals: staff (any role) whose scope covers the report's county — nobody else.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from matching.models import Region
from matching.permissions.base import is_superuser, is_token, signed_in
from matching.permissions.scope import is_civil_staff, region_in_scope, region_scope_q

RECORD_PERMISSION = "intake.record_report"


def is_hotline_operator(user) -> bool:
    return signed_in(user) and not is_token(user) and user.has_perm(RECORD_PERMISSION)


def is_intake_user(user) -> bool:
    """May open the intake pages at all (staff of some region, or a hotline operator)."""
    return is_superuser(user) or is_civil_staff(user) or is_hotline_operator(user)


def can_record_intake(user, county: Region) -> bool:
    return region_in_scope(user, county) or is_hotline_operator(user)


def can_view_intake(user, county: Region) -> bool:
    return region_in_scope(user, county)


def require_record_intake(*, user, county: Region) -> None:
    if user is not None and not can_record_intake(user, county):  # None: a system import
        raise PermissionDenied(f"您没有为{county.name}登记受理报告的权限")


def require_handle_intake(*, user, county: Region) -> None:
    if not can_view_intake(user, county):
        raise PermissionDenied(f"只有{county.name}的民政工作人员可以处理该报告")


def intake_reports_for_staff(user, queryset: QuerySet) -> QuerySet:
    q = region_scope_q(user, "county__code")
    return queryset if q is None else queryset.filter(q)
