"""Writes on needs. Every status change lands on the need's public response log (件件有回音)."""

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from matching.error_codes import NeedErrorCode
from matching.errors import refusal
from matching.events import need_updated_in_place
from matching.models import Category, NeedPage, Region, RegionPage, ResponseLogEntry, Skill
from matching.permissions import can_add_need, can_publish_need, require
from matching.services.regions import region_page_ensure

logger = logging.getLogger(__name__)

STAFF_LABEL = "民政部门"

STATUS_MESSAGES = {
    "open": "需求已发布，等待响应",
    "matched": "已与帮扶项目匹配",
    "in_progress": "帮扶实施中",
    "fulfilled": "需求已完成",
    "closed": "需求已关闭",
    "draft": "需求退回草稿",
}


def _reindex(need: NeedPage) -> None:
    """QuerySet.update() sends no post_save: say so, and the search layer queues the index update in this
    transaction."""
    need_updated_in_place.send(sender=NeedPage, instance=need)


@dataclass(frozen=True)
class NeedFields:
    title: str
    description: str
    categories: list[str]
    circle: str = "core"
    urgency: str = "normal"
    beneficiaries: int = 0
    amount_requested: int = 0
    currency: str = "CNY"
    volunteers_needed: int = 0
    skills: tuple[str, ...] = ()
    deadline: object = None
    status: str = "open"


def _apply_fields(page: NeedPage, fields: NeedFields, batch: "NeedBatch | None" = None) -> None:
    for name in (
        "title",
        "description",
        "circle",
        "urgency",
        "beneficiaries",
        "amount_requested",
        "currency",
        "volunteers_needed",
        "deadline",
        "status",
    ):
        setattr(page, name, getattr(fields, name))
    if batch is None:
        page.categories = list(Category.objects.filter(code__in=fields.categories))
        page.skills = list(Skill.objects.filter(code__in=fields.skills))
    else:
        page.categories = batch.categories(fields.categories)
        page.skills = batch.skills(fields.skills)


def need_check_can_edit(*, user: AbstractBaseUser | None, county: Region) -> None:
    """Staff may create and change needs only inside the region their group is scoped to."""
    if user is None:  # system operations: import, demo data
        return
    require(can_add_need(user, region_page_ensure(region=county)), "您没有在该地区发布需求的权限")


@transaction.atomic
def need_create(
    *,
    county: Region,
    fields: NeedFields,
    ref: str = "",
    user: AbstractBaseUser | None = None,
    publish: bool = True,
    published_on=None,
    batch: "NeedBatch | None" = None,
) -> NeedPage:
    """Create a need under its county's page; publish it unless it is a draft.

    ``published_on`` keeps the date a need was first published elsewhere (an import); without it the
    first publication stamps today. ``batch`` (from ``needs_batch()``) is for many needs in a row."""
    if county.level != Region.Level.COUNTY:
        raise refusal(
            f"需求必须属于县级行政区，{county.code} 是{county.get_level_display()}",
            NeedErrorCode.NOT_A_COUNTY,
            field="region",
        )
    need_check_can_edit(user=user, county=county)
    parent = region_page_ensure(region=county) if batch is None else batch.region_page(county)
    # A known publication date goes in with the page, so the first revision carries it too.
    page = NeedPage(county=county, slug=None, published_on=published_on)
    if ref:
        page.ref = ref
    _apply_fields(page, fields, batch)
    page.slug = page.ref
    page.live = False
    parent.add_child(instance=page)
    goes_live = publish and fields.status != NeedPage.Status.DRAFT
    if goes_live and user is not None and not can_publish_need(user, page):
        page.save_revision(user=user, log_action=True)
        need_submit_for_moderation(need=page, user=user)
        return page
    # A page going live is validated in full by the publishing save (Wagtail runs full_clean on a
    # live page), in this transaction: validating the revision as well would do it twice.
    revision = page.save_revision(user=user, log_action=True, clean=not goes_live)
    if goes_live:
        revision.publish(user=user)
        page.refresh_from_db()
    return page


def need_submit_for_moderation(*, need: NeedPage, user: AbstractBaseUser) -> None:
    """Staff without publish rights (clerks) send the need to the region's approval workflow."""
    workflow = need.get_workflow()
    if workflow is None:
        raise PermissionDenied("该地区没有审核流程，且您没有发布权限")
    workflow.start(need, user)


