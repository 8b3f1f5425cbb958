"""Boundary signals: every write to an indexed model queues search-index work in its transaction.

Connected in ``SearchConfig.ready()``. Handlers only enqueue; the drain reads the database and
decides whether a document is upserted or removed (unpublished, deleted, suspended …).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from search.outbox import outbox_enqueue

logger = logging.getLogger(__name__)


def _enqueue(kind: str, refs, op: str = "upsert") -> None:
    outbox_enqueue(kind=kind, refs=refs, op=op)


def _need_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    _enqueue("need", [instance.ref])


def _need_published(sender, instance, **kwargs):
    """A published need: index it, and after commit alert the organisations whose standing
    profiles it fits (a Celery task; in-process when no broker)."""
    _need_changed(sender, instance, **kwargs)
    ref = instance.ref
    transaction.on_commit(lambda: _schedule_profiles_alert(ref), robust=True)


def _schedule_profiles_alert(ref: str) -> None:
    from search.tasks import profiles_alert

    try:
        profiles_alert.delay(ref)
    except Exception:  # a broker that is down: alert in-process rather than never
        logger.warning("standing profiles: could not queue the alert; running it now", exc_info=True)
        profiles_alert(ref)


def _need_deleted(sender, instance, **kwargs):
    _enqueue("need", [instance.ref], "delete")


def _project_changed(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        _enqueue("project", [instance.ref])


def _project_deleted(sender, instance, **kwargs):
    _enqueue("project", [instance.ref], "delete")


def _volunteer_changed(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        _enqueue("volunteer", [instance.ref])


def _volunteer_deleted(sender, instance, **kwargs):
    _enqueue("volunteer", [instance.ref], "delete")


def _organisation_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    _enqueue("organisation", [instance.ref])
    # Verification or suspension changes whether its projects may be matched at all.
    _enqueue("project", list(instance.projects.values_list("ref", flat=True)))


def _organisation_deleted(sender, instance, **kwargs):
    _enqueue("organisation", [instance.ref], "delete")


def _rows_bulk_saved(sender, refs=(), published=(), **kwargs):
    """Many rows saved at once (matching.events.rows_bulk_saved): one outbox write for all of them, and
    the standing-profile alerts of the needs that went live, after commit, in one task for the batch."""
    kind = {"NeedPage": "need", "Project": "project", "Volunteer": "volunteer", "Organisation": "organisation"}.get(
        sender.__name__
    )
    if kind is None:
        return
    _enqueue(kind, refs)
    published = list(published)
    if published:
        transaction.on_commit(lambda: _schedule_profiles_alert_many(published), robust=True)


def _schedule_profiles_alert_many(refs: list[str]) -> None:
    from search.tasks import profiles_alert_many

    try:
        profiles_alert_many.delay(refs)
    except Exception:  # a broker that is down: alert in-process rather than never
        logger.warning("standing profiles: could not queue the alerts; running them now", exc_info=True)
        profiles_alert_many(refs)


def _m2m(kind: str):
    def handler(sender, instance, action, **kwargs):
        if action in ("post_add", "post_remove", "post_clear") and getattr(instance, "ref", None):
            _enqueue(kind, [instance.ref])

    return handler


_project_m2m, _volunteer_m2m, _organisation_m2m = _m2m("project"), _m2m("volunteer"), _m2m("organisation")


def connect() -> None:
    from matching.events import need_updated_in_place
    from matching.models import NeedPage, Organisation, Project, Volunteer

    uid = "bangfu_search."
    post_save.connect(_need_changed, sender=NeedPage, dispatch_uid=uid + "need_saved")
    post_delete.connect(_need_deleted, sender=NeedPage, dispatch_uid=uid + "need_deleted")
    page_published.connect(_need_published, sender=NeedPage, dispatch_uid=uid + "need_published")
    page_unpublished.connect(_need_changed, sender=NeedPage, dispatch_uid=uid + "need_unpublished")
    need_updated_in_place.connect(_need_changed, sender=NeedPage, dispatch_uid=uid + "need_updated_in_place")
    post_save.connect(_project_changed, sender=Project, dispatch_uid=uid + "project_saved")
    post_delete.connect(_project_deleted, sender=Project, dispatch_uid=uid + "project_deleted")
    post_save.connect(_volunteer_changed, sender=Volunteer, dispatch_uid=uid + "volunteer_saved")
    post_delete.connect(_volunteer_deleted, sender=Volunteer, dispatch_uid=uid + "volunteer_deleted")
    post_save.connect(_organisation_changed, sender=Organisation, dispatch_uid=uid + "organisation_saved")
    post_delete.connect(_organisation_deleted, sender=Organisation, dispatch_uid=uid + "organisation_deleted")
    from matching.events import rows_bulk_saved

    rows_bulk_saved.connect(_rows_bulk_saved, dispatch_uid=uid + "rows_bulk_saved")
    for model, handler, name in (
        (Project, _project_m2m, "project"),
        (Volunteer, _volunteer_m2m, "volunteer"),
        (Organisation, _organisation_m2m, "organisation"),
    ):
        for field in ("categories", "service_regions", "skills"):
            if hasattr(model, field):
                m2m_changed.connect(handler, sender=getattr(model, field).through, dispatch_uid=f"{uid}{name}_{field}")
