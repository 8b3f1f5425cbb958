"""Many new needs at once (an import): the rows ``need_create`` leaves, written in a few statements.

``need_create`` costs about 90 queries a need (treebeard's ``add_child``, ``save_revision``, ``publish``,
page-log lines, the response log, signals). Here a batch of new needs, all checked first, becomes: the
county pages locked and their last child read (three queries), ids from the sequences, then one COPY
each (``rows_copy``) of the pages, the needs, their categories and skills, one revision each, the page-log
lines and the response-log lines, one ``numchild`` update, and one ``rows_bulk_saved`` signal (search outbox,
alerts after commit, transparency cache, kept figures). The rows are the ones the single path writes:
the treebeard path is the next child's as ``add_child`` numbers it, the revision's content is
``serializable_data()`` of the page as it stood before the first revision, the page's live state is what
``publish`` leaves. PostgreSQL only (ids come from its sequences); elsewhere the importer uses
``need_create``.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision

from matching.events import rows_bulk_saved
from matching.models import NeedPage, Region, RegionPage, ResponseLogEntry
from matching.pagetree import page_child_path
from matching.services.needs import (
    STAFF_LABEL,
    STATUS_MESSAGES,
    NeedBatch,
    NeedFields,
    _apply_fields,
)
from matching.services.rows_copy import ids_take, rows_copy

# The fields a record sets, checked by their field rules (the tree's fields are computed here, not given).
RECORD_FIELDS = {
    "title",
    "slug",
    "ref",
    "description",
    "circle",
    "urgency",
    "beneficiaries",
    "amount_requested",
    "currency",
    "volunteers_needed",
    "deadline",
    "status",
    "published_on",
}


@dataclass(frozen=True)
class NewNeed:
    county: Region
    fields: NeedFields
    ref: str
    published_on: object = None  # a date kept from elsewhere, or None (publication stamps today)


def bulk_supported() -> bool:
    return connection.vendor == "postgresql"


@transaction.atomic
def needs_create_bulk(*, needs: list[NewNeed], batch: NeedBatch) -> list[NeedPage]:
    """Create ``needs`` (refs not yet in the database) as live pages, drafts unpublished, under their
    county pages. Validates every page before writing any; raises ValidationError naming the ref."""
    if not needs:
        return []
    parents = _parents_locked(needs, batch)
    pages = [_page_build(item, parents[item.county.code], batch) for item in needs]
    _slugs_check(pages, parents)
    now = timezone.now()
    page_ids = ids_take(Page, len(pages))
    revision_ids = ids_take(Revision, len(pages))
    revisions = [_revision(page, pk, rid, now) for page, pk, rid in zip(pages, page_ids, revision_ids, strict=True)]
    for page, revision in zip(pages, revisions, strict=True):
        _first_revision_applied(page, revision, now)
    rows_copy(Page, pages)
    rows_copy(NeedPage, pages)
    for field in (NeedPage.categories, NeedPage.skills):
        _links_insert(field, pages)
    rows_copy(Revision, revisions)
    rows_copy(PageLogEntry, _log_entries(pages, revisions, now))
    live = [page for page in pages if page.live]
    rows_copy(
        ResponseLogEntry,
        [
            ResponseLogEntry(
                need=page,
                kind=ResponseLogEntry.Kind.PUBLISHED,
                actor_label=STAFF_LABEL,
                message=STATUS_MESSAGES.get(page.status, page.status),
                from_status="",
                to_status=page.status,
            )
            for page in live
        ],
    )
    _numchild_add(parents, pages)
    batch.pages_saved(NeedPage, pages)
    rows_bulk_saved.send(sender=NeedPage, refs=[page.ref for page in pages], published=[page.ref for page in live])
    return pages


@dataclass
class _Parent:
    page: RegionPage
    path: str
    depth: int
    url_path: str
    locale_id: int
    next_step: int
    added: int = 0


def _parents_locked(needs: list[NewNeed], batch: NeedBatch) -> dict[str, _Parent]:
    """The county pages, locked (as ``add_child`` locks its parent), with the step of their next child."""
    batch.region_pages_read({item.county.code for item in needs})
    pages = {item.county.code: batch.region_page(item.county) for item in needs}
    table = Page._meta.db_table
    ids = [page.pk for page in pages.values()]
    with connection.cursor() as cur:
        # Lock first, then read: after waiting for another import's lock, this statement's snapshot is
        # taken when the other has committed, so its new children are seen.
        cur.execute(f"SELECT id FROM {table} WHERE id = ANY(%s) ORDER BY id FOR UPDATE", [ids])
        # Treebeard's own query for the last child (children by path range at the next depth).
        cur.execute(
            f"""
            SELECT par.id, par.path, par.depth, par.url_path, par.locale_id,
                   (SELECT c.path FROM {table} c WHERE c.depth = par.depth + 1
                      AND c.path BETWEEN par.path || %s AND par.path || %s ORDER BY c.path DESC LIMIT 1)
            FROM {table} par WHERE par.id = ANY(%s)""",
            [Page.alphabet[0] * Page.steplen, Page.alphabet[-1] * Page.steplen, ids],
        )
        rows = {row[0]: row for row in cur.fetchall()}
    out = {}
    for code, page in pages.items():
        _pk, path, depth, url_path, locale_id, last = rows[page.pk]
        step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        out[code] = _Parent(page, path, depth, url_path, locale_id, step)
    return out


def _page_build(item: NewNeed, parent: _Parent, batch: NeedBatch) -> NeedPage:
    """The page as ``need_create`` has it after ``add_child``: in the tree, not live, no revision yet;
    checked by the field rules and the need's own rules (``full_clean`` without the tree queries)."""
    page = NeedPage(county=item.county, slug=item.ref, ref=item.ref, published_on=item.published_on)
    _apply_fields(page, item.fields, batch)
    page.slug = page.ref
    page.live = False
    page.draft_title = page.title
    page.depth = parent.depth + 1
    try:
        page.path = page_child_path(parent.path, parent.next_step + parent.added)
    except OverflowError:
        raise ValidationError({"region": f"地区页 {item.county.code} 下的页面已达上限（treebeard 路径溢出）"}) from None
    parent.added += 1
    page.url_path = f"{parent.url_path}{page.slug}/"
    page.locale_id = parent.locale_id
    page.content_type = ContentType.objects.get_for_model(NeedPage)
    page.wagtail_admin_comments = []  # none: the revision serialises an empty list without a query
    try:
        page.clean_fields(exclude=[f.name for f in NeedPage._meta.fields if f.name not in RECORD_FIELDS])
        page.clean_content()
    except ValidationError as exc:
        raise ValidationError({"ref": f"需求“{item.ref}”：{'；'.join(exc.messages)}"}) from exc
    return page