@transaction.atomic
def need_update(
    *, need: NeedPage, fields: NeedFields, user: AbstractBaseUser | None = None, batch: "NeedBatch | None" = None
) -> NeedPage:
    need_check_can_edit(user=user, county=need.county)
    _apply_fields(need, fields, batch)
    publishes = fields.status != NeedPage.Status.DRAFT
    # As in need_create: a page going live now is validated by the publishing save (a page scheduled
    # for later is saved as a draft by the publish, so its revision is validated here).
    goes_live = publishes and not (need.go_live_at and need.go_live_at > timezone.now())
    revision = need.save_revision(user=user, log_action=True, clean=not goes_live)
    if publishes:
        revision.publish(user=user)
    need.refresh_from_db()
    return need


def need_sync_response_log(*, need: NeedPage, user: AbstractBaseUser | None = None) -> ResponseLogEntry | None:
    """Write the log line for the need's current status if the log does not show it yet.

    Called whenever a need is published, whichever interface published it, so admin edits,
    imports and services all leave the same trace. Safe to call twice.
    """
    last = need.response_log.exclude(to_status="").order_by("-created_at", "-id").first()
    if last is not None and last.to_status == need.status:
        return None
    fields = {}
    if need.published_on is None and need.status != NeedPage.Status.DRAFT:
        fields["published_on"] = timezone.localdate()
    if fields:
        NeedPage.objects.filter(pk=need.pk).update(**fields)
        for key, value in fields.items():
            setattr(need, key, value)
        _reindex(need)
    return ResponseLogEntry.objects.create(
        need=need,
        kind=ResponseLogEntry.Kind.PUBLISHED if last is None else ResponseLogEntry.Kind.STATUS,
        actor_label=STAFF_LABEL,
        actor=user,
        message=STATUS_MESSAGES.get(need.status, need.status),
        from_status=last.to_status if last else "",
        to_status=need.status,
    )


REOPENABLE = (NeedPage.Status.OPEN, NeedPage.Status.MATCHED, NeedPage.Status.IN_PROGRESS)


@transaction.atomic
def need_set_status(
    *,
    need: NeedPage,
    status: str,
    user: AbstractBaseUser | None = None,
    actor_label: str = STAFF_LABEL,
    note: str = "",
    delivery_reversed: bool = False,
) -> NeedPage:
    """Move a need along its lifecycle; refuse a jump the lifecycle does not allow. The one way back is a
    reversed delivery (`delivery_reversed`, from delivery_reverse): fulfilled → the status it had before."""
    need = NeedPage.objects.select_for_update().get(pk=need.pk)
    if status == need.status:
        return need
    reopening = delivery_reversed and need.status == NeedPage.Status.FULFILLED and status in REOPENABLE
    if not (reopening or need.can_become(status)):
        to = dict(NeedPage.Status.choices).get(status, status)
        raise refusal(
            f"需求不能从“{need.get_status_display()}”变为“{to}”", NeedErrorCode.STATUS_STEP_NOT_ALLOWED, field="status"
        )
    if status == NeedPage.Status.FULFILLED and not need.deliveries.standing().exists():
        raise refusal(
            "需求须有交付记录（交付内容、时间、交付方与佐证）才能标为已完成",
            NeedErrorCode.DELIVERY_REQUIRED,
            field="status",
        )
    previous = need.status
    ResponseLogEntry.objects.create(
        need=need,
        kind=ResponseLogEntry.Kind.STATUS,
        actor_label=actor_label,
        actor=user,
        message=note or STATUS_MESSAGES.get(status, status),
        from_status=previous,
        to_status=status,
    )
    need.status = status
    if need.live:
        # A new revision keeps the editor in step with the live page.
        need.save_revision(user=user, log_action=False).publish(user=user, log_action=False)
    else:
        NeedPage.objects.filter(pk=need.pk).update(status=status)
        _reindex(need)
    return need


def need_record_response(
    *, need: NeedPage, actor_label: str, message: str, kind: str = "response", user: AbstractBaseUser | None = None
) -> ResponseLogEntry:
    """A response to a need (an organisation's answer, a staff note); the first one stamps the need."""
    entry = ResponseLogEntry.objects.create(need=need, kind=kind, actor_label=actor_label, message=message, actor=user)
    if need.first_response_at is None:
        NeedPage.objects.filter(pk=need.pk, first_response_at__isnull=True).update(first_response_at=entry.created_at)
        need.first_response_at = entry.created_at
        _reindex(need)
    return entry


# Many needs in a row (an import) -------------------------------------------------------------------


