"""Reads of the search layer: ranking in both directions (candidates for a need, needs for a project) and public search.

The backend retrieves candidates under the hard filters with a weighted text query; the matcher
policy (search.matcher.rank) re-ranks them and explains each result. The same functions serve
the ``match`` command, the web pages and the API.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext

from search.backends.base import CandidateQuery, SearchQueryError, SearchResults, get_search_backend
from search.documents import BUILDERS, indexable_queryset, today_reference
from search.matcher import DEFAULT_WEIGHTS, FEATURES_KEY, RankedCandidate, rank
from search.matcher.features import features_of
from search.matcher.hard_rules import region_ancestors

DEFAULT_CANDIDATES = 100  # top-N by text score re-ranked by the policy (settings.MATCHER_CANDIDATES)
NEED_KINDS = ("project", "volunteer")
KIND_LABELS = {"need": "需求", "project": "项目", "volunteer": "志愿者", "organisation": "社会组织"}


class UnknownRef(LookupError):
    """A ref that names nothing matchable. The message is for people."""

    def __init__(self, kind: str, ref: str, why: str = "不存在"):
        super().__init__(f"{KIND_LABELS.get(kind, kind)}“{ref}”{why}")
        self.kind, self.ref = kind, ref


def matcher_weights() -> dict:
    return {**DEFAULT_WEIGHTS, **(getattr(settings, "MATCHER_WEIGHTS", None) or {})}


def candidate_limit() -> int:
    return int(getattr(settings, "MATCHER_CANDIDATES", DEFAULT_CANDIDATES))


def source_document(kind: str, ref: str, *, backend=None) -> dict:
    """The indexed document of ``ref`` (features stored), else built from the database, else
    ``UnknownRef``."""
    ref = (ref or "").strip()
    if not ref:
        raise UnknownRef(kind, ref, "编号为空")
    backend = backend or get_search_backend()
    doc = backend.get(kind, ref)
    if doc is not None:
        return doc
    obj = indexable_queryset(kind).filter(ref=ref).first()
    if obj is None:
        raise UnknownRef(kind, ref, _why_missing(kind, ref))
    return BUILDERS[kind](obj)


def _why_missing(kind: str, ref: str) -> str:
    from matching.models import NeedPage, Project

    if kind == "need" and NeedPage.objects.filter(ref=ref).exists():
        return "尚未发布或为草稿，不能匹配"
    if kind == "project" and Project.objects.filter(ref=ref).exists():
        return "为草稿或所属组织未通过认证，不能匹配"
    return "不存在"


def _category_boosts(doc: dict, kind: str) -> dict[str, float]:
    boosts = dict.fromkeys(doc.get("categories") or (), 0.5)
    for cat, weight in (features_of(doc, kind).get("catv") or {}).items():
        boosts[cat] = boosts.get(cat, 0.0) + float(weight)
    return boosts


def rank_for_need(
    *, need_ref: str, kind: str = "project", limit: int = 10, today: dt.date | None = None, backend=None
) -> list[RankedCandidate]:
    """Projects (or volunteers) for a need, best first, never one that breaks a hard rule."""
    if kind not in NEED_KINDS:
        raise SearchQueryError(f"未知的匹配对象：{kind}（可选：project、volunteer）")
    backend = backend or get_search_backend()
    today = today or today_reference()
    need = source_document("need", need_ref, backend=backend)
    covering = list(region_ancestors(need.get("region") or "")) if need.get("region") else []
    if kind == "project":
        query = CandidateQuery(
            filters={
                "status": "active",
                "organisation_status": "verified",
                "ends_on": {"gte": today},
                "service_regions": covering,
            },
            terms=features_of(need, "need").get("terms") or {},
            category_boosts=_category_boosts(need, "need"),
            limit=candidate_limit(),
        )
        direction = "need_to_project"
    else:
        query = CandidateQuery(
            filters={"status": "active", "service_regions": covering}, limit=max(candidate_limit(), 500)
        )
        direction = "need_to_volunteer"
    candidates = backend.retrieve_candidates(kind, query)
    return rank(need, candidates, direction=direction, weights=matcher_weights(), today=today, limit=limit)


def rank_for_project(
    *, project_ref: str, limit: int = 10, today: dt.date | None = None, backend=None
) -> list[RankedCandidate]:
    """Open needs a project should take first, best first."""
    backend = backend or get_search_backend()
    today = today or today_reference()
    project = source_document("project", project_ref, backend=backend)
    query = CandidateQuery(
        filters={"status": "open", "region_path": list(project.get("service_regions") or [])},
        terms=features_of(project, "project").get("terms") or {},
        category_boosts=_category_boosts(project, "project"),
        limit=candidate_limit(),
    )
    candidates = backend.retrieve_candidates("need", query)
    return rank(project, candidates, direction="project_to_need", weights=matcher_weights(), today=today, limit=limit)


def rankings_as_records(results_by_ref: dict[str, list[RankedCandidate]]) -> dict[str, list[dict]]:
    """The records.md matching output: ``{"<ref>": [{"kind", "ref", "score", "reasons"}, …]}``."""
    return {ref: [r.as_dict() for r in results] for ref, results in results_by_ref.items()}


PUBLIC_KINDS = ("need", "project", "organisation")
PUBLIC_FACETS = {
    "need": ("categories", "region_path", "urgency", "circle", "status"),
    "project": ("categories", "service_regions", "status"),
    "organisation": ("categories", "service_regions"),
}
PUBLIC_PROJECT_STATUSES = ["active", "paused", "completed"]


def _public_statuses(kind: str) -> tuple[str, ...]:
    from matching.models import NeedPage

    if kind == "need":
        return tuple(v for v in NeedPage.Status.values if v != NeedPage.Status.DRAFT)
    if kind == "project":
        return tuple(PUBLIC_PROJECT_STATUSES)
    return ()


def search_public(
    *,
    kind: str = "need",
    query: str = "",
    region: str = "",
    category: str = "",
    urgency: str = "",
    circle: str = "",
    status: str = "",
    page: int = 1,
    per_page: int = 20,
    backend=None,
) -> SearchResults:
    """Public search over needs, projects and organisations with facets and highlights.
    Bad input (unknown kind, region, category or value) raises ``SearchQueryError``."""
    from matching.models import NeedPage, Region
    from matching.taxonomy import CATEGORIES

    if kind not in PUBLIC_KINDS:
        raise SearchQueryError(gettext("不支持搜索此类内容：%(kind)s") % {"kind": kind})
    query = (query or "").strip()
    if len(query) > 200:
        raise SearchQueryError(gettext("搜索词过长（最多 200 个字）"))
    filters: dict = {}
    if region:
        if not (region.isdigit() and len(region) == 6) or (
            region != "000000" and not Region.objects.filter(code=region).exists()
        ):
            raise SearchQueryError(gettext("行政区划代码不存在：%(code)s") % {"code": region})
        if kind == "need":
            filters["region_path"] = region
        else:
            filters["service_regions"] = list(region_ancestors(region)) if region != "000000" else ["000000"]
    if category:
        if category not in CATEGORIES:
            raise SearchQueryError(gettext("未知的类别：%(code)s") % {"code": category})
        filters["categories"] = category
    for name, value, allowed in (
        ("urgency", urgency, NeedPage.Urgency.values),
        ("circle", circle, NeedPage.Circle.values),
    ):
        if value:
            if kind != "need" or value not in allowed:
                raise SearchQueryError(gettext("筛选条件无效：%(name)s=%(value)s") % {"name": name, "value": value})
            filters[name] = value
    if status:
        if status not in _public_statuses(kind):
            raise SearchQueryError(gettext("筛选条件无效：%(name)s=%(value)s") % {"name": "status", "value": status})
        filters["status"] = status
    elif kind == "project":
        filters["status"] = PUBLIC_PROJECT_STATUSES
    try:
        page, per_page = int(page), int(per_page)
    except (TypeError, ValueError):
        raise SearchQueryError(gettext("页码无效")) from None
    if page < 1 or page > 1000:
        raise SearchQueryError(gettext("页码无效"))
    backend = backend or get_search_backend()
    return backend.search(kind, query, filters=filters, facets=PUBLIC_FACETS[kind], page=page, per_page=per_page)


__all__ = ["FEATURES_KEY", "UnknownRef", "rank_for_need", "rank_for_project", "rankings_as_records", "search_public"]
