"""Civil-affairs staff and their region: the one place that says whether a region lies in a staff member's scope.

A staff member belongs to groups tied to a region and a role (`StaffScope`): officer (民政干部: decides, publishes,
vets, moves money) or clerk (录入员: records and proposes, decides nothing). A scope covers its region and every
region under it (province → prefecture → county); a scope without a region is nationwide. Superusers are treated
as nationwide officers. API tokens are never staff.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from matching.models import Region, StaffScope
from matching.models.regions import code_prefix
from matching.permissions.base import is_superuser, is_token, signed_in

OFFICER, CLERK = StaffScope.Role.OFFICER, StaffScope.Role.CLERK
ANY_ROLE = (OFFICER, CLERK)
NATIONWIDE = "000000"


def code_in_scope(code: str, scope_code: str | None) -> bool:
    """Whether the region with this code is the scope's region or lies under it (pure: codes only)."""
    if not scope_code or scope_code == NATIONWIDE:
        return True
    if not code:
        return False
    return scope_code in (code, code[:4] + "00", code[:2] + "0000")


def scope_prefix(scope_code: str | None) -> str:
    """The code prefix shared by a scope's region and everything under it ("" = the whole country)."""
    if not scope_code or scope_code == NATIONWIDE:
        return ""
    return code_prefix(scope_code)


def staff_scopes(user) -> list[StaffScope]:
    if not signed_in(user) or is_token(user):
        return []
    return list(StaffScope.objects.filter(group__user=user).select_related("region"))


def staff_region_codes(user, *, roles=ANY_ROLE) -> list[str] | None:
    """Codes of the user's scopes with one of these roles; None = nationwide (or superuser); [] = none."""
    if is_superuser(user):
        return None
    scopes = [s for s in staff_scopes(user) if s.role in roles]
    if any(s.region_id is None for s in scopes):
        return None
    return [s.region_id for s in scopes]


def is_civil_staff(user, *, roles=ANY_ROLE) -> bool:
    """Staff of some region (any role unless told), or a superuser."""
    return is_superuser(user) or any(s.role in roles for s in staff_scopes(user))


def region_in_scope(user, region: Region | str | None, *, roles=ANY_ROLE) -> bool:
    """THE region rule: the region (or code) lies under one of the user's staff scopes with one of these roles."""
    if not is_civil_staff(user, roles=roles):
        return False
    codes = staff_region_codes(user, roles=roles)
    if codes is None:
        return True
    code = region.code if isinstance(region, Region) else region
    return bool(code) and any(code_in_scope(code, scope) for scope in codes)


def region_scope_q(user, field: str, *, roles=ANY_ROLE) -> Q | None:
    """A filter keeping rows whose region code (`field`) lies in the user's scope; None = no limit."""
    if not is_civil_staff(user, roles=roles):
        return Q(pk__in=[])
    codes = staff_region_codes(user, roles=roles)
    if codes is None:
        return None
    q = Q(pk__in=[])
    for prefix in {scope_prefix(code) for code in codes}:
        q |= Q(**{f"{field}__startswith": prefix})
    return q


def region_serves_scope_q(user, field: str, *, roles=ANY_ROLE) -> Q | None:
    """Rows serving somewhere in the user's scope: a service region under it, or one that covers it
    (the scope's province, or nationwide). None = no limit."""
    inside = region_scope_q(user, field, roles=roles)
    if inside is None:
        return None
    codes = staff_region_codes(user, roles=roles) or []
    covering = {c for r in Region.objects.filter(code__in=codes) for c in r.covering_codes}
    return inside | Q(**{f"{field}__in": covering}) if covering else inside


def staff_users_for_region(region: Region, *, roles=ANY_ROLE):
    """The reverse of region_in_scope: active users in a staff group whose scope covers the region (the
    region, an ancestor, or nationwide) — who is told about the region's needs."""
    covering = Q(groups__staff_scope__region_id__in=region.covering_codes) | Q(groups__staff_scope__region__isnull=True)
    return get_user_model().objects.filter(covering, groups__staff_scope__role__in=roles, is_active=True).distinct()


def filter_to_scope(queryset, q: Q | None):
    """Apply a scope filter (None = everything) and drop the duplicates a many-to-many join makes."""
    return queryset if q is None else queryset.filter(q).distinct()
