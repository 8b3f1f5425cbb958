"""Boundary signals: a published need writes its response log line, whichever interface published it;
rows written in bulk announce themselves once per batch (``rows_bulk_saved``)."""
from django.dispatch import Signal
from wagtail.signals import page_published

# Rows of one model written in bulk (no post_save per row): sent once per batch, inside the transaction,
# with sender=the model, refs=their external refs and published=the refs of needs that went live. What
# listens to post_save for single rows (the search outbox, the transparency cache, the kept figures)
# listens to this as well.
rows_bulk_saved = Signal()


def _need_published(sender, instance, revision=None, **kwargs):
    from matching.services.needs import need_sync_response_log

    need_sync_response_log(need=instance, user=getattr(revision, "user", None))


def connect() -> None:
    from matching.models import NeedPage

    page_published.connect(_need_published, sender=NeedPage, dispatch_uid="matching.need_published")
