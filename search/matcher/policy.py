"""The matcher's scoring policy: re-rank the candidates a search backend retrieved.

The backend applies the hard filters and retrieves a few hundred candidates by a text query; this
module scores every candidate with all the signals (``DEFAULT_WEIGHTS``) and explains the score
with short Chinese reasons. Pure functions over flat documents: no ORM, no search engine.

The score of a need ↔ project pair is

    relevance = kind·kinds + text·terms + category·labels_share_one
                + text_category·cats + category_blend·catv + backend·text_score/best
    score     = relevance
                + (capacity·fit + skills·share) · kind_gate     (what the project is about)
                + nearness·near
                + (tilt·tilted + waiting·waited) · category_gate (project → need only)

``kind_gate`` grows with how closely the kinds of help match (budget and slots make a project a
better match only for a need it is actually about); ``category_gate`` with how well the blended
categories match (the tilt lifts a need by one grade when the pair is relevant at all, general
projects included). See ``docs/matcher.md`` for the signals, the weights and the measurements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .features import FEATURES_KEY, FEATURES_VERSION, features_of
from .hard_rules import (
    REGION_NOT_COVERED,
    project_eligible_for_need,
    project_is_eligible,
    region_ancestors,
    volunteer_eligible_for_need,
)
from .lexicon import KIND_LABEL
from .taxonomy import category_label, skill_label

NEED_TO_PROJECT = "need_to_project"
PROJECT_TO_NEED = "project_to_need"
NEED_TO_VOLUNTEER = "need_to_volunteer"
DIRECTIONS = (NEED_TO_PROJECT, PROJECT_TO_NEED, NEED_TO_VOLUNTEER)

DEFAULT_WEIGHTS: dict[str, float] = {
    # what is asked vs what is offered
    "kind": 1.5,  # cosine of the kinds-of-help vectors (domain lexicon)
    "text": 2.0,  # cosine of the weighted TF-IDF term vectors
    "backend": 0.3,  # the backend's text score, normalised to the best candidate
    "category": 0.8,  # the labels share a category (labels are noisy: kept moderate)
    "text_category": 1.0,  # categories read from the texts agree
    "category_blend": 1.0,  # categories of text and labels blended (see features.catv) agree
    # can the candidate carry the request
    "capacity": 1.2,  # budget vs amount, slots vs volunteers
    "skills": 0.6,  # share of the needed skills offered
    # where
    "nearness": 0.15,  # same county 1, prefecture .75, province .5, nationwide .25
    # policy tilt, project → need (资源向深度贫困地区倾斜, 急难优先)
    "tilt": 1.5,  # deep_poverty / designated_county / urgent / critical
    "waiting": 0.2,  # published long ago and nobody has responded yet
    # need → volunteer
    "volunteer_skills": 3.0,
    "volunteer_hours": 0.3,
}

WAITING_DAYS = 60
SLOT_LABELS = {"weekdays": "工作日白天", "weekends": "周末", "evenings": "晚间"}  # a volunteer's availability
TEXT_RELEVANT = 0.5  # kinds cosine above which "文本高度相关" is given
SHARED_TERMS_SHOWN = 3  # words both texts use, quoted in a reason


@dataclass(frozen=True)
class RankedCandidate:
    kind: str
    ref: str
    score: float
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "ref": self.ref, "score": self.score, "reasons": list(self.reasons)}


_NEARNESS = ((1.0, "同县服务"), (0.75, "同市服务"), (0.5, "同省服务"), (0.25, "全国服务"))


def nearness(service_regions, county_code: str, ancestors: tuple | None = None) -> tuple[float, str]:
    """How close a service area is to a county (same county 1, prefecture .75, province .5,
    nationwide .25, not covered 0), with its reason."""
    regions = service_regions or ()
    for code, value in zip(ancestors or region_ancestors(county_code), _NEARNESS, strict=False):
        if code in regions:
            return value
    return 0.0, ""


def _capacity(amount: int, needed: int, budget: int, slots: int) -> tuple[float, str, str]:
    """Capacity fit in [0, 1] and the state of money and people ("full", "partial", "none",
    or "" when nothing is asked)."""
    if amount <= 0:
        money, money_state = 1.0, ""
    elif budget >= amount:
        money, money_state = 1.0, "full"
    elif budget >= 0.3 * amount:
        money, money_state = 0.3 + 0.4 * budget / amount, "partial"
    else:
        money, money_state = 0.3 * budget / amount, "none"
    if needed <= 0:
        people, people_state = 1.0, ""
    elif slots >= needed:
        people, people_state = 1.0, "full"
    elif slots > 0:
        people, people_state = 0.3 + 0.4 * slots / needed, "partial"
    else:
        people, people_state = 0.0, "none"
    if needed > 0 and amount > 0:
        fit = 0.6 * money + 0.4 * people
    elif needed > 0:
        fit = 0.3 * money + 0.7 * people
    else:
        fit = money
    return fit, money_state, people_state


def _stated(doc: dict, feats: dict | None, field: str, qty_key: str) -> int:
    """A structured amount, or where the document lacks the field, what its text states
    (features ``qty``: 还差八万来块钱、志愿者2名)."""
    value = doc.get(field)
    if value is None and feats:
        value = (feats.get("qty") or {}).get(qty_key)
    return int(value or 0)


def _capacity_inputs(need: dict, need_f: dict | None, project: dict, project_f: dict | None):
    return (
        _stated(need, need_f, "amount_requested", "money"),
        _stated(need, need_f, "volunteers_needed", "volunteers"),
        _stated(project, project_f, "budget_available", "money"),
        _stated(project, project_f, "volunteer_slots", "volunteers"),
    )


def capacity_fit(
    project: dict, need: dict, project_f: dict | None = None, need_f: dict | None = None
) -> tuple[float, list[str]]:
    """Can the project carry the need's request (budget vs amount, slots vs volunteers), in [0, 1],
    with reasons. Amounts missing from a document are read from its text (features ``qty``)."""
    fit, money_state, people_state = _capacity(*_capacity_inputs(need, need_f, project, project_f))
    reasons = []
    if money_state == "full":
        reasons.append("资金充足")
    elif money_state == "partial":
        reasons.append("资金部分满足")
    if people_state == "full":
        reasons.append("志愿者名额充足")
    return fit, reasons


def skill_fit(offered, needed) -> tuple[float, list[str]]:
    """Share of the needed skills that are offered (1 when none are needed), with reasons."""
    if not needed:
        return 1.0, []
    needed = list(dict.fromkeys(needed))
    offered = set(offered or ())
    common = [s for s in needed if s in offered]
    return len(common) / len(needed), [f"技能: {skill_label(s)}" for s in common]


def tilt(need: dict, today: dt.date) -> tuple[float, float, list[str]]:
    """Policy tilt of a need: (tilt ∈ {0, 1}, waiting ∈ [0, 1], reasons). Tilt: the county is
    deep_poverty (三区三州) or designated_county (定点扶贫县), or the need is urgent/critical;
    waiting: published ``WAITING_DAYS`` or more ago and nobody has responded."""
    tags = need.get("region_tags") or ()
    reasons = []
    if "deep_poverty" in tags:
        reasons.append("深度贫困地区优先")
    if "designated_county" in tags:
        reasons.append("定点扶贫县优先")
    if need.get("urgency") in ("urgent", "critical"):
        reasons.append("紧急需求优先")
    tilted = 1.0 if reasons else 0.0
    waiting = 0.0
    published = need.get("published_on")
    if published and not need.get("first_response_on"):
        days = (today - published).days
        if days >= WAITING_DAYS:
            waiting = min(1.0, days / 365)
            reasons.append("等待已久")
    return tilted, waiting, reasons


def _tilt_values(need: dict, today: dt.date) -> tuple[float, float]:
    """``tilt()`` without the reasons, for the hot path."""
    tags = need.get("region_tags") or ()
    tilted = (
        1.0
        if ("deep_poverty" in tags or "designated_county" in tags or need.get("urgency") in ("urgent", "critical"))
        else 0.0
    )
    published = need.get("published_on")
    if published and not need.get("first_response_on"):
        days = (today - published).days
        if days >= WAITING_DAYS:
            return tilted, min(1.0, days / 365)
    return tilted, 0.0


def _best_shared_kind(a: dict, b: dict) -> str | None:
    shared = a.keys() & b.keys()
    return max(shared, key=lambda k: (a[k] * b[k], k)) if shared else None


def _dot(a: dict, b: dict) -> float:
    """Dot product of two L2-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum([v * get(k, 0.0) for k, v in a.items()])


