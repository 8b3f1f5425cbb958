import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from matching.models import Membership
from tests.factories import MatchFactory, MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory, make_need


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth's login rate limits live in the cache: one test's failed logins must not count in the next."""
    from django.core.cache import cache

    cache.clear()
    yield


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="证书.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="甲组织")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="乙组织")


@pytest.fixture
def admin_a(org_a):
    return MembershipFactory(organisation=org_a, role=Membership.Role.ADMIN).user


@pytest.fixture
def member_a(org_a):
    return MembershipFactory(organisation=org_a, role=Membership.Role.MEMBER).user


@pytest.fixture
def admin_b(org_b):
    return MembershipFactory(organisation=org_b, role=Membership.Role.ADMIN).user


@pytest.fixture
def project_a(org_a):
    return ProjectFactory(organisation=org_a, volunteer_slots=1)


@pytest.fixture
def project_b(org_b):
    return ProjectFactory(organisation=org_b)


@pytest.fixture
def match_a(project_a):
    need = make_need()
    return MatchFactory(need=need, project=project_a)


@pytest.fixture
def match_b(project_b):
    need = make_need(title="另一个需求")
    return MatchFactory(need=need, project=project_b)


@pytest.fixture
def stranger(db):
    return UserFactory()
