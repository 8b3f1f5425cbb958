"""Public list and detail views. Thin: parse the query, call a selector, render."""

from functools import partial

from django.shortcuts import render

from cms.pagination import CountedPaginator, Keyset, list_page
from matching.funding.selectors import project_funding
from matching.models import Category, NeedPage
from matching.permissions import can_change_project
from matching.selectors.catalogue import (
    catalogue_count,
    organisation_public_get,
    organisations_public,
    project_public_get,
    projects_public,
)
from matching.selectors.needs import (
    NEED_CURSOR_FIELDS,
    need_cursor,
    needs_after,
    needs_before,
    needs_filtered,
    needs_public_count,
)

PAGE_SIZE = 20


NEEDS_KEYSET = Keyset(after=needs_after, before=needs_before, cursor=need_cursor, fields=NEED_CURSOR_FIELDS)


def need_list(request):
    filters = {
        key: request.GET.get(key, "").strip()[:20] for key in ("region", "category", "urgency", "circle", "status")
    }
    needs = needs_filtered(**filters)
    query = request.GET.copy()
    for name in ("page", "after", "before"):
        query.pop(name, None)
    try:
        page = list_page(
            request.GET,
            needs,
            per_page=PAGE_SIZE,
            count=lambda: needs_public_count(queryset=needs, **filters),
            keyset=NEEDS_KEYSET,
        )
    except ValueError:
        return render(request, "cms/need_list_bad_page.html", {"querystring": query.urlencode()}, status=400)
    return render(
        request,
        "cms/need_list.html",
        {
            "page": page,
            "filters": filters,
            "querystring": query.urlencode(),
            "categories": Category.objects.all(),
            "urgencies": NeedPage.Urgency.choices,
            "circles": NeedPage.Circle.choices,
            "statuses": [c for c in NeedPage.Status.choices if c[0] != "draft"],
        },
    )


def _catalogue_page(request, queryset, *, kind: str, filters: dict[str, str]):
    count = partial(catalogue_count, queryset, kind=kind, filters=filters)
    return CountedPaginator(queryset, PAGE_SIZE, count=count).get_page(request.GET.get("page"))


def organisation_list(request):
    page = _catalogue_page(request, organisations_public(), kind="organisations", filters={})
    return render(request, "cms/organisation_list.html", {"page": page})


def organisation_detail(request, ref):
    organisation = organisation_public_get(ref=ref)
    return render(
        request,
        "cms/organisation_detail.html",
        {
            "organisation": organisation,
            "projects": projects_public(organisation=organisation),
        },
    )


def project_list(request):
    category = request.GET.get("category", "").strip()[:40]
    return render(
        request,
        "cms/project_list.html",
        {
            "page": _catalogue_page(
                request, projects_public(category=category), kind="projects", filters={"category": category}
            ),
            "categories": Category.objects.all(),
            "category": category,
        },
    )


def project_detail(request, ref):
    project = project_public_get(ref=ref)
    return render(
        request,
        "cms/project_detail.html",
        {
            "project": project,
            "figures": project_funding(project=project),
            "may_manage": can_change_project(request.user, project),
        },
    )
