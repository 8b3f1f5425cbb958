"""Import a records file: check every line, then upsert by ref in kind order, writing only what changed."""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction

from matching.models import NeedPage, Organisation, Region
from matching.money import parse_yuan
from matching.richtext import text_to_richtext
from matching.services.actors_bulk import (
    organisations_create_bulk,
    projects_create_bulk,
    volunteers_create_bulk,
)
from matching.services.needs import (
    NeedBatch,
    NeedFields,
    need_create,
    need_sync_response_log,
    need_update,
    needs_batch,
)
from matching.services.needs_bulk import NewNeed, bulk_supported, needs_create_bulk
from matching.services.organisations import organisation_upsert
from matching.services.projects import project_upsert
from matching.services.regions import region_page_ensure
from matching.services.volunteers import volunteer_upsert
from matching.taxonomy import NATIONWIDE

from . import snapshot
from .checks import Line, cross_check
from .errors import RecordError, RecordsInvalid
from .reader import lines_read
from .schema import KIND_ORDER, record_key

LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2}
BULK_KINDS = ("organisation", "project", "volunteer", "need")
BULK_BATCH = 1000  # new records of one kind written together


@dataclass
class ImportResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    skipped: list[RecordError] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        parts = [
            f"{kind}: 新增 {self.created[kind]}，更新 {self.updated[kind]}，未变 {self.unchanged[kind]}"
            for kind in KIND_ORDER
            if self.created[kind] or self.updated[kind] or self.unchanged[kind]
        ]
        if self.skipped:
            parts.append(f"跳过 {len({e.line for e in self.skipped})} 行无效记录")
        return "；".join(parts) or "没有记录"


def nationwide_region_ensure() -> Region:
    """The pseudo-region "000000" (全国) that nationwide service regions point at."""
    region, _ = Region.objects.get_or_create(code=NATIONWIDE, defaults={"name": "全国", "level": Region.Level.NATION})
    return region


def records_check(text_lines: Iterable[str], *, skip_invalid: bool = False) -> tuple[list[Line], list[RecordError]]:
    """Every error of the file. With skip_invalid, drop bad lines until what is left is consistent."""
    lines, errors = lines_read(text_lines)
    known = snapshot.known_snapshot(line.record for line in lines)
    while True:
        found = cross_check(lines, known)
        errors.extend(found)
        if not found or not skip_invalid:
            break
        bad = {e.line for e in found}
        lines = [line for line in lines if line.number not in bad]
    if errors and not skip_invalid:
        raise RecordsInvalid(errors)
    return lines, sorted(errors)


def _date(value: str | None):
    return datetime.date.fromisoformat(value) if value else None


def _same(kind: str, new: dict, current: dict | None) -> bool:
    if current is None:
        return False
    if kind == "need" and new["published_on"] is None:
        new = {**new, "published_on": current["published_on"]}
    return new == current


