"""The database as canonical records (the exact dicts export writes), read in a fixed number of queries.

Import compares a file's record with these before writing anything, which is what makes a
second import of the same file a no-op.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from matching.models import NeedPage, Organisation, Project, Region, Volunteer
from matching.money import format_yuan
from matching.richtext import richtext_to_text

from .checks import Known
from .schema import FIELD_NAMES

CHUNK = 2000  # refs per query when reading only some records


def _links(m2m_field, owner: str, target: str, owner_ids=None) -> dict[int, list[str]]:
    through = m2m_field.through
    rows = through.objects.all()
    if owner_ids is not None:
        rows = rows.filter(**{f"{owner}_id__in": owner_ids})
    result: dict[int, list[str]] = defaultdict(list)
    for owner_id, code in rows.values_list(f"{owner}_id", f"{target}_id"):
        result[owner_id].append(code)
    return {k: sorted(v) for k, v in result.items()}


def _chunks(refs) -> Iterator[list[str] | None]:
    """None (everything) when refs is None, else the refs in slices small enough for one query."""
    if refs is None:
        yield None
        return
    refs = sorted(refs)
    for start in range(0, len(refs), CHUNK):
        yield refs[start : start + CHUNK]


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _ordered(kind: str, values: dict) -> dict:
    return {name: values[name] for name in FIELD_NAMES[kind]}


def region_records(codes=None) -> dict[str, dict]:
    qs = Region.objects.all() if codes is None else Region.objects.filter(code__in=codes)
    return {
        r.code: _ordered(
            "region",
            {
                "kind": "region",
                "code": r.code,
                "name": r.name,
                "parent": r.parent_id,
                "level": r.level,
                "tags": sorted(r.tags or []),
            },
        )
        for r in qs.only("code", "name", "parent_id", "level", "tags")
    }


def _rows(queryset, refs):
    """(rows, their ids) per chunk of refs; all rows (ids None: every link) when refs is None."""
    for chunk in _chunks(refs):
        if chunk is None:
            yield list(queryset), None
        else:
            rows = list(queryset.filter(ref__in=chunk))
            yield rows, [row.pk for row in rows]


def organisation_records(refs: Iterable[str] | None = None) -> dict[str, dict]:
    """Organisations as records: all of them, or those with ``refs``."""
    out = {}
    for rows, ids in _rows(Organisation.objects.all(), refs):
        regions = _links(Organisation.service_regions, "organisation", "region", ids)
        categories = _links(Organisation.categories, "organisation", "category", ids)
        out.update(
            {
                o.ref: _ordered(
                    "organisation",
                    {
                        "kind": "organisation",
                        "ref": o.ref,
                        "name": o.name,
                        "uscc": o.uscc,
                        "org_type": o.org_type,
                        "service_regions": regions.get(o.pk, []),
                        "categories": categories.get(o.pk, []),
                        "status": o.status,
                    },
                )
                for o in rows
            }
        )
    return out


def project_records(refs: Iterable[str] | None = None) -> dict[str, dict]:
    """Projects as records: all of them, or those with ``refs``."""
    out = {}
    for rows, ids in _rows(Project.objects.select_related("organisation"), refs):
        regions = _links(Project.service_regions, "project", "region", ids)
        categories = _links(Project.categories, "project", "category", ids)
        skills = _links(Project.skills, "project", "skill", ids)
        out.update(
            {
                p.ref: _ordered(
                    "project",
                    {
                        "kind": "project",
                        "ref": p.ref,
                        "organisation": p.organisation.ref,
                        "title": p.title,
                        "summary": p.summary,
                        "description": p.description,
                        "categories": categories.get(p.pk, []),
                        "service_regions": regions.get(p.pk, []),
                        "budget_available": format_yuan(p.budget_available),
                        "currency": p.currency,
                        "volunteer_slots": p.volunteer_slots,
                        "skills": skills.get(p.pk, []),
                        "starts_on": _iso(p.starts_on),
                        "ends_on": _iso(p.ends_on),
                        "status": p.status,
                    },
                )
                for p in rows
            }
        )
    return out


def volunteer_records(refs: Iterable[str] | None = None) -> dict[str, dict]:
    """Volunteers as records: all of them, or those with ``refs``."""
    out = {}
    for rows, ids in _rows(Volunteer.objects.all(), refs):
        regions = _links(Volunteer.service_regions, "volunteer", "region", ids)
        skills = _links(Volunteer.skills, "volunteer", "skill", ids)
        out.update(
            {
                v.ref: _ordered(
                    "volunteer",
                    {
                        "kind": "volunteer",
                        "ref": v.ref,
                        "display_name": v.display_name,
                        "skills": skills.get(v.pk, []),
                        "service_regions": regions.get(v.pk, []),
                        "hours_per_month": v.hours_per_month,
                        "status": v.status,
                    },
                )
                for v in rows
            }
        )
    return out


NEED_FIELDS = (
    "id",
    "ref",
    "title",
    "description",
    "county_id",
    "circle",
    "urgency",
    "beneficiaries",
    "amount_requested",
    "currency",
    "volunteers_needed",
    "deadline",
    "published_on",
    "status",
)


def need_records(refs: Iterable[str] | None = None) -> dict[str, dict]:
    """Needs (every page, drafts included) as records: all of them, or those with ``refs``."""
    out = {}
    for rows, ids in _rows(NeedPage.objects.only(*NEED_FIELDS), refs):
        categories = _links(NeedPage.categories, "needpage", "category", ids)
        skills = _links(NeedPage.skills, "needpage", "skill", ids)
        out.update(
            {
                n.ref: _ordered(
                    "need",
                    {
                        "kind": "need",
                        "ref": n.ref,
                        "title": n.title,
                        "description": richtext_to_text(n.description),
                        "categories": categories.get(n.pk, []),
                        "region": n.county_id,
                        "circle": n.circle,
                        "urgency": n.urgency,
                        "beneficiaries": n.beneficiaries,
                        "amount_requested": format_yuan(n.amount_requested),
                        "currency": n.currency,
                        "volunteers_needed": n.volunteers_needed,
                        "skills": skills.get(n.pk, []),
                        "deadline": _iso(n.deadline),
                        "published_on": _iso(n.published_on),
                        "status": n.status,
                    },
                )
                for n in rows
            }
        )
    return out


def known_snapshot(records: Iterable[dict]) -> Known:
    """What the database holds of the regions, organisations and USCCs the records name (not the whole
    platform: a file of a thousand needs reads its counties, not sixty thousand organisations)."""
    codes: set[str] = set()
    orgs: set[str] = set()
    usccs: set[str] = set()
    for rec in records:
        codes.update(c for c in (rec.get("parent"), rec.get("region")) if c)
        codes.update(rec.get("service_regions") or ())
        if rec["kind"] == "project" and rec.get("organisation"):
            orgs.add(rec["organisation"])
        if rec["kind"] == "organisation" and rec.get("uscc"):
            usccs.add(rec["uscc"])
    known = Known()
    for chunk in _chunks(codes):
        known.regions.update(Region.objects.filter(code__in=chunk).values_list("code", "level"))
    for chunk in _chunks(orgs):
        known.organisations.update(Organisation.objects.filter(ref__in=chunk).values_list("ref", flat=True))
    for chunk in _chunks(usccs):
        known.uscc_owner.update(Organisation.objects.filter(uscc__in=chunk).values_list("uscc", "ref"))
    return known
