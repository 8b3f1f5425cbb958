"""Overlap: who reads where help doubles.

The monthly overlap report is for staff (any role) whose scope covers the region asked for; the whole country
only for nationwide staff. Who else has committed to a need (organisation names, their projects and amounts:
public organisation data, never a beneficiary's) is shown to the need's staff and to members of any
organisation, who weigh it before they commit.
"""

from matching.models import Membership, NeedPage
from matching.permissions.base import is_token, signed_in
from matching.permissions.needs import is_need_staff
from matching.permissions.scope import (
    NATIONWIDE,
    is_civil_staff,
    region_in_scope,
    staff_region_codes,
)


def can_view_overlap_report(user, region_code: str | None) -> bool:
    if not region_code or region_code == NATIONWIDE:
        return is_civil_staff(user) and not is_token(user) and staff_region_codes(user) is None
    return not is_token(user) and region_in_scope(user, region_code)


def can_view_need_commitments(user, need: NeedPage) -> bool:
    if is_need_staff(user, need):
        return True
    return signed_in(user) and not is_token(user) and Membership.objects.filter(user=user).exists()
