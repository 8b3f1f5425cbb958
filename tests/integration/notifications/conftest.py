import pytest
from django.core.management import call_command

from tests.celery_worker import celery_worker_fixture

# A real worker on Redis database 11: one subprocess for the session, the app pointed at it per test.
celery_worker_process, celery_worker = celery_worker_fixture(redis_db=11)


@pytest.fixture
def worker(celery_worker):
    return celery_worker


@pytest.fixture
def regions_present(db):
    """A transactional test before this one may have flushed the database: reload the regions."""
    from matching.models import Region

    if not Region.objects.exists():
        call_command("load_regions", verbosity=0)
