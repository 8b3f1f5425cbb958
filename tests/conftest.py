import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped region dataset once per test database."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_regions", verbosity=0)


@pytest.fixture
def county_lianhua(db):
    from matching.models import Region

    return Region.objects.get(code="360321")