def _make_pair_scorer(w: dict, today: dt.date, with_tilt: bool):
    """The score of a need ↔ project pair as a closure over the weights (the hot path of
    re-ranking: a few microseconds per candidate)."""
    w_kind, w_text, w_category = w["kind"], w["text"], w["category"]
    w_text_category, w_category_blend, w_backend = w["text_category"], w["category_blend"], w["backend"]
    w_capacity, w_skills, w_nearness = w["capacity"], w["skills"], w["nearness"]
    w_tilt, w_waiting = w["tilt"], w["waiting"]

    def score_pair(need, need_f, project, project_f, backend, ancestors):
        kinds = _dot(need_f["kinds"], project_f["kinds"])
        a, b = need_f["terms"], project_f["terms"]
        text_sim = sum([a[k] * b[k] for k in a.keys() & b.keys()])
        text_cats = _dot(need_f["cats"], project_f["cats"])
        same_category = _dot(need_f["catv"], project_f["catv"])
        need_cats = need.get("categories") or ()
        project_cats = project.get("categories") or ()
        category = 1.0 if any(c in project_cats for c in need_cats) else 0.0
        # Capacity and skills make a project better only for what it is actually about.
        gate = kinds / 0.6 if kinds < 0.6 else 1.0
        cap = _capacity(*_capacity_inputs(need, need_f, project, project_f))[0]
        needed_skills = need.get("skills")
        if needed_skills:
            offered = project.get("skills") or ()
            skills = sum([1 for s in needed_skills if s in offered]) / len(needed_skills)
        else:
            skills = 1.0
        regions = project.get("service_regions") or ()
        near = 0.0
        for code, value in zip(ancestors, (1.0, 0.75, 0.5, 0.25), strict=False):
            if code in regions:
                near = value
                break
        score = (
            w_kind * kinds
            + w_text * text_sim
            + w_category * category
            + w_text_category * text_cats
            + w_category_blend * same_category
            + w_backend * backend
            + (w_capacity * cap + w_skills * skills) * gate
            + w_nearness * near
        )
        if with_tilt:
            tilted, waiting = _tilt_values(need, today)
            # The tilt lifts a need by one grade when the pair is relevant at all, i.e. the need
            # is in a category the project serves (general projects included).
            category_gate = same_category / 0.6 if same_category < 0.6 else 1.0
            score += (w_tilt * tilted + w_waiting * waiting) * category_gate
        return score, kinds

    return score_pair


