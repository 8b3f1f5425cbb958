"""An organisation's side of the matcher: the needs its project should take first, and proposing
the project for one of them (自荐). The portal and the organisation API both call these.

A self-proposal records the matcher's score and reasons, computed here rather than taken from the
form or request body, so the score on a match is always the matcher's. It is the score from the
need's side (``rank_for_need``), the same figure the staff's candidate list shows and a staff
proposal records. A search engine that is down never blocks a proposal: it is recorded without a
score.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from matching.models import Match, Membership, NeedPage, Project
from matching.permissions import acting_organisation, actor_user
from matching.selectors.needs import needs_public
from matching.services.matches import match_propose
from search.backends.base import SearchQueryError, SearchUnavailable
from search.services import UnknownRef, candidate_limit, rank_for_need, rank_for_project

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RankedNeed:
    need: NeedPage
    score: float
    reasons: list[str]
    match_status: str | None  # this project's match with the need, if there is one


def project_needs_ranked(*, project: Project, limit: int = 10) -> list[RankedNeed]:
    """The open needs ``project`` should take first, best first, with the project's own match
    status for each. Raises what the matcher raises: ``UnknownRef`` for a project that cannot be
    matched (a draft, or its organisation not verified), ``SearchUnavailable`` when the engine is
    down."""
    results = rank_for_project(project_ref=project.ref, limit=limit)
    needs = {n.ref: n for n in needs_public().filter(ref__in=[r.ref for r in results])}
    taken = dict(Match.objects.filter(project=project, need__ref__in=list(needs)).values_list("need__ref", "status"))
    return [
        RankedNeed(need=needs[r.ref], score=r.score, reasons=list(r.reasons), match_status=taken.get(r.ref))
        for r in results
        if r.ref in needs
    ]


def rank_fit(*, need: NeedPage, project: Project | None = None, volunteer=None) -> tuple[float, list[str]]:
    """The matcher's score and reasons for the project (or volunteer) among the need's candidates;
    ``(0.0, [])`` when it is not among them or the matcher cannot answer now. Every proposal, the
    staff's and an organisation's, records these, never figures sent by a form."""
    kind, candidate = ("project", project) if project is not None else ("volunteer", volunteer)
    try:
        results = rank_for_need(need_ref=need.ref, kind=kind, limit=candidate_limit())
    except SearchUnavailable as exc:
        logger.warning("rank_fit: search unavailable for need %s: %s", need.ref, exc)
        return 0.0, []
    except (UnknownRef, SearchQueryError):
        return 0.0, []  # a need the matcher cannot use is refused by match_propose with its reason
    found = next((r for r in results if r.ref == candidate.ref), None)
    return (found.score, list(found.reasons)) if found else (0.0, [])


def match_propose_own_project(*, user, need: NeedPage, project: Project, note: str = "") -> Match:
    """An organisation proposes its own project for a need (自荐), with the matcher's score.

    The need's staff answer it, never the organisation: ``match_origin`` recognises the proposal
    as the organisation's because the recorded proposer is one of its members. So an API token
    whose creator is gone or has left the organisation cannot propose; a current admin issues a
    new one.
    """
    if acting_organisation(user) is not None:
        creator = actor_user(user)
        if creator is None or not Membership.objects.filter(user=creator, organisation=project.organisation).exists():
            raise PermissionDenied("签发该令牌的管理员已不在本组织，无法以组织名义申请；请由现任管理员重新签发令牌")
    score, reasons = rank_fit(need=need, project=project)
    return match_propose(user=user, need=need, project=project, score=score, reasons=reasons, note=note)
