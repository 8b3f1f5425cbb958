import pytest

DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped region dataset once per test database."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_regions", verbosity=0)


@pytest.fixture(autouse=True)
def _base_data(request):
    """Put the base data back when a transactional test's flush removed it (regions, home page, workflow)."""
    if not (DB_FIXTURES & set(request.fixturenames) or request.node.get_closest_marker("django_db")):
        return
    request.getfixturevalue("_django_db_helper")
    from matching.services.bootstrap import base_data_ensure, base_data_present

    if not base_data_present():
        base_data_ensure()


@pytest.fixture
def county_lianhua(db):
    from matching.models import Region

    return Region.objects.get(code="360321")


def _allow_ledger_truncate(sender, connection, **kwargs):
    """The suite flushes the database between transactional tests with TRUNCATE, which the ledger
    refuses unless the session switches it on (funding migration 0007). Only the suite does this."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET bangfu.ledger_truncate = 'allow'")


from django.db.backends.signals import connection_created  # noqa: E402

connection_created.connect(_allow_ledger_truncate, dispatch_uid="tests-allow-ledger-truncate")