class NeedBatch:
    """What many need writes in one transaction share: region pages and taxonomy rows read once, and
    the pages whose Wagtail bookkeeping (admin search index, reference index) waits for the end.

    The rules stay need_create's and need_update's own; a batch changes only when that bookkeeping
    happens. Made by ``needs_batch()``, passed to the services as ``batch=``.
    """

    def __init__(self) -> None:
        self._region_pages: dict[str, RegionPage] = {}
        self._categories = list(Category.objects.all())
        self._skills = list(Skill.objects.all())
        self._search: dict[type, set] = defaultdict(set)
        self._references: dict[type, set] = defaultdict(set)
        self._written: dict[type, dict] = defaultdict(dict)  # pk -> page written in bulk, as it was written

    def region_pages_read(self, codes) -> None:
        """Read the pages of these regions in one query (``region_page`` then finds them here)."""
        missing = set(codes) - set(self._region_pages)
        if missing:
            self._region_pages.update((p.region_id, p) for p in RegionPage.objects.filter(region_id__in=missing))

    def region_page(self, region: Region) -> RegionPage:
        """The region's page (``region_page_ensure``), read once per batch. Safe to share: adding a
        child re-reads and locks the parent row."""
        page = self._region_pages.get(region.code)
        if page is None:
            page = self._region_pages[region.code] = region_page_ensure(region=region)
        return page

    def categories(self, codes) -> list[Category]:
        wanted = set(codes)
        return [c for c in self._categories if c.code in wanted]

    def skills(self, codes) -> list[Skill]:
        wanted = set(codes)
        return [s for s in self._skills if s.code in wanted]

    def _note(self, model: type, pk, *, search: bool, references: bool) -> None:
        if search:
            self._search[model].add(pk)
        if references:
            self._references[model].add(pk)

    def pages_saved(self, model: type, pages) -> None:
        """New pages written in bulk (no save, no signal): noted as the gate notes saved pages, so the end of
        the batch puts them in Wagtail's indexes too, from these objects (nothing changed them since: they
        are not read back, and having no index rows yet, their reference rows are inserted, not compared)."""
        search_receiver, reference_receiver = _index_receivers()
        forwards = _gate_forwards.get(model, ())
        for page in pages:
            self._written[model][page.pk] = page
            self._note(model, page.pk, search=search_receiver in forwards, references=reference_receiver in forwards)

    def index(self, *, chunk_size: int = 2000, progress: Callable[[int, int], object] | None = None) -> None:
        """Bring Wagtail's search index and reference index up to date for every page saved in the
        batch: what the per-save tasks would have done, once per page and in bulk."""
        from wagtail.models import ReferenceIndex

        work = []
        for model in {**self._search, **self._references}:
            search = self._search.get(model, set())
            references = self._references.get(model, set()) if ReferenceIndex.is_indexed(model) else set()
            work.append((model, search, references, sorted(search | references)))
        total, done = sum(len(pks) for *_, pks in work), 0
        for model, search, references, pks in work:
            for start in range(0, len(pks), chunk_size):
                chunk = pks[start : start + chunk_size]
                written = self._written.get(model, {})
                _search_index_update(model, [pk for pk in chunk if pk in search], written)
                _reference_index_update(model, [pk for pk in chunk if pk in references], written)
                done += len(chunk)
                if progress:
                    progress(done, total)
        self._search.clear()
        self._references.clear()
        self._written.clear()


def _search_index_update(model: type, pks: list, written: dict) -> None:
    """modelsearch's insert_or_update_object for many objects: the model's indexed objects only (pages
    written in bulk are taken as written: every page of the model is indexed), into every backend that
    updates automatically; a backend that may fail quietly only logs."""
    from wagtail.search.backends import get_search_backends_with_name

    if not pks:
        return
    objects = [written[pk] for pk in pks if pk in written]
    if len(objects) < len(pks):
        objects += model.get_indexed_objects().filter(pk__in=[pk for pk in pks if pk not in written])
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, objects)
        except Exception:
            logger.exception("Wagtail search backend %r could not index %d %s", name, len(objects), model.__name__)
            if not backend.catch_indexing_errors:
                raise