def _pair_reasons(
    need: dict, need_f: dict, project: dict, project_f: dict, kinds: float, today: dt.date, with_tilt: bool
) -> list[str]:
    """The reasons shown with a need ↔ project result, in a stable order: where, category, what,
    skills, capacity, tilt."""
    reasons = []
    near_reason = nearness(project.get("service_regions"), need.get("region") or "")[1]
    if near_reason:
        reasons.append(near_reason)
    project_cats = project.get("categories") or ()
    reasons += [f"类别: {category_label(c)}" for c in need.get("categories") or () if c in project_cats]
    if kinds >= TEXT_RELEVANT:
        kind = _best_shared_kind(need_f["kinds"], project_f["kinds"])
        if kind:
            reasons.append(f"帮扶内容: {KIND_LABEL[kind]}{_kind_quotes(kind, need_f, project_f)}")
        reasons.append("文本高度相关")
    shared = _shared_terms(project_f if with_tilt else need_f, need_f, project_f)  # the source side
    if shared:
        reasons.append("共同用语: " + "、".join(f"“{w}”" for w in shared))
    reasons += skill_fit(project.get("skills"), need.get("skills"))[1]
    reasons += capacity_fit(project, need, project_f, need_f)[1]
    if with_tilt:
        reasons += tilt(need, today)[2]
    return reasons


