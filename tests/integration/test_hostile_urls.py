"""Hostile input in any URL gives a clear 400/404, never a 5xx (PostgreSQL, where NUL bytes and
integers past bigint are refused by the database itself).

Walks EVERY URL pattern of the project (the resolved urlconf, Wagtail's admin included), fills each
converter or named group with hostile values, and requests it as a superuser (the admin) and as an
organisation admin (portal, money screens); then every query parameter the public filters and the
API accept.
"""

import re
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from matching.models import Membership
from tests.factories import MembershipFactory, ProjectFactory, UserFactory, make_need

pytestmark = pytest.mark.django_db

HOSTILE = {
    "nul": "%00",
    "nul-inside": "1%00",
    "huge-int": "1" + "0" * 30,
    "negative": "-1",
    "unicode": quote("我１２３ｐｋ"),
    "traversal": "..%2F..%2Fetc%2Fpasswd",
    "dots": "..",
}
QUERY_HOSTILE = {**HOSTILE, "long": "9" * 400, "float": "1e309", "quote": quote("'\"<x>"), "empty": ""}

# What public pages read from the query string (cms/views.py, search_views.py, transparency/public.py).
PUBLIC_PARAMS = {
    "/needs/": ["region", "category", "urgency", "circle", "status", "page"],
    "/projects/": ["category", "page"],
    "/organisations/": ["page", "category"],
    "/search/": ["q", "kind", "region", "category", "page"],
    "/transparency/": ["since", "page"],
}


def _walk(resolver, prefix=()):
    for entry in resolver.url_patterns:
        parts = (*prefix, entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry, parts)
        elif isinstance(entry, URLPattern):
            yield parts


def _fill(pattern, value: str) -> str | None:
    """The piece of URL a pattern matches with every parameter set to `value`; None when it cannot be
    written without regex syntax."""
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:[^>:]+:)?[^>]+>", value, str(pattern._route))
    if isinstance(pattern, RegexPattern):
        text = re.sub(r"\(\?P<\w+>(?:[^()]|\([^()]*\))*\)", lambda _m: value, pattern._regex)
        text = text.lstrip("^").rstrip("$").replace(r"\.", ".").replace(r"\-", "-")
        if re.search(r"[\\()\[\]{}*+?|^$]", text):
            return None
        return text
    return None


def urls_with_parameters() -> list[str]:
    paths = set()
    for parts in _walk(get_resolver()):
        has_parameter = any(
            (isinstance(p, RoutePattern) and "<" in str(p._route))
            or (isinstance(p, RegexPattern) and "(?P<" in p._regex)
            for p in parts
        )
        if not has_parameter:
            continue
        for value in HOSTILE.values():
            pieces = [_fill(p, value) for p in parts]
            if None not in pieces:
                paths.add("/" + "".join(pieces))
    return sorted(paths)


@pytest.fixture
def world(db):
    make_need(county="360321", title="莲花县敬老院卫浴改造")
    membership = MembershipFactory(role=Membership.Role.ADMIN)
    ProjectFactory(organisation=membership.organisation)
    return {"admin": UserFactory(username="fuzz_root", is_superuser=True, is_staff=True), "org_admin": membership.user}


def _server_errors(client, urls) -> list[str]:
    client.raise_request_exception = False  # collect every 5xx, not only the first
    failures = []
    for url in urls:
        cache.clear()  # the API's throttle would answer 429 before the view sees the value
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {url}")
    return failures


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("NUL bytes and bigint overflows are refused by PostgreSQL: the fuzz runs there")


def test_the_walk_covers_every_parameterised_pattern():
    urls = urls_with_parameters()
    assert len(urls) > 400  # every pattern with a converter, times each hostile value
    assert any(u.startswith("/admin/pages/") for u in urls) and any(u.startswith("/portal/") for u in urls)


