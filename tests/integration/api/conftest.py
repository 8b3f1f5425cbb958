import pytest
from django.core.cache import cache

from api.models import ApiToken
from api.services import api_token_issue
from matching.models import Membership
from tests.factories import MatchFactory, MembershipFactory, OrganisationFactory, ProjectFactory, make_need

ALL_SCOPES = list(ApiToken.Scope.values)


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    cache.clear()
    yield
    cache.clear()


def issue(org, scopes=None):
    admin = Membership.objects.filter(organisation=org, role="admin").first()
    user = admin.user if admin else MembershipFactory(organisation=org, role="admin").user
    return api_token_issue(user=user, organisation=org, name="测试", scopes=scopes or ALL_SCOPES)


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="甲组织")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="乙组织")


@pytest.fixture
def key_a(org_a):
    return issue(org_a)[1]


@pytest.fixture
def key_b(org_b):
    return issue(org_b)[1]


@pytest.fixture
def project_a(org_a):
    return ProjectFactory(organisation=org_a)


@pytest.fixture
def project_b(org_b):
    return ProjectFactory(organisation=org_b)


@pytest.fixture
def match_b(project_b):
    return MatchFactory(need=make_need(title="乙的需求"), project=project_b)


@pytest.fixture
def match_a(project_a):
    return MatchFactory(need=make_need(title="甲的需求"), project=project_a)


def auth(key):
    return {"HTTP_AUTHORIZATION": f"Token {key}"}
