"""Public search page (/search/): needs, projects and organisations with facets, highlighted
snippets and pagination. Works without JavaScript; bad input or an engine that is down is a
message on the page, never a 500."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from matching.models import NeedPage, Project, Region
from matching.taxonomy import NATIONWIDE, category_label
from search.backends.base import SearchQueryError, SearchUnavailable
from search.services import search_public

PER_PAGE = 20
KINDS = (("need", _("需求")), ("project", _("项目")), ("organisation", _("社会组织")))
PARAMS = ("q", "kind", "region", "category", "urgency", "circle", "status")
FACET_PARAM = {
    "categories": "category",
    "region_path": "region",
    "service_regions": "region",
    "urgency": "urgency",
    "circle": "circle",
    "status": "status",
}
FACET_TITLE = {
    "category": _("类别"),
    "region": _("地区"),
    "urgency": _("紧急程度"),
    "circle": _("救助圈层"),
    "status": _("状态"),
}
MAX_FACET_VALUES = 15


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


def _labels(param: str, kind: str, codes) -> dict[str, str]:
    if param == "category":
        return {c: category_label(c, _lang()) for c in codes}
    if param == "region":
        names = dict(Region.objects.filter(code__in=list(codes)).values_list("code", "name"))
        return {c: names.get(c, gettext("全国") if c == NATIONWIDE else c) for c in codes}
    choices = {
        "urgency": NeedPage.Urgency.choices,
        "circle": NeedPage.Circle.choices,
        "status": NeedPage.Status.choices if kind == "need" else Project.Status.choices,
    }[param]
    return {c: str(label) for c, label in choices}


def _facets(results, kind: str, params: dict) -> list[dict]:
    facets = []
    for field, counts in results.facets.items():
        param = FACET_PARAM.get(field)
        if not param or not counts:
            continue
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_FACET_VALUES]
        labels = _labels(param, kind, [c for c, _ in top])
        values = []
        for code, count in top:
            chosen = params.get(param) == code
            link = {**params, param: "" if chosen else code, "page": ""}
            values.append(
                {
                    "code": code,
                    "label": labels.get(code, code),
                    "count": count,
                    "chosen": chosen,
                    "url": "?" + urlencode({k: v for k, v in link.items() if v}),
                }
            )
        facets.append({"param": param, "title": FACET_TITLE[param], "values": values})
    return facets


def _links(kind: str, hits) -> dict[str, str]:
    refs = [h.ref for h in hits]
    if kind == "need":
        return {p.ref: p.url for p in NeedPage.objects.live().filter(ref__in=refs)}
    name = "cms:project_detail" if kind == "project" else "cms:organisation_detail"
    return {ref: reverse(name, args=[ref]) for ref in refs}


def _rows(kind: str, hits) -> list[dict]:
    links = _links(kind, hits)
    rows = []
    for hit in hits:
        doc = hit.doc
        title = hit.highlights.get("title") or escape(doc.get("title", ""))
        snippet = (
            hit.highlights.get("description")
            or hit.highlights.get("summary")
            or escape((doc.get("summary") or doc.get("description") or "")[:120])
        )
        rows.append(
            {
                "ref": hit.ref,
                "url": links.get(hit.ref, ""),
                "title": mark_safe(title),
                "snippet": mark_safe(snippet),
                "region": doc.get("region_name") or doc.get("organisation_name", ""),
                "categories": [category_label(c, _lang()) for c in doc.get("categories") or ()],
            }
        )
    return rows


def _results_context(params: dict, page_number: int) -> dict:
    """Rows, facets and pages of the search, or the error a person sees (with the HTTP status). The results
    are lazy: the engine is asked when the rows are read, inside the ``try``."""
    try:
        results = search_public(
            kind=params["kind"],
            query=params["q"],
            region=params["region"],
            category=params["category"],
            urgency=params["urgency"],
            circle=params["circle"],
            status=params["status"],
            page=page_number,
            per_page=PER_PAGE,
        )
        found = {
            "rows": _rows(params["kind"], results.hits),
            "total": results.total,
            "facets": _facets(results, params["kind"], params),
            "page": results.page_number,
            "num_pages": results.page().num_pages,
        }
    except SearchQueryError as exc:
        return {"error": str(exc), "status": 400}
    except SearchUnavailable:
        return {"error": gettext("搜索服务暂时不可用，请稍后再试。您仍可浏览需求、项目和社会组织列表。"), "status": 503}
    if results.total == 0 and params["q"]:
        found["notice"] = gettext("没有找到与“%(q)s”相关的%(kind)s，请换个词或减少筛选条件。") % {
            "q": params["q"],
            "kind": dict(KINDS).get(params["kind"], ""),
        }
    return found


def _page_links(params: dict, page: int, num_pages: int) -> dict:
    """Previous and next page, and the same query in each kind."""
    base = {k: v for k, v in params.items() if v}
    links = {}
    if page > 1:
        links["prev_url"] = "?" + urlencode({**base, "page": page - 1})
    if page < num_pages:
        links["next_url"] = "?" + urlencode({**base, "page": page + 1})
    links["kind_urls"] = [
        (
            code,
            label,
            "?" + urlencode({"q": params["q"], "kind": code}) if params["q"] else "?" + urlencode({"kind": code}),
        )
        for code, label in KINDS
    ]
    return links


def search_page(request):
    params = {key: request.GET.get(key, "").strip()[:300] for key in PARAMS}
    params["kind"] = params["kind"] or "need"
    context = {
        "params": params,
        "kinds": KINDS,
        "rows": [],
        "facets": [],
        "error": "",
        "notice": "",
        "total": 0,
        "page": 1,
        "num_pages": 1,
    }
    try:
        page_number = int(request.GET.get("page") or 1)
    except ValueError:
        page_number = 0
    if not params["q"] and not any(params[k] for k in ("region", "category", "urgency", "circle", "status")):
        context["notice"] = gettext("请输入搜索词，例如：敬老院、莲花县、留守儿童。下面列出全部结果。")
    context.update(_results_context(params, page_number))
    status = context.pop("status", 200)
    context.update(_page_links(params, context["page"], context["num_pages"]))
    return render(request, "cms/search.html", context, status=status)