def test_no_url_pattern_answers_5xx_to_hostile_values(client, world, postgresql):
    urls = urls_with_parameters()
    failures = []
    for user in (world["admin"], world["org_admin"], None):
        client.logout()
        if user:
            client.force_login(user)
        failures += _server_errors(client, [u for u in urls if user is world["admin"] or not u.startswith("/admin/")])
    assert failures == [], "\n".join(failures)


def _api_params() -> dict[str, list[str]]:
    from api.views_public import (
        NeedViewSet,
        OrganisationViewSet,
        ProjectViewSet,
        RegionViewSet,
    )

    extra = ["page", "page_size", "ordering", "format", "search", "cursor"]
    return {
        f"/api/v1/{name}/": [*viewset.filterset_class.base_filters, *extra]
        for name, viewset in (
            ("needs", NeedViewSet),
            ("projects", ProjectViewSet),
            ("organisations", OrganisationViewSet),
            ("regions", RegionViewSet),
        )
    }


def test_no_public_filter_or_api_parameter_answers_5xx(client, world, postgresql):
    urls = [
        f"{path}?{name}={value}"
        for path, names in {**PUBLIC_PARAMS, **_api_params()}.items()
        for name in names
        for value in QUERY_HOSTILE.values()
    ]
    failures = _server_errors(client, urls)
    assert failures == [], "\n".join(failures)


def _admin_add_urls() -> list[str]:
    """Every parameterless add screen of the admin (Wagtail's generic model and snippet screens)."""
    urls = []
    for parts in _walk(get_resolver()):
        pieces = [_fill(p, "") for p in parts]
        if None in pieces or not isinstance(parts[-1], RoutePattern):
            continue
        url = "/" + "".join(pieces)
        if url.startswith("/admin/") and url.endswith(("/new/", "/add/")) and "<" not in "".join(map(str, parts)):
            urls.append(url)
    return sorted(set(urls))


def test_an_empty_or_partial_form_on_any_admin_add_screen_is_not_a_5xx(client, world):
    client.force_login(world["admin"])
    client.raise_request_exception = False
    urls = _admin_add_urls()
    assert "/admin/matches/new/" in urls
    failures = [
        f"{r.status_code} {url}"
        for url in urls
        for r in [client.post(url, {"status": "accepted", "note": "x", "title": "x", "name": "x"})]
        if r.status_code >= 500
    ]
    assert failures == [], "\n".join(failures)


def test_posting_a_new_match_in_the_admin_is_a_form_error_not_an_integrity_error(client, world):
    from matching.models import Match

    client.force_login(world["admin"])
    response = client.post("/admin/matches/new/", {"status": "accepted", "note": "x"})
    # Matches are made only through the match services: the admin refuses the add screen (sends the user
    # back to the admin home) or shows its form again; never an IntegrityError.
    assert response.status_code in (200, 302, 403, 404)
    assert not Match.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["/needs/?region=%00", "/projects/%00/", "/organisations/%00/", "/api/v1/needs/?category=%00", "/needs/?q=a%00b"],
)
def test_a_nul_byte_is_refused_with_a_message(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_byte_in_a_form_is_refused_and_nothing_is_written(client, world):
    client.force_login(world["org_admin"])
    response = client.post("/accounts/login/", {"login": "x\x00y", "password": "p"})
    assert response.status_code == 400


def test_a_nul_in_a_json_body_is_refused(client, db):
    response = client.post("/api/v1/org/projects/", data='{"title": "a\\u0000b"}', content_type="application/json")
    assert response.status_code == 400 and "NUL" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/100000000000000000000000000000/edit/",
        "/admin/snippets/matching/organisation/edit/100000000000000000000000000000/",
        "/api/v1/org/projects/100000000000000000000000000000/",
        "/admin/documents/chooser/chosen/abc/",
        "/admin/images/chooser/chosen/..%2F/",
    ],
)
def test_an_over_long_integer_or_a_non_number_id_in_a_url_is_not_found(client, world, url):
    cache.clear()
    client.force_login(world["admin"])
    assert client.get(url).status_code == 404
