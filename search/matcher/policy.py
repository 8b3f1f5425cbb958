"""The matcher's scoring policy: re-rank the candidates a search backend retrieved.

The backend applies the hard filters and retrieves a few hundred candidates by a text query; this
module scores every candidate with all the signals (``DEFAULT_WEIGHTS``) and explains the score
with short Chinese reasons. Pure functions over flat documents: no ORM, no search engine.

The score of a need ↔ project pair is

    relevance = kinds·w_kind + text·w_text + category·w_category + text_category·w_text_category
                + backend text score·w_backend
    score     = relevance
                + capacity·w_capacity·gate          (only matters for the same kind of help)
                + skills·w_skills·gate
                + nearness·w_nearness
                + tilt·w_tilt·gate                  (project → need only)

where ``gate`` ∈ [0, 1] grows with how closely the kinds of help match, because budget, slots
and the policy tilt make a project a better match only for a need it is actually about.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .features import features_of
from .hard_rules import (
    project_eligible_for_need,
    region_ancestors,
    volunteer_eligible_for_need,
)
from .lexicon import KIND_LABEL
from .taxonomy import category_label, skill_label
from .text import cosine

NEED_TO_PROJECT = "need_to_project"
PROJECT_TO_NEED = "project_to_need"
NEED_TO_VOLUNTEER = "need_to_volunteer"
DIRECTIONS = (NEED_TO_PROJECT, PROJECT_TO_NEED, NEED_TO_VOLUNTEER)

DEFAULT_WEIGHTS: dict[str, float] = {
    # what is asked vs what is offered
    "kind": 3.0,            # cosine of the kinds-of-help vectors (domain lexicon)
    "text": 2.0,            # cosine of the weighted TF-IDF term vectors
    "backend": 0.3,         # the backend's text score, normalised to the best candidate
    "category": 0.8,        # the labels share a category (labels are noisy: kept moderate)
    "text_category": 1.0,   # categories read from the texts agree
    # can the candidate carry the request
    "capacity": 1.2,        # budget vs amount, slots vs volunteers
    "skills": 0.6,          # share of the needed skills offered
    # where
    "nearness": 0.15,       # same county 1, prefecture .75, province .5, nationwide .25
    # policy tilt, project → need (资源向深度贫困地区倾斜, 急难优先)
    "tilt": 1.5,            # deep_poverty / designated_county / urgent / critical
    "waiting": 0.2,         # published long ago and nobody has responded yet
    # need → volunteer
    "volunteer_skills": 3.0,
    "volunteer_hours": 0.3,
}

WAITING_DAYS = 60
TEXT_RELEVANT = 0.5  # kinds cosine above which "文本高度相关" is given


@dataclass(frozen=True)
class MatchResult:
    kind: str
    ref: str
    score: float
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "ref": self.ref, "score": self.score, "reasons": list(self.reasons)}


def nearness(service_regions, county_code: str) -> tuple[float, str]:
    """How close a service area is to a county, with its reason."""
    regions = set(service_regions or ())
    county, prefecture, province, nation = region_ancestors(county_code)
    if county in regions:
        return 1.0, "同县服务"
    if prefecture in regions:
        return 0.75, "同市服务"
    if province in regions:
        return 0.5, "同省服务"
    if nation in regions:
        return 0.25, "全国服务"
    return 0.0, ""


def capacity_fit(project: dict, need: dict) -> tuple[float, list[str]]:
    """Can the project carry the need's request: budget and volunteer slots, in [0, 1]."""
    reasons = []
    amount = int(need.get("amount_requested") or 0)
    budget = int(project.get("budget_available") or 0)
    if amount <= 0:
        money = 1.0
    elif budget >= amount:
        money = 1.0
        reasons.append("资金充足")
    elif budget >= 0.3 * amount:
        money = 0.3 + 0.4 * budget / amount
        reasons.append("资金部分满足")
    else:
        money = 0.3 * budget / amount
    needed = int(need.get("volunteers_needed") or 0)
    slots = int(project.get("volunteer_slots") or 0)
    if needed <= 0:
        people = 1.0
    elif slots >= needed:
        people = 1.0
        reasons.append("志愿者名额充足")
    elif slots > 0:
        people = 0.3 + 0.4 * slots / needed
    else:
        people = 0.0
    if needed > 0 and amount > 0:
        fit = 0.6 * money + 0.4 * people
    elif needed > 0:
        fit = 0.3 * money + 0.7 * people
    else:
        fit = money
    return fit, reasons


def skill_fit(offered, needed) -> tuple[float, list[str]]:
    needed = list(dict.fromkeys(needed or ()))
    if not needed:
        return 1.0, []
    common = [s for s in needed if s in set(offered or ())]
    return len(common) / len(needed), [f"技能: {skill_label(s)}" for s in common]


def tilt(need: dict, today: dt.date) -> tuple[float, float, list[str]]:
    """Policy tilt of a need: (tilt ∈ {0, 1}, waiting ∈ [0, 1], reasons)."""
    tags = set(need.get("region_tags") or ())
    reasons = []
    if "deep_poverty" in tags:
        reasons.append("深度贫困地区优先")
    if "designated_county" in tags:
        reasons.append("定点扶贫县优先")
    if need.get("urgency") in ("urgent", "critical"):
        reasons.append("紧急需求优先")
    waiting = 0.0
    published = need.get("published_on")
    if published and not need.get("first_response_on"):
        days = (today - published).days
        if days >= WAITING_DAYS:
            waiting = min(1.0, days / 365)
            reasons.append("等待已久")
    return (1.0 if reasons and reasons[0] != "等待已久" else 0.0), waiting, reasons


