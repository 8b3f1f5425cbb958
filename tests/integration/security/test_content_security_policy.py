"""Every HTML page carries a Content-Security-Policy, and our templates need no inline script or style
(issue 11, item 17: there was no CSP at all)."""

import re
from pathlib import Path

import pytest

from tests.factories import UserFactory, make_need

ROOT = Path(__file__).resolve().parents[3]
# Wagtail admin templates run under the admin's own (looser) policy.
ADMIN_TEMPLATES = ("templates/matching/admin/", "templates/wagtailadmin/")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\s(on[a-z]+)\s*=\s*[\"']", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=\s*[\"']", re.I)
JS_URL = re.compile(r"href\s*=\s*[\"']javascript:", re.I)


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/needs/",
        "/transparency/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/open-data/",
    ],
)
def test_public_html_pages_carry_a_strict_policy(client, url):
    response = client.get(url)

    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html) and not INLINE_HANDLER.search(html)


@pytest.mark.django_db
def test_a_need_page_and_the_staff_dashboard_need_no_inline_code(client):
    need = make_need(county="360321", title="敬老院加装扶手")
    html = client.get(need.url).content.decode()
    assert not INLINE_SCRIPT.search(html) and not INLINE_STYLE.search(html)


@pytest.mark.django_db
def test_the_admin_has_its_own_policy_that_still_forbids_framing_and_plugins(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    policy = _policy(client.get("/admin/"))

    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


def _our_templates():
    for base in (ROOT / "site", ROOT / "matching", ROOT / "search"):
        for path in base.rglob("*.html"):
            rel = path.relative_to(ROOT).as_posix()
            if not any(part in rel for part in ADMIN_TEMPLATES):
                yield rel, path.read_text(encoding="utf-8")


def test_no_template_of_ours_has_inline_script_style_or_handlers():
    offenders = []
    for rel, text in _our_templates():
        for name, pattern in (
            ("script", INLINE_SCRIPT),
            ("style", INLINE_STYLE),
            ("handler", INLINE_HANDLER),
            ("javascript: url", JS_URL),
        ):
            if pattern.search(text):
                offenders.append(f"{rel}: inline {name}")
    assert offenders == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_api_docs_run_no_inline_script_and_load_nothing_from_a_cdn(client, url):
    response = client.get(url)

    html = response.content.decode()
    policy = _policy(response)
    assert response.status_code == 200
    assert "'unsafe-inline'" not in policy["script-src"]
    assert not INLINE_SCRIPT.search(html)
    assert "cdn.jsdelivr.net" not in html and "fonts.googleapis.com" not in html