class _Writer:
    """Applies checked records; knows the current state so it writes only differences."""

    def __init__(self, result: ImportResult, records: list[dict], batch: NeedBatch, *, bulk: bool):
        self.result = result
        self.batch = batch
        self.bulk = bulk
        # Only the records the file names: an import of a thousand needs reads a thousand, not the
        # whole platform.
        keys = {kind: set() for kind in KIND_ORDER}
        for rec in records:
            keys[rec["kind"]].add(record_key(rec))
        self.current = {
            "region": snapshot.region_records(keys["region"]),
            "organisation": snapshot.organisation_records(keys["organisation"]),
            "project": snapshot.project_records(keys["project"]),
            "volunteer": snapshot.volunteer_records(keys["volunteer"]),
            "need": snapshot.need_records(keys["need"]),
        }
        self.organisations: dict[str, Organisation] = {}
        self.regions: dict[str, Region] = {}

    def apply_all(self, records: list[dict], progress: Callable[[int], object] | None) -> None:
        """Every record in order; new records of a kind are gathered and written in batches (``bulk``),
        the others one by one through the services."""
        pending: list[dict] = []
        for rec in records:
            kind = rec["kind"]
            if pending and pending[0]["kind"] != kind:
                self._flush(pending, progress)
            current = self.current[kind].get(record_key(rec))
            if self.bulk and current is None and kind in BULK_KINDS:
                pending.append(rec)
                if len(pending) >= BULK_BATCH:
                    self._flush(pending, progress)
                continue
            self.apply(rec, current)
            if progress:
                progress(1)
        self._flush(pending, progress)

    def apply(self, rec: dict, current: dict | None) -> None:
        kind = rec["kind"]
        if _same(kind, rec, current):
            self.result.unchanged[kind] += 1
            return
        getattr(self, f"_{kind}")(rec, current)
        (self.result.updated if current else self.result.created)[kind] += 1

    def _flush(self, pending: list[dict], progress) -> None:
        if not pending:
            return
        kind = pending[0]["kind"]
        getattr(self, f"_{kind}_bulk")(pending)
        self.result.created[kind] += len(pending)
        if progress:
            progress(len(pending))
        pending.clear()

    def _organisation_bulk(self, records: list[dict]) -> None:
        for organisation in organisations_create_bulk(records=records):
            self.organisations[organisation.ref] = organisation

    def _project_bulk(self, records: list[dict]) -> None:
        wanted = {rec["organisation"] for rec in records}
        ids = {ref: o.pk for ref, o in self.organisations.items() if ref in wanted}
        ids.update(Organisation.objects.filter(ref__in=wanted - set(ids)).values_list("ref", "pk"))
        projects_create_bulk(
            records=[
                {
                    **rec,
                    "budget_available": parse_yuan(rec["budget_available"]),
                    "starts_on": _date(rec["starts_on"]),
                    "ends_on": _date(rec["ends_on"]),
                }
                for rec in records
            ],
            organisations=ids,
        )

    def _volunteer_bulk(self, records: list[dict]) -> None:
        volunteers_create_bulk(records=records)

    def _need_bulk(self, records: list[dict]) -> None:
        missing = {rec["region"] for rec in records} - set(self.regions)
        self.regions.update(Region.objects.in_bulk(missing))
        needs_create_bulk(
            batch=self.batch,
            needs=[
                NewNeed(
                    county=self.regions[rec["region"]],
                    fields=_need_fields(rec),
                    ref=rec["ref"],
                    published_on=_date(rec["published_on"]),
                )
                for rec in records
            ],
        )

    def _region(self, rec, current):
        Region.objects.update_or_create(
            code=rec["code"],
            defaults={"name": rec["name"], "parent_id": rec["parent"], "level": rec["level"], "tags": rec["tags"]},
        )

    def _organisation_get(self, ref: str) -> Organisation:
        if ref not in self.organisations:
            self.organisations[ref] = Organisation.objects.get(ref=ref)
        return self.organisations[ref]

    def _organisation(self, rec, current):
        self.organisations[rec["ref"]] = organisation_upsert(
            ref=rec["ref"],
            name=rec["name"],
            uscc=rec["uscc"],
            org_type=rec["org_type"],
            service_regions=rec["service_regions"],
            categories=rec["categories"],
            status=rec["status"],
        )

    def _project(self, rec, current):
        project_upsert(
            ref=rec["ref"],
            organisation=self._organisation_get(rec["organisation"]),
            title=rec["title"],
            summary=rec["summary"],
            description=rec["description"],
            categories=rec["categories"],
            service_regions=rec["service_regions"],
            budget_available=parse_yuan(rec["budget_available"]),
            currency=rec["currency"],
            volunteer_slots=rec["volunteer_slots"],
            skills=rec["skills"],
            starts_on=_date(rec["starts_on"]),
            ends_on=_date(rec["ends_on"]),
            status=rec["status"],
        )

    def _volunteer(self, rec, current):
        volunteer_upsert(
            ref=rec["ref"],
            display_name=rec["display_name"],
            skills=rec["skills"],
            service_regions=rec["service_regions"],
            hours_per_month=rec["hours_per_month"],
            status=rec["status"],
        )

    def _county(self, code: str) -> Region:
        if code not in self.regions:
            self.regions[code] = Region.objects.get(code=code)
        return self.regions[code]

    def _need(self, rec, current):
        fields = _need_fields(rec)
        county = self._county(rec["region"])
        published_on = _date(rec["published_on"])
        if current is None:
            need_create(county=county, fields=fields, ref=rec["ref"], published_on=published_on, batch=self.batch)
            return
        need = NeedPage.objects.get(ref=rec["ref"])
        if need.county_id != county.code:
            # A fresh read of the target: treebeard's move trusts the target's child count in memory.
            need.move(region_page_ensure(region=county), pos="last-child")
            NeedPage.objects.filter(pk=need.pk).update(county=county)
            need = NeedPage.objects.get(pk=need.pk)
        need = need_update(need=need, fields=fields, batch=self.batch)
        if fields.status == NeedPage.Status.DRAFT and need.status != NeedPage.Status.DRAFT:
            # Back to draft: off the public site, and the log says so.
            need.unpublish(log_action=False)
            NeedPage.objects.filter(pk=need.pk).update(status=NeedPage.Status.DRAFT)
            need.status = NeedPage.Status.DRAFT
            need_sync_response_log(need=need)
        if published_on is not None and need.published_on != published_on:
            NeedPage.objects.filter(pk=need.pk).update(published_on=published_on)