def _slugs_check(pages: list[NeedPage], parents: dict[str, _Parent]) -> None:
    """A sibling already using the slug (a page made by hand with another page's ref as its slug)."""
    parent_paths = {p.path for p in parents.values()}
    depth = {page.depth for page in pages}
    taken = Page.objects.filter(slug__in=[page.slug for page in pages], depth__in=depth).values_list("path", "slug")
    clashes = {slug for path, slug in taken if path[: -Page.steplen] in parent_paths}
    if clashes:
        raise ValidationError({"slug": f"同一地区页下已有页面使用这些 slug：{', '.join(sorted(clashes))}"})


def _revision(page: NeedPage, pk: int, revision_id: int, now) -> Revision:
    page.id = page.page_ptr_id = pk
    return Revision(
        id=revision_id,
        content_type=page.content_type,
        base_content_type=page.get_base_content_type(),
        object_id=str(pk),
        user=None,
        approved_go_live_at=None,
        content=page.serializable_data(),
        object_str=str(page),
        created_at=now,
    )


def _first_revision_applied(page: NeedPage, revision: Revision, now) -> None:
    """``save_revision`` then, unless a draft, ``publish``: the page's state after both."""
    page.latest_revision_id = revision.id
    page.latest_revision_created_at = revision.created_at
    page.has_unpublished_changes = True
    if page.status == NeedPage.Status.DRAFT:
        return
    page.live, page.has_unpublished_changes, page.expired = True, False, False
    page.live_revision_id = revision.id
    page.first_published_at = page.last_published_at = now
    if page.published_on is None:
        page.published_on = timezone.localdate()  # need_sync_response_log stamps the first publication


def _links_insert(field, pages: list[NeedPage]) -> None:
    through = field.through
    source, target = field.field.m2m_field_name(), field.field.m2m_reverse_field_name()
    rows = [
        through(**{f"{source}_id": page.pk, f"{target}_id": obj.pk})
        for page in pages
        for obj in getattr(page, field.field.name).all()
    ]
    rows_copy(through, rows)


def _log_entries(pages: list[NeedPage], revisions: list[Revision], now) -> list[PageLogEntry]:
    """Wagtail's page history: created, edited (the first revision) and, when live, published."""
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(NeedPage, for_concrete_model=False)
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        common = {
            "content_type": content_type,
            "label": page.get_admin_display_title(),
            "timestamp": now,
            "data": {},
            "user": context.user,
            "uuid": context.uuid,
            "page_id": page.pk,
            "content_changed": True,
        }
        entries.append(PageLogEntry(action="wagtail.create", **common))
        entries.append(PageLogEntry(action="wagtail.edit", revision=revision, **common))
        if page.live:
            entries.append(PageLogEntry(action="wagtail.publish", revision=revision, **common))
    return entries


def _numchild_add(parents: dict[str, _Parent], pages: list[NeedPage]) -> None:
    added = {p.page.pk: p.added for p in parents.values() if p.added}
    with connection.cursor() as cur:
        # One statement for all the county pages (a CASE of hundreds of branches cost more to build than to run).
        cur.execute(
            f"UPDATE {Page._meta.db_table} p SET numchild = p.numchild + a.n "
            "FROM unnest(%s::int[], %s::int[]) AS a(id, n) WHERE p.id = a.id",
            [list(added), list(added.values())],
        )
    for parent in parents.values():
        parent.page.numchild += parent.added
