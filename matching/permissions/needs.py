"""Needs and matches. "Staff for this need" is one rule in two strengths, both read from the need's county:

- `is_need_staff`: any staff role whose scope covers the county — sees the need's candidates, matches,
  deliveries and money, proposes candidates, records (a clerk's need waits in moderation);
- `is_need_officer`: an officer whose scope covers the county — decides: answers proposals, marks matches
  delivered, records or reverses a delivery, confirms disbursements, releases emergency advances.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from matching.models import DecisionRecord, Match, NeedPage
from matching.permissions.base import is_token, require
from matching.permissions.interests import has_interest, require_no_interest, staff_deciders
from matching.permissions.organisations import is_org_admin, is_org_member
from matching.permissions.projects import is_volunteer_self
from matching.permissions.scope import (
    OFFICER,
    filter_to_scope,
    region_in_scope,
    region_scope_q,
)


def is_need_staff(user, need: NeedPage) -> bool:
    return not is_token(user) and region_in_scope(user, need.county_id)


def is_need_officer(user, need: NeedPage) -> bool:
    return not is_token(user) and region_in_scope(user, need.county_id, roles=(OFFICER,))


def needs_for_staff(user, queryset: QuerySet | None = None, *, roles=None) -> QuerySet[NeedPage]:
    qs = NeedPage.objects.all() if queryset is None else queryset
    return filter_to_scope(qs, region_scope_q(user, "county__code", **({"roles": roles} if roles else {})))


def can_propose_match(user, need: NeedPage, project=None) -> bool:
    """The need's staff propose anything; an organisation's admin proposes its own project (自荐)."""
    return is_need_staff(user, need) or (project is not None and is_org_admin(user, project.organisation))


def is_candidate_side(user, match: Match, *, admin: bool = True) -> bool:
    """The organisation of the proposed project (its admins unless told), or the proposed volunteer."""
    if match.project_id:
        check = is_org_admin if admin else is_org_member
        return check(user, match.project.organisation)
    return is_volunteer_self(user, match.volunteer)


def can_view_match(user, match: Match) -> bool:
    return is_need_staff(user, match.need) or is_candidate_side(user, match, admin=False)


def can_answer_match_as_staff(user, match: Match, *, ignore_interests: bool = False) -> bool:
    """The need's officers answer an organisation's proposal, unless they have an interest in that organisation."""
    return is_need_officer(user, match.need) and (
        ignore_interests or not match.project_id or not has_interest(user, match.project.organisation)
    )


def require_answer_match_as_staff(user, match: Match) -> None:
    require(is_need_officer(user, match.need), _("只有该需求所在地区民政部门的干部可以答复组织的自荐"))
    if match.project_id:
        organisation = match.project.organisation
        require_no_interest(
            user,
            organisation=organisation,
            kind=DecisionRecord.Kind.MATCH_ANSWER,
            decision=_("答复这项匹配"),
            subject=match,
            deciders=lambda: staff_deciders(region=match.need.county, organisation=organisation, refused=user),
        )


def can_deliver_match(user, match: Match) -> bool:
    return is_need_officer(user, match.need) or is_candidate_side(user, match)


def matches_for_staff(user) -> QuerySet[Match]:
    return filter_to_scope(Match.objects.all(), region_scope_q(user, "need__county__code"))