def _need_fields(rec: dict) -> NeedFields:
    return NeedFields(
        title=rec["title"],
        description=text_to_richtext(rec["description"]),
        categories=rec["categories"],
        circle=rec["circle"],
        urgency=rec["urgency"],
        beneficiaries=rec["beneficiaries"],
        amount_requested=parse_yuan(rec["amount_requested"]),
        currency=rec["currency"],
        volunteers_needed=rec["volunteers_needed"],
        skills=tuple(rec["skills"]),
        deadline=_date(rec["deadline"]),
        status=rec["status"],
    )


def _apply_order(lines: list[Line]) -> list[dict]:
    def key(line: Line):
        rec = line.record
        level = LEVEL_ORDER.get(rec.get("level"), 0) if rec["kind"] == "region" else 0
        return (KIND_ORDER.index(rec["kind"]), level, line.number)

    return [line.record for line in sorted(lines, key=key)]


def records_import(
    text_lines: Iterable[str],
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Callable[[int], object] | None = None,
    on_total: Callable[[int], object] | None = None,
    on_index: Callable[[int, int], object] | None = None,
    bulk: bool | None = None,
) -> ImportResult:
    """Import a records file (records.md). Checks every line first; raises RecordsInvalid (nothing
    written) on any error unless skip_invalid. Upserts by ref; unchanged records are not touched.

    One transaction. Needs are written as a batch (``needs_batch``): Wagtail's admin search and
    reference indexes are brought up to date for the written pages once, at the end
    (``on_index(done, total)`` reports them), and the search outbox is drained once after commit.

    New records of every kind but regions are written in batches of ``BULK_BATCH`` (``bulk``, the default
    on PostgreSQL): ``needs_create_bulk`` and the ``*_create_bulk`` services, which check every record of a
    batch before writing it and leave the rows the single-record services leave. Changed records go through
    the single-record services. ``bulk=False`` writes every record through them (the reference path)."""
    lines, errors = records_check(text_lines, skip_invalid=skip_invalid)
    result = ImportResult(skipped=errors, dry_run=dry_run)
    records = _apply_order(lines)
    if on_total:
        on_total(len(records))
    with transaction.atomic():
        if any(NATIONWIDE in rec.get("service_regions", ()) for rec in records):
            nationwide_region_ensure()
        with needs_batch(on_index=on_index) as batch:
            writer = _Writer(result, records, batch, bulk=bulk_supported() if bulk is None else bulk)
            writer.apply_all(records, progress)
        if dry_run:
            transaction.set_rollback(True)
    return result
