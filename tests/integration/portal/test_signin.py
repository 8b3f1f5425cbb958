"""One sign-in path for everybody (issue 11 item 4, issue 10 item 1): the admin's login hands over to
allauth's, which asks for the second factor of anyone who has one and refuses unverified e-mail; staff who
publish, vet or move money must set up TOTP first."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth.models import Permission
from django.urls import reverse

from matching.models import Membership
from matching.permissions import requires_second_factor
from tests.factories import MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _totp_user(username="with_totp", **extra):
    user = UserFactory(username=username, password="right-pass-123", **extra)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def _code(secret):
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_the_admin_login_hands_over_to_the_one_sign_in_page_keeping_next(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == LOGIN and parse_qs(target.query)["next"] == ["/admin/pages/"]


def test_the_admin_login_refuses_an_off_site_next(client):
    response = client.get("/admin/login/?next=https://evil.example/")

    assert parse_qs(urlsplit(response["Location"]).query)["next"] == ["/admin/"]


def test_a_password_posted_to_the_admin_login_gives_no_session_when_totp_is_active(client):
    """Issue 11, item 4: POST /admin/login/ with the password alone gave a session that opened /portal/."""
    _totp_user(is_staff=True, is_superuser=True)

    client.post("/admin/login/", {"username": "with_totp", "password": "right-pass-123"})

    assert not _signed_in(client)
    assert client.get("/portal/").status_code == 302


def test_an_unverified_email_gets_no_session_at_either_login(client):
    """Issue 11, item 4: refused at /accounts/login/ but given a session through /admin/login/."""
    UserFactory(username="unverified", password="right-pass-123", email_verified=False, is_staff=True)

    client.post(LOGIN, {"login": "unverified", "password": "right-pass-123"})
    assert not _signed_in(client)
    client.post("/admin/login/", {"username": "unverified", "password": "right-pass-123"})
    assert not _signed_in(client)


def test_totp_is_asked_at_sign_in_and_the_admin_is_reached_after_the_code(client):
    _, secret = _totp_user(is_staff=True, is_superuser=True)

    first = client.post(f"{LOGIN}?next=/admin/", {"login": "with_totp", "password": "right-pass-123"})
    assert first.status_code == 302 and first["Location"].startswith(reverse("mfa_authenticate"))
    assert not _signed_in(client)
    assert client.get("/admin/").status_code == 302

    done = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})

    assert _signed_in(client)
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/",
        "/portal/",
        "/dashboard/",
        "/intake/",
        "/portal/volunteer/",
        "/outcomes/projects/p-1/reports/new/",
        "/portal/projects/1/money/",
    ],
)
def test_every_please_sign_in_redirect_reaches_the_one_login_and_returns(client, url):
    response = client.get(url, follow=True)

    assert response.status_code == 200 and response.redirect_chain
    target = urlsplit(response.redirect_chain[-1][0])  # the admin's refusals pass its hand-over first
    assert target.path == LOGIN, response.redirect_chain
    assert parse_qs(target.query)["next"][0].startswith(url.rstrip("/"))


def test_signing_in_returns_to_where_the_user_was_going(client):
    UserFactory(username="goer", password="right-pass-123")

    response = client.post(f"{LOGIN}?next=/portal/volunteer/", {"login": "goer", "password": "right-pass-123"})

    assert response["Location"] == "/portal/volunteer/"


def test_the_headers_sign_in_lands_staff_on_their_screens_and_everyone_else_in_the_portal(client):
    StaffFactory(username="header_staff")
    UserFactory(username="header_member", password="right-pass-123")
    header = client.get("/").content.decode()
    assert f'href="{LOGIN}"' in header and "/portal/" not in header

    response = client.post(LOGIN, {"login": "header_staff", "password": "demo-pass-123"})
    assert response["Location"] == "/admin/"
    page = client.get("/").content.decode()
    assert 'href="/admin/">管理后台</a>' in page and 'href="/portal/">我的工作台</a>' in page
    client.logout()

    response = client.post(LOGIN, {"login": "header_member", "password": "right-pass-123"})
    assert response["Location"] == "/portal/"
    page = client.get("/").content.decode()
    assert "管理后台" not in page and 'href="/portal/">我的工作台</a>' in page


def test_staff_who_publish_vet_or_move_money_must_set_up_totp_first(client, settings):
    settings.BANGFU_REQUIRE_SECOND_FACTOR = True
    staff = UserFactory(username="officer_no_totp", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert client.get("/dashboard/")["Location"].startswith(reverse("mfa_activate_totp"))
    assert client.get("/").status_code == 200  # public pages stay open
    TOTP.activate(staff, generate_totp_secret())
    assert client.get("/admin/").status_code == 200


def test_people_who_move_no_money_are_not_asked_for_totp(client, settings):
    settings.BANGFU_REQUIRE_SECOND_FACTOR = True
    member = MembershipFactory(role=Membership.Role.MEMBER).user
    client.force_login(member)

    assert client.get("/portal/").status_code == 200


def test_who_requires_a_second_factor():
    admin = MembershipFactory(role=Membership.Role.ADMIN).user
    member = MembershipFactory(role=Membership.Role.MEMBER).user
    plain = UserFactory()

    assert requires_second_factor(admin)
    assert requires_second_factor(UserFactory(is_superuser=True))
    assert not requires_second_factor(member)
    assert not requires_second_factor(plain)


def test_a_new_sign_up_verifies_once_and_lands_in_the_portal(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": "fresh@example.org", "password1": "a-Long-pass-9182", "password2": "a-Long-pass-9182"},
        )
    assert not _signed_in(client)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[-1].body).group(0)
    path = urlsplit(link).path

    response = client.post(path)

    assert response["Location"] == "/portal/"
    assert _signed_in(client)
    assert client.get("/portal/").status_code == 200


def test_sign_up_does_not_tell_whether_an_account_exists(client, mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(username="taken", email="taken@example.org")
    form = client.get(reverse("account_signup")).content.decode()
    assert 'name="username"' not in form  # no username to probe

    def sign_up(email):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("account_signup"),
                {"email": email, "password1": "a-Long-pass-9182", "password2": "a-Long-pass-9182"},
            )

    existing, new = sign_up("taken@example.org"), sign_up("brand-new@example.org")

    assert existing.status_code == new.status_code == 302
    assert existing["Location"] == new["Location"]
    assert len(mailoutbox) == 2  # the owner of the taken address is told, by mail, not the stranger


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client):
    UserFactory(email="known@example.org")

    known = client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_the_admin_password_reset_hands_over_too(client):
    response = client.get("/admin/password_reset/")

    assert response.status_code == 302 and response["Location"] == reverse("account_reset_password")


def test_a_password_shorter_than_twelve_characters_is_refused_at_sign_up(client):
    response = client.post(
        reverse("account_signup"), {"email": "short@example.org", "password1": "Kx9#mPq2vL", "password2": "Kx9#mPq2vL"}
    )

    assert response.status_code == 200
    assert not _signed_in(client)
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="short@example.org").exists()
