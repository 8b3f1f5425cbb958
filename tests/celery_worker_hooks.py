"""Loaded by the test worker (`celery worker -I tests.celery_worker_hooks`), never by the product.

The test worker lives for the whole session while transactional tests flush the database between
tests; the flush recreates content types with new ids, so the worker forgets Django's cached
content types before each task, as a fresh worker process would have none.
"""

from celery.signals import task_prerun


@task_prerun.connect
def _forget_cached_rows(**_):
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
