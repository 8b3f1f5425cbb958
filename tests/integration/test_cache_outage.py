"""Redis down: pages are served uncached and writes are kept, never a 500 or a rollback.

The cache is pointed at a closed port, built from its URL exactly as the settings build it, so the
client really fails to connect.
"""

import logging
import socket

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core.cache import cache

from config.settings.base import cache_settings
from matching.models import Project
from matching.outcomes import cache as tcache
from tests.factories import MembershipFactory, ProjectFactory, UserFactory, make_need

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket is: nobody listens there


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": cache_settings(f"redis://127.0.0.1:{_closed_port()}/0")}
    yield
    cache.close()


@pytest.fixture
def published(db):
    need = make_need(county="360321", title="莲花县敬老院卫浴改造")
    project = ProjectFactory(title="莲花县助老行动")
    return need, project


@pytest.mark.parametrize(
    "path",
    ["/", "/needs/", "/projects/", "/transparency/", "/api/v1/needs/", "/api/v1/projects/", "/api/v1/transparency/"],
)
def test_public_pages_answer_uncached_when_redis_is_down(client, published, redis_down, path):
    response = client.get(path)
    assert response.status_code == 200


def test_need_page_answers_when_redis_is_down(client, published, redis_down):
    need, _ = published
    response = client.get(need.url)
    assert response.status_code == 200
    assert "莲花县敬老院卫浴改造" in response.content.decode()


def test_portal_sign_in_works_and_the_session_survives_when_redis_is_down(client, db, redis_down):
    user = UserFactory(username="signin_outage", password="right-pass-123")
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})

    response = client.post("/accounts/login/", {"login": "signin_outage", "password": "right-pass-123"})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get("/portal/").status_code == 200


def test_a_project_save_is_kept_when_redis_is_down(db, redis_down, django_capture_on_commit_callbacks):
    member = MembershipFactory()
    project = ProjectFactory(organisation=member.organisation, title="旧标题")

    with django_capture_on_commit_callbacks(execute=True):
        project.title = "新标题"
        project.save()

    assert Project.objects.get(pk=project.pk).title == "新标题"


def test_the_outage_is_logged_once_not_per_call(redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        for _ in range(5):
            assert cache.get("anything") is None
            cache.set("anything", 1)
            tcache.bump()
    warnings = [r for r in caplog.records if r.name == "config.cache"]
    assert len(warnings) == 1 and "unreachable" in warnings[0].getMessage()


def test_sessions_do_not_live_only_in_the_cache():
    assert django_settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    )