def _reference_index_update(model: type, pks: list, written: dict) -> None:
    """Wagtail's update_reference_index_task for many pages (pages have no parental key to follow).

    A page with rows in the index already goes through Wagtail's ``create_or_update_for_object`` (it
    adds and deletes); a page without any (a new page) gets the rows that method would insert, for all
    such pages in one ``bulk_create``. Pages written in bulk are new (ids fresh from the sequence) and
    taken as written."""
    from django.contrib.contenttypes.models import ContentType
    from modelcluster.models import get_all_child_relations
    from wagtail.models import ReferenceIndex

    if not pks:
        return
    base = ContentType.objects.get_for_model(
        model._meta.get_parent_list()[-1] if model._meta.get_parent_list() else model, for_concrete_model=False
    )
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    saved = [pk for pk in pks if pk not in written]
    with transaction.atomic():
        indexed = set(
            ReferenceIndex.objects.filter(base_content_type=base, object_id__in=[str(pk) for pk in saved]).values_list(
                "object_id", flat=True
            )
        )
        rows = []
        # Child relations (Wagtail's comments) read for all pages at once, not one query per page.
        children = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
        objects = [written[pk] for pk in pks if pk in written]
        if saved:
            objects += model.objects.filter(pk__in=saved).prefetch_related(*children)
        for obj in objects:
            if str(obj.pk) in indexed:
                ReferenceIndex.create_or_update_for_object(obj)
            else:
                rows.extend(_reference_rows(obj, content_type, base))
        ReferenceIndex.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


def _reference_rows(obj, content_type, base) -> list:
    """The rows ``ReferenceIndex.create_or_update_for_object`` inserts for an object without any."""
    from wagtail.models import ReferenceIndex

    return [
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base,
            object_id=obj.pk,
            to_content_type_id=to_ct,
            to_object_id=to_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for to_ct, to_id, model_path, content_path in set(ReferenceIndex._extract_references_from_object(obj))
    ]


@contextmanager
def needs_batch(*, on_index: Callable[[int, int], object] | None = None) -> Iterator[NeedBatch]:
    """Many need writes in one transaction, e.g. an import: ``need_create(..., batch=batch)``.

    Every page save normally updates Wagtail's own search index (the admin's page search) and its
    reference index right away, each through a task: three times per new need. Inside
    the batch this thread's page saves are only noted; when the block ends, the noted pages are
    indexed once, in bulk, in the same transaction (a rollback loses nothing). The product's own
    search is not deferred here: its outbox rows are written with each need and drained once after
    commit. ``on_index(done, total)`` reports the pages indexed, chunk by chunk.
    """
    batch = NeedBatch()
    with transaction.atomic():
        _gate_open(batch)
        try:
            yield batch
        finally:
            _gate_close()
        batch.index(progress=on_index)


# While a batch runs, Wagtail's two index receivers on the page models are swapped for one gate:
# saves in the batch's thread are noted, saves in other threads go on to the receivers as before.
# Measured again against no gate and against Wagtail's disable_reference_index_auto_update() (which covers
# the reference index only): without the gate an import makes 23-29 % more queries, with Wagtail's switch
# 9-10 % more (docs/performance.md, "The import batch's index gate").
_local = threading.local()
_gate_lock = threading.Lock()
_gate_users = 0
_gate_forwards: dict[type, tuple] = {}


def _index_receivers() -> tuple:
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import update_reference_index_on_save

    return post_save_signal_handler, update_reference_index_on_save


def _page_saved(sender, instance, **kwargs) -> None:
    batch = getattr(_local, "batch", None)
    forwards = _gate_forwards.get(sender, ())
    if batch is None or kwargs.get("raw"):
        for receiver in forwards:
            receiver(sender=sender, instance=instance, **kwargs)
        return
    from wagtail.signal_handlers import reference_index_auto_update_disabled

    search_receiver, reference_receiver = _index_receivers()
    batch._note(
        sender,
        instance.pk,
        search=search_receiver in forwards,
        references=reference_receiver in forwards and not getattr(reference_index_auto_update_disabled, "value", False),
    )


def _gate_open(batch: NeedBatch) -> None:
    global _gate_users
    if getattr(_local, "batch", None) is not None:
        raise RuntimeError("needs_batch() cannot be nested")
    with _gate_lock:
        if _gate_users == 0:
            for model in (NeedPage, RegionPage):
                receivers = _index_receivers()
                # Forward first, then unhook: a save in another thread meanwhile is indexed twice at
                # worst, never missed.
                _gate_forwards[model] = receivers
                post_save.connect(_page_saved, sender=model, weak=False, dispatch_uid=f"needs_batch.{model.__name__}")
                _gate_forwards[model] = tuple(r for r in receivers if post_save.disconnect(r, sender=model))
        _gate_users += 1
    _local.batch = batch


def _gate_close() -> None:
    global _gate_users
    _local.batch = None
    with _gate_lock:
        _gate_users -= 1
        if _gate_users == 0:
            for model, receivers in list(_gate_forwards.items()):
                for receiver in receivers:
                    post_save.connect(receiver, sender=model)
                post_save.disconnect(sender=model, dispatch_uid=f"needs_batch.{model.__name__}")
                del _gate_forwards[model]
