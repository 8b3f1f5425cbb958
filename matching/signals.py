"""Boundary signals: a published need writes its response log line, whichever interface published it."""

from wagtail.signals import page_published


def _need_published(sender, instance, revision=None, **kwargs):
    from matching.services.needs import need_sync_response_log

    need_sync_response_log(need=instance, user=getattr(revision, "user", None))


def connect() -> None:
    from matching.models import NeedPage

    page_published.connect(_need_published, sender=NeedPage, dispatch_uid="matching.need_published")
