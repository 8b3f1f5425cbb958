"""The documents of a whole index, read from the database in id ranges, for ``search_index rebuild``.

A ``DocumentSource`` is an iterable of documents (what every backend's ``rebuild`` accepts), and
it can also be split: ``partitions()`` gives id ranges of about ``partition_size`` indexable rows
and ``read(part)`` builds the documents of one range. The embedded backend hands ranges to
worker processes, each reading its own range with its own database connection, so reading,
building, feature extraction and segmentation run on every core while the main process only
feeds the index writer.

A range is read in three or four queries whatever its size: the rows (with their organisation or
county and availability joined or prefetched), then each many-to-many field as
``(owner id, code)`` pairs from its through table. The documents are the builders' own
(``search.documents.BUILDERS``), so a document reads the same here as through the outbox.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from types import SimpleNamespace

from django.db import connections

from search.documents import BUILDERS, documents_for, indexable_queryset

PARTITION_SIZE = 1000
BULK_REFS = 100  # from this many refs on, the outbox reads documents in bulk (documents_for_refs)
MANY_TO_MANY = {
    "need": ("categories", "skills"),
    "project": ("categories", "service_regions", "skills"),
    "volunteer": ("skills", "service_regions"),
    "organisation": ("categories", "service_regions"),
}
Partition = tuple[int, "int | None"]  # (after this id, up to and including this id; None: no end)
# The columns ``need_document`` reads: needs (nine in ten documents) are read as plain rows, not as
# Wagtail pages, whose construction cost more than everything else of the read.
NEED_COLUMNS = (
    "pk",
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
    "first_response_at",
)
_regions: dict = {}  # {"token": the rebuild's token, "by_code": {code: Region with its parents}}


def _rows_queryset(kind: str):
    """The indexable rows without the per-object many-to-many prefetches (read in bulk instead)."""
    return indexable_queryset(kind).prefetch_related(None)


def _regions_by_code(token: str | None) -> dict:
    """Every region with its parents linked, read once per rebuild (``token``) and process."""
    from matching.models import Region

    if token is None or _regions.get("token") != token:
        by_code = {r.code: r for r in Region.objects.all()}
        for region in by_code.values():
            region.parent = by_code.get(region.parent_id)
        _regions.update(token=token, by_code=by_code)
    return _regions["by_code"]


def _need_rows(qs, token: str | None) -> list[SimpleNamespace]:
    """Needs as rows with the attributes ``need_document`` reads, the county a ``Region``."""
    regions = _regions_by_code(token)
    rows = []
    for values in qs.values(*NEED_COLUMNS):
        county_id = values.pop("county_id")
        rows.append(SimpleNamespace(**values, county=regions.get(county_id) if county_id else None))
    return rows


def _attach_codes(kind: str, model, objs: list, part: Partition | None) -> None:
    """Set ``_bulk_codes`` on each object: its many-to-many codes, sorted, from one query per field
    over the id range (bounds rather than a list of ids: a query of a thousand parameters costs
    more to send than to answer), or over the objects' ids when there is no range (``part`` None)."""
    if not objs:
        return
    codes: dict[str, dict] = {}
    for name in MANY_TO_MANY[kind]:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        owner = through._meta.get_field(field.m2m_field_name()).attname
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        if part is None:
            pairs = through.objects.filter(**{f"{owner}__in": [obj.pk for obj in objs]})
        else:
            after, upto = part
            pairs = through.objects.filter(**{f"{owner}__gt": after})
            if upto is not None:
                pairs = pairs.filter(**{f"{owner}__lte": upto})
        by_owner = defaultdict(list)
        for owner_id, code in pairs.values_list(owner, target):
            by_owner[owner_id].append(code)
        codes[name] = by_owner
    for obj in objs:
        obj._bulk_codes = {name: sorted(codes[name].get(obj.pk, ())) for name in codes}


def read_documents(kind: str, part: Partition, *, token: str | None = None) -> list[dict]:
    """The documents of the indexable rows with ``part[0] < id <= part[1]``, in id order."""
    after, upto = part
    qs = _rows_queryset(kind).filter(pk__gt=after)
    if upto is not None:
        qs = qs.filter(pk__lte=upto)
    objs = _need_rows(qs, token) if kind == "need" else list(qs)
    _attach_codes(kind, qs.model, objs, part)
    build = BUILDERS[kind]
    return [build(obj) for obj in objs]


def warm_up() -> None:
    """Load the segmentation dictionary and the matcher's term weights (about a second, once per process)."""
    from search.analysis import tokens
    from search.matcher import document_features

    tokens("预热")
    document_features({"title": "预热", "description": "预热"}, "need")


def documents_for_refs(kind: str, refs) -> tuple[list[dict], list[str]]:
    """(documents to upsert, refs to delete) for ``refs``, as ``search.documents.documents_for`` gives
    them, read as a rebuild reads: plain rows for needs, each many-to-many field as ``(owner, code)``
    pairs in one query, not model instances through ``prefetch_related``. For the outbox's big rounds
    (an import's thousand records); a few refs cost less the single-record way, which reads no regions."""
    refs = list(dict.fromkeys(refs))
    if len(refs) < BULK_REFS:
        return documents_for(kind, refs)
    qs = _rows_queryset(kind).filter(ref__in=refs)
    objs = _need_rows(qs, None) if kind == "need" else list(qs)
    _attach_codes(kind, qs.model, objs, None)
    found = {obj.ref for obj in objs}
    build = BUILDERS[kind]
    return [build(obj) for obj in objs], [r for r in refs if r not in found]


class DocumentSource:
    """Every indexable document of ``kind``, in id order, readable whole or range by range."""

    def __init__(self, kind: str, *, partition_size: int = PARTITION_SIZE):
        if kind not in BUILDERS:
            raise ValueError(kind)
        self.kind, self.partition_size = kind, partition_size
        self.token = uuid.uuid4().hex  # the rebuild's: a worker reads the regions once for all its ranges

    def __len__(self) -> int:
        return indexable_queryset(self.kind).count()

    def __iter__(self) -> Iterator[dict]:
        for part in self.partitions():
            yield from self.read(part)

    def partitions(self) -> list[Partition]:
        """Id ranges of ``partition_size`` indexable rows each (the last one open-ended, so rows
        added meanwhile are read too)."""
        ids = indexable_queryset(self.kind).prefetch_related(None).values_list("pk", flat=True)
        parts, after = [], 0
        for count, pk in enumerate(ids.iterator(chunk_size=20_000), 1):
            if count % self.partition_size == 0:
                parts.append((after, pk))
                after = pk
        parts.append((after, None))
        return parts

    def read(self, part: Partition) -> list[dict]:
        return read_documents(self.kind, part, token=self.token)

    def can_fork(self) -> bool:
        """Worker processes read committed rows with their own connections: not from inside a
        transaction, whose rows they would not see."""
        return not any(conn.in_atomic_block for conn in connections.all(initialized_only=True))

    def before_fork(self) -> None:
        """Close this process's connections (a forked child must not share their sockets) and load
        the segmentation dictionary and the matcher's lexicon once, for the children to share."""
        warm_up()
        connections.close_all()
