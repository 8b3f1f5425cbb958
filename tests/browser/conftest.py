"""Playwright driving Debian's Chromium against the live test server. Screenshots go to test-artifacts/."""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _new_page(browser, contexts: list, *, base_url: str, locale: str, width: int = 1280, bypass_csp: bool = False):
    context = browser.new_context(
        base_url=base_url, locale=locale, bypass_csp=bypass_csp, viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(20_000)
    contexts.append(context)
    return context.new_page()


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def make(locale: str = "zh-CN"):
        return _new_page(browser, contexts, base_url=live_server.url, locale=locale)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shot(request):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    counter = {"n": 0}

    def take(page, name: str):
        counter["n"] += 1
        path = ARTIFACTS / f"{request.node.name}-{counter['n']:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def email_verified_ensure(username: str) -> None:
    """Sign-in needs a verified e-mail (allauth): give a staff account made without one a verified address."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    if not user.email:
        user.email = f"{username}@example.org"
        user.save(update_fields=["email"])
    EmailAddress.objects.update_or_create(
        user=user, email=user.email.lower(), defaults={"verified": True, "primary": True}
    )


def admin_login(page, username: str, password: str) -> None:
    """Staff sign in on the one sign-in page; /admin/login/ hands over to it and returns to the admin."""
    email_verified_ensure(username)
    page.goto("/admin/login/")
    page.wait_for_url("**/accounts/login/**")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.fixture(scope="module")
def site_server(django_db_setup, django_db_blocker):
    """One live server and one set of data for a whole module of journeys (each journey only adds its own
    rows): the database stays open for the module and is flushed once at its end."""
    from django.core.management import call_command
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    from matching.services.bootstrap import base_data_ensure, base_data_present

    with django_db_blocker.unblock():
        if not base_data_present():
            base_data_ensure()
        server = LiveServer("localhost:0")
        server._live_server_modified_settings.enable()
        with override_settings(WAGTAIL_AUTOSAVE_INTERVAL=0):
            try:
                yield server
            finally:
                server._live_server_modified_settings.disable()
                server.stop()
                call_command("flush", interactive=False, verbosity=0)
                base_data_ensure()


@pytest.fixture(scope="module")
def module_page(browser, site_server):
    """A fresh browser context per journey, on the module's server."""
    contexts = []

    def make(locale: str = "zh-CN", width: int = 1280):
        # bypass_csp: axe-core is injected as a script the site's policy rightly refuses (the policy itself
        # is guarded by test_content_security_policy.py).
        return _new_page(browser, contexts, base_url=site_server.url, locale=locale, width=width, bypass_csp=True)

    yield make
    for context in contexts:
        context.close()
