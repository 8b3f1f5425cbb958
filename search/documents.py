"""Flat search documents built from domain objects (the shapes of docs/matcher.md).

Only public fields: a need carries counts and amounts, never anything from ``BeneficiaryRecord``
or any person's data. Each document also carries the matcher's features
(``search.matcher.document_features``), computed once here so re-ranking needs no segmentation.

``indexable_queryset(kind)`` says what belongs in an index: live, non-draft needs; projects of
verified organisations that are not drafts; verified organisations; every volunteer (the
matcher's hard filters keep inactive ones out of results). Anything else is deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from search.analysis import plain_text
from search.matcher import FEATURES_KEY, document_features
from search.matcher.hard_rules import region_ancestors


def _codes(obj, name: str) -> list[str]:
    """The sorted codes of ``obj``'s many-to-many field ``name``: read in bulk by a rebuild
    (``search.document_source``), else through the field's manager."""
    bulk = getattr(obj, "_bulk_codes", None)
    if bulk is not None:
        return bulk[name]
    return sorted(o.pk for o in getattr(obj, name).all())


def _region_tags(county) -> list[str]:
    tags: set[str] = set()
    node, depth = county, 0
    while node is not None and depth < 3:
        tags.update(node.tags or ())
        node, depth = node.parent, depth + 1
    return sorted(tags)


def _with_features(doc: dict, kind: str) -> dict:
    doc[FEATURES_KEY] = document_features(doc, kind)
    return doc


def need_document(page) -> dict:
    county = page.county
    code = county.code if county else ""
    first = page.first_response_at
    doc = {
        "ref": page.ref,
        "title": page.title,
        "description": plain_text(page.description),
        "categories": _codes(page, "categories"),
        "region": code,
        "region_name": county.name if county else "",
        "prefecture": code[:4] + "00" if code else "",
        "province": code[:2] + "0000" if code else "",
        "region_path": list(dict.fromkeys(region_ancestors(code))) if code else [],
        "region_tags": _region_tags(county) if county else [],
        "circle": page.circle,
        "urgency": page.urgency,
        "beneficiaries": int(page.beneficiaries or 0),
        "amount_requested": int(page.amount_requested or 0),
        "currency": page.currency,
        "volunteers_needed": int(page.volunteers_needed or 0),
        "skills": _codes(page, "skills"),
        "deadline": page.deadline,
        "published_on": page.published_on,
        "status": page.status,
        "first_response_on": timezone.localdate(first) if first else None,
    }
    return _with_features(doc, "need")


def project_document(project) -> dict:
    org = project.organisation
    doc = {
        "ref": project.ref,
        "organisation": org.ref,
        "organisation_name": org.name,
        "organisation_status": org.status,
        "title": project.title,
        "summary": project.summary,
        "description": plain_text(project.description),
        "categories": _codes(project, "categories"),
        "service_regions": _codes(project, "service_regions"),
        "budget_available": int(project.budget_available or 0),
        "currency": project.currency,
        "volunteer_slots": int(project.volunteer_slots or 0),
        "skills": _codes(project, "skills"),
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "status": project.status,
    }
    return _with_features(doc, "project")


AVAILABILITY_SLOTS = ("weekdays", "weekends", "evenings")


def volunteer_document(volunteer) -> dict:
    doc = {
        "ref": volunteer.ref,
        "display_name": volunteer.display_name,
        "skills": _codes(volunteer, "skills"),
        "service_regions": _codes(volunteer, "service_regions"),
        "hours_per_month": int(volunteer.hours_per_month or 0),
        "status": volunteer.status,
    }
    try:
        availability = volunteer.availability  # the portal's profile; an imported volunteer has none
    except ObjectDoesNotExist:
        availability = None
    if availability is not None:
        doc["availability"] = [slot for slot in AVAILABILITY_SLOTS if getattr(availability, slot)]
        doc["available_from"] = availability.available_from
        doc["available_until"] = availability.available_until
    return _with_features(doc, "volunteer")


def organisation_document(org) -> dict:
    return {
        "ref": org.ref,
        "title": org.name,
        "description": org.description,
        "org_type": org.org_type,
        "categories": _codes(org, "categories"),
        "service_regions": _codes(org, "service_regions"),
        "status": org.status,
    }


BUILDERS = {
    "need": need_document,
    "project": project_document,
    "volunteer": volunteer_document,
    "organisation": organisation_document,
}


def indexable_queryset(kind: str) -> QuerySet:
    from matching.models import NeedPage, Organisation, Project, Region, Volunteer

    if kind == "need":
        county_qs = Region.objects.select_related("parent__parent")
        return (
            NeedPage.objects.publicly_visible()
            .prefetch_related("categories", "skills", Prefetch("county", queryset=county_qs))
            .order_by("pk")
        )
    if kind == "project":
        return (
            Project.objects.filter(organisation__status=Organisation.Status.VERIFIED)
            .exclude(status=Project.Status.DRAFT)
            .select_related("organisation")
            .prefetch_related("categories", "service_regions", "skills")
            .order_by("pk")
        )
    if kind == "volunteer":
        return (
            Volunteer.objects.select_related("availability")
            .prefetch_related("skills", "service_regions")
            .order_by("pk")
        )
    if kind == "organisation":
        return (
            Organisation.objects.filter(status=Organisation.Status.VERIFIED)
            .prefetch_related("categories", "service_regions")
            .order_by("pk")
        )
    raise ValueError(kind)


def documents_for(kind: str, refs: Iterable[str]) -> tuple[list[dict], list[str]]:
    """(documents to upsert, refs to delete) for ``refs``: a ref that is no longer indexable is
    deleted from the index."""
    refs = list(dict.fromkeys(refs))
    objs = list(indexable_queryset(kind).filter(ref__in=refs))
    found = {o.ref for o in objs}
    return [BUILDERS[kind](o) for o in objs], [r for r in refs if r not in found]


def today_reference() -> dt.date:
    from django.conf import settings

    value = getattr(settings, "MATCHER_REFERENCE_DATE", "") or ""
    return dt.date.fromisoformat(value) if value else timezone.localdate()