def _best_shared_kind(a: dict, b: dict) -> str | None:
    best, best_w = None, 0.0
    for k, v in a.items():
        w = v * b.get(k, 0.0)
        if w > best_w:
            best, best_w = k, w
    return best


def _score_pair(need: dict, need_f: dict, project: dict, project_f: dict, backend: float,
                w: dict, today: dt.date, with_tilt: bool) -> tuple[float, list[str]]:
    kinds = cosine(need_f["kinds"], project_f["kinds"])
    text_sim = cosine(need_f["terms"], project_f["terms"])
    text_cats = cosine(need_f["cats"], project_f["cats"])
    need_cats = need.get("categories") or ()
    common_cats = [c for c in need_cats if c in set(project.get("categories") or ())]
    category = 1.0 if common_cats else 0.0
    relevance = (w["kind"] * kinds + w["text"] * text_sim + w["category"] * category
                 + w["text_category"] * text_cats + w["backend"] * backend)
    gate = min(1.0, max(kinds, 0.0) / 0.6)
    cap, cap_reasons = capacity_fit(project, need)
    skills, skill_reasons = skill_fit(project.get("skills"), need.get("skills"))
    near, near_reason = nearness(project.get("service_regions"), need.get("region") or "")
    score = (relevance + w["capacity"] * cap * gate + w["skills"] * skills * gate
             + w["nearness"] * near)
    reasons = [near_reason] if near_reason else []
    reasons += [f"类别: {category_label(c)}" for c in common_cats]
    if kinds >= TEXT_RELEVANT:
        kind = _best_shared_kind(need_f["kinds"], project_f["kinds"])
        if kind:
            reasons.append(f"帮扶内容: {KIND_LABEL[kind]}")
        reasons.append("文本高度相关")
    reasons += skill_reasons + cap_reasons
    if with_tilt:
        tilted, waiting, tilt_reasons = tilt(need, today)
        score += w["tilt"] * tilted * gate + w["waiting"] * waiting * gate
        reasons += tilt_reasons
    return score, reasons


def _backend_scores(candidates) -> list[float]:
    raw = [float(c.get("_text_score") or 0.0) for c in candidates]
    top = max(raw, default=0.0)
    return [r / top if top > 0 else 0.0 for r in raw]


def rank(source: dict, candidates: list[dict], *, direction: str, weights: dict | None = None,
         today: dt.date, limit: int = 10) -> list[MatchResult]:
    """Rank ``candidates`` for ``source``, best first, at most ``limit`` results.

    ``direction``: ``need_to_project`` (source a need, candidates projects), ``project_to_need``
    (source a project, candidates needs) or ``need_to_volunteer``. Candidates breaking a hard rule
    are dropped here too, so a backend filter bug can never show as a match. ``weights`` override
    ``DEFAULT_WEIGHTS`` key by key. Ties are broken by ref, so the order is deterministic.
    """
    w = DEFAULT_WEIGHTS if not weights else {**DEFAULT_WEIGHTS, **weights}
    scored: list[tuple[float, str, list[str]]] = []
    if direction == NEED_TO_PROJECT:
        need_f = features_of(source, "need")
        for cand, backend in zip(candidates, _backend_scores(candidates)):
            if project_eligible_for_need(cand, source, today, need_must_be_open=False):
                continue
            score, reasons = _score_pair(source, need_f, cand, features_of(cand, "project"),
                                         backend, w, today, with_tilt=False)
            scored.append((score, cand["ref"], reasons))
        kind = "project"
    elif direction == PROJECT_TO_NEED:
        project_f = features_of(source, "project")
        for cand, backend in zip(candidates, _backend_scores(candidates)):
            if project_eligible_for_need(source, cand, today):
                continue
            score, reasons = _score_pair(cand, features_of(cand, "need"), source, project_f,
                                         backend, w, today, with_tilt=True)
            scored.append((score, cand["ref"], reasons))
        kind = "need"
    elif direction == NEED_TO_VOLUNTEER:
        for cand in candidates:
            if volunteer_eligible_for_need(cand, source, today, need_must_be_open=False):
                continue
            skills, skill_reasons = skill_fit(cand.get("skills"), source.get("skills"))
            if not source.get("skills"):
                skills = 0.0
            near, near_reason = nearness(cand.get("service_regions"), source.get("region") or "")
            hours = min(1.0, float(cand.get("hours_per_month") or 0) / 40.0)
            score = (w["volunteer_skills"] * skills + w["nearness"] * near
                     + w["volunteer_hours"] * hours)
            reasons = ([near_reason] if near_reason else []) + skill_reasons
            scored.append((score, cand["ref"], reasons))
        kind = "volunteer"
    else:
        raise ValueError(f"unknown direction {direction!r}; expected one of {DIRECTIONS}")
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [MatchResult(kind, ref, round(score, 3), reasons) for score, ref, reasons in scored[:limit]]