def _kind_quotes(kind: str, need_f: dict, project_f: dict) -> str:
    """（“need's words” ↔ “project's words”）: the cues that revealed ``kind`` on each side, in
    each writer's own wording."""
    need_q = (need_f.get("quotes") or {}).get(kind) or []
    project_q = (project_f.get("quotes") or {}).get(kind) or []
    if not need_q or not project_q:
        return ""
    return f"（需求: “{need_q[0]}” ↔ 项目: “{project_q[0]}”）"


def _shared_terms(source_f: dict, need_f: dict, project_f: dict) -> list[str]:
    """The words both texts use that weigh most, in the source's own wording."""
    a, b = need_f.get("terms") or {}, project_f.get("terms") or {}
    shared = sorted(a.keys() & b.keys(), key=lambda t: (-a[t] * b[t], t))[:SHARED_TERMS_SHOWN]
    orig = source_f.get("orig") or {}
    return [orig.get(t, t) for t in shared]


def _backend_scores(candidates) -> list[float]:
    raw = [float(c.get("_text_score") or 0.0) for c in candidates]
    top = max(raw, default=0.0)
    return [r / top if top > 0 else 0.0 for r in raw]


def _features(cand: dict, kind: str) -> dict:
    """The candidate's stored features, recomputed when missing or of an older version."""
    feats = cand.get(FEATURES_KEY)
    if not feats or feats.get("v") != FEATURES_VERSION:
        feats = features_of(cand, kind)
    return feats


class _NeedToProject:
    """A need (the source) against projects: projects must cover the need's county."""

    kind = "project"

    def __init__(self, need: dict, w: dict, today: dt.date):
        self.need, self.need_f, self.today = need, features_of(need, "need"), today
        self.ancestors = region_ancestors(need.get("region") or "")
        self.score_pair = _make_pair_scorer(w, today, with_tilt=False)

    def eligible(self, cand: dict) -> bool:
        return project_is_eligible(cand, self.ancestors, self.today)

    def score(self, cand: dict, backend: float, explain: bool = False):
        project_f = _features(cand, "project")
        value, kinds = self.score_pair(self.need, self.need_f, cand, project_f, backend, self.ancestors)
        if not explain:
            return value, None
        return value, _pair_reasons(self.need, self.need_f, cand, project_f, kinds, self.today, with_tilt=False)


class _ProjectToNeed:
    """A project (the source) against open needs in its service regions, with the policy tilt."""

    kind = "need"

    def __init__(self, project: dict, w: dict, today: dt.date):
        self.project, self.project_f, self.today = project, features_of(project, "project"), today
        # Rules about the project alone (status, window, organisation) hold for every need.
        self.source_ok = not [
            r for r in project_eligible_for_need(project, {"status": "open"}, today) if r != REGION_NOT_COVERED
        ]
        self.service_regions = project.get("service_regions") or ()
        self.score_pair = _make_pair_scorer(w, today, with_tilt=True)

    def eligible(self, cand: dict) -> bool:
        return (
            self.source_ok
            and cand.get("status") == "open"
            and any(c in self.service_regions for c in region_ancestors(cand.get("region") or ""))
        )

    def score(self, cand: dict, backend: float, explain: bool = False):
        need_f = _features(cand, "need")
        value, kinds = self.score_pair(
            cand, need_f, self.project, self.project_f, backend, region_ancestors(cand.get("region") or "")
        )
        if not explain:
            return value, None
        return value, _pair_reasons(cand, need_f, self.project, self.project_f, kinds, self.today, with_tilt=True)


