"""The context of the domain's public pages: a region page lists its needs, a need page shows its money, its
spending with evidence, its response log and, for those allowed, who else committed what."""

from matching.funding.selectors import need_funding
from matching.outcomes.selectors.spending import spends_public, spends_summary
from matching.page_context import page_context_register
from matching.permissions.overlap import can_view_need_commitments
from matching.selectors.commitments import need_commitments
from matching.selectors.needs import needs_public_for_region


def region_page_context(page, request) -> dict:
    return {
        "needs": needs_public_for_region(region=page.region)[:50],
        "children_regions": page.get_children().live().specific().order_by("title"),
    }


def need_page_context(page, request) -> dict:
    spends = spends_public(need=page)
    return {
        "log": page.response_log.order_by("created_at", "id"),
        "figures": need_funding(need=page),
        "spends": spends,
        "spends_summary": spends_summary(spends),
        # Who has committed what: for the need's staff and organisation members (None for everyone else).
        "commitments": need_commitments(need=page) if can_view_need_commitments(request.user, page) else None,
    }


def page_contexts_register() -> None:
    page_context_register("RegionPage", region_page_context)
    page_context_register("NeedPage", need_page_context)
