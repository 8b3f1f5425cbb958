"""Export the platform's records in the format of records.md.

Kind order region → organisation → project → volunteer → need; within a kind by code/ref; keys in
the order of the format. Only regions that exported records use (and their ancestors) are written.
No personal data: beneficiary records are never read here.
"""

import json
from collections.abc import Iterator

from matching.models import Region
from matching.taxonomy import NATIONWIDE

from . import snapshot

LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2}


def _region_codes_used(*groups: dict[str, dict]) -> set[str]:
    codes: set[str] = set()
    for group in groups:
        for rec in group.values():
            codes.update(rec.get("service_regions", ()))
            if rec.get("region"):
                codes.add(rec["region"])
    codes.discard(NATIONWIDE)
    parents = dict(Region.objects.values_list("code", "parent_id"))
    for code in list(codes):
        node = parents.get(code)
        while node:
            codes.add(node)
            node = parents.get(node)
    return codes


def records_export() -> Iterator[dict]:
    organisations = snapshot.organisation_records()
    projects = snapshot.project_records()
    volunteers = snapshot.volunteer_records()
    needs = snapshot.need_records()
    regions = snapshot.region_records(_region_codes_used(organisations, projects, volunteers, needs))
    yield from sorted(regions.values(), key=lambda r: (LEVEL_ORDER.get(r["level"], 9), r["code"]))
    for group in (organisations, projects, volunteers, needs):
        yield from (group[ref] for ref in sorted(group))


def record_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def records_export_lines() -> Iterator[str]:
    for record in records_export():
        yield record_line(record) + "\n"