class _NeedToVolunteer:
    """A need (the source) against volunteers: skills, nearness and hours a month."""

    kind = "volunteer"

    def __init__(self, need: dict, w: dict, today: dt.date):
        self.need, self.w, self.today = need, w, today

    def eligible(self, cand: dict) -> bool:
        return not volunteer_eligible_for_need(cand, self.need, self.today, need_must_be_open=False)

    def score(self, cand: dict, backend: float, explain: bool = False):
        need, w = self.need, self.w
        skills, skill_reasons = skill_fit(cand.get("skills"), need.get("skills"))
        if not need.get("skills"):
            skills = 0.0
        near, near_reason = nearness(cand.get("service_regions"), need.get("region") or "")
        hours = min(1.0, float(cand.get("hours_per_month") or 0) / 40.0)
        value = w["volunteer_skills"] * skills + w["nearness"] * near + w["volunteer_hours"] * hours
        slots = [SLOT_LABELS[s] for s in cand.get("availability") or () if s in SLOT_LABELS]
        return value, ([near_reason] if near_reason else []) + skill_reasons + (
            [f"可服务时间: {'、'.join(slots)}"] if slots else []
        )


_SCORERS = {NEED_TO_PROJECT: _NeedToProject, PROJECT_TO_NEED: _ProjectToNeed, NEED_TO_VOLUNTEER: _NeedToVolunteer}


def _merged_weights(weights: dict | None) -> dict:
    if not weights:
        return DEFAULT_WEIGHTS
    unknown = set(weights) - set(DEFAULT_WEIGHTS)
    if unknown:
        # A typo in the MATCHER_WEIGHTS setting must not silently do nothing.
        raise ValueError(f"unknown matcher weights: {sorted(unknown)}")
    return {**DEFAULT_WEIGHTS, **weights}


def _top(scorer, candidates: list[dict], limit: int) -> list[RankedCandidate]:
    """The eligible candidates scored, best first (ties by ref); reasons only for those shown."""
    scored = []
    for i, (cand, backend) in enumerate(zip(candidates, _backend_scores(candidates), strict=True)):
        if scorer.eligible(cand):
            scored.append((scorer.score(cand, backend)[0], cand["ref"], i, backend))
    scored.sort(key=lambda t: (-t[0], t[1]))
    results = []
    for value, ref, i, backend in scored[:limit]:
        _value, reasons = scorer.score(candidates[i], backend, explain=True)
        results.append(RankedCandidate(scorer.kind, ref, round(value, 3), reasons))
    return results


def rank(
    source: dict,
    candidates: list[dict],
    *,
    direction: str,
    weights: dict | None = None,
    today: dt.date,
    limit: int = 10,
) -> list[RankedCandidate]:
    """Rank ``candidates`` for ``source``, best first, at most ``limit`` results.

    ``direction``: ``need_to_project`` (source a need, candidates projects), ``project_to_need``
    (source a project, candidates needs) or ``need_to_volunteer``. Candidates breaking a hard rule
    are dropped here too, so a backend filter bug can never show as a match. ``weights`` override
    ``DEFAULT_WEIGHTS`` key by key (an unknown key is a ``ValueError``). Ties are broken by ref,
    so the order is deterministic.
    """
    w = _merged_weights(weights)
    if direction not in _SCORERS:
        raise ValueError(f"unknown direction {direction!r}; expected one of {DIRECTIONS}")
    return _top(_SCORERS[direction](source, w, today), candidates, limit)
