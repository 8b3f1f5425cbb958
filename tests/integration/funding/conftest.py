import pytest

from matching.models import Membership, NeedPage, Region
from tests.factories import MembershipFactory, ProjectFactory, make_document, make_need
from tests.stripe_server import LocalStripe


@pytest.fixture(scope="session")
def localstripe():
    server = LocalStripe()
    yield server
    server.stop()


@pytest.fixture
def stripe_local(localstripe, settings):
    """Point the provider at the local Stripe test server, in test mode (server-side test card)."""
    settings.STRIPE_API_BASE = localstripe.url
    settings.STRIPE_SECRET_KEY = "sk_test_bangfu_local"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_bangfu_test"
    settings.FUNDING_SERVER_SIDE_TEST_PAYMENTS = True
    return localstripe


@pytest.fixture
def regions_present(db):
    """A transactional test before this one flushed the database: reload the region dataset (the suite's
    `_base_data` fixture restores what migrations created: root and home page, taxonomy, workflow).

    No test uses serialized_rollback: its reload collides with the content types that any other
    transactional test's flush recreates under new ids (duplicate key on django_content_type)."""
    if not Region.objects.exists():
        from django.core.management import call_command

        call_command("load_regions", verbosity=0)


@pytest.fixture
def document(db):
    return make_document(title="拨款文件", filename="grant.txt", content=b"demo document")


@pytest.fixture
def org_admin(regions_present):
    return MembershipFactory(role=Membership.Role.ADMIN).user


@pytest.fixture
def project(org_admin):
    return ProjectFactory(organisation=org_admin.memberships.get().organisation)


@pytest.fixture
def org_admin2(project):
    return MembershipFactory(organisation=project.organisation, role=Membership.Role.ADMIN).user


@pytest.fixture
def org_member(project):
    return MembershipFactory(organisation=project.organisation, role=Membership.Role.MEMBER).user


@pytest.fixture
def need(regions_present):
    return make_need(county="360321")


@pytest.fixture
def emergency_need(regions_present):
    return make_need(county="360321", title="莲花县某户火灾急难救助", circle=NeedPage.Circle.EMERGENCY)


def make_region_staff(code: str, username: str):
    """An officer (民政干部) of the region: they confirm money and release advances."""
    from matching.services.staff import staff_user_add

    user = staff_user_add(username=username, password="x", region=Region.objects.get(code=code))
    return user


@pytest.fixture
def lianhua_staff(regions_present):
    return make_region_staff("360321", "lianhua_staff")


@pytest.fixture
def other_county_staff(regions_present):
    return make_region_staff("360322", "shangli_staff")


@pytest.fixture
def post_event(client, settings, django_capture_on_commit_callbacks):
    """Deliver an event to the webhook exactly as Stripe signs it (after-commit work runs, as in production)."""
    from tests.stripe_server import stripe_event, stripe_signature

    def post(event_id, type_, obj, *, secret=None, timestamp=None, payload=None):
        body = payload if payload is not None else stripe_event(event_id, type_, obj)
        header = stripe_signature(body, secret or settings.STRIPE_WEBHOOK_SECRET, timestamp)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/funding/webhooks/stripe/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
            )

    return post


@pytest.fixture
def paid_donation(stripe_local, project):
    """A donation whose payment succeeded at the local Stripe server (no webhook delivered yet)."""
    from matching.funding.services.donations import donation_start

    donation, start = donation_start(project=project, amount=10_000, donor_name="王芳", email="wf@example.org")
    assert start.status == "succeeded"
    return donation
