from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory


def test_sign_up_sends_an_email_verification_link(client, mailoutbox, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new@example.org",
                "password1": "a-Long-pass-9182",
                "password2": "a-Long-pass-9182",
            },
        )

    assert response.status_code == 302
    assert get_user_model().objects.filter(email="new@example.org").exists()
    assert len(mailoutbox) == 1
    assert "new@example.org" in mailoutbox[0].to
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_password_reset_sends_a_link(client, mailoutbox, db, django_capture_on_commit_callbacks):
    user = UserFactory(email="reset@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "reset@example.org"})

    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


@override_settings(ACCOUNT_RATE_LIMITS=False)  # allauth's own cache-based limit would answer first
def test_repeated_failed_logins_lock_the_account_even_with_the_right_password(client, db):
    UserFactory(username="target", password="right-pass-123")
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": "target", "password": "wrong"})

    response = client.post(url, {"login": "target", "password": "right-pass-123"})

    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_correct_login_works_before_the_limit(client, db):
    user = UserFactory(username="ok", password="right-pass-123")
    client.post(reverse("account_login"), {"login": "ok", "password": "wrong"})

    response = client.post(reverse("account_login"), {"login": "ok", "password": "right-pass-123"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@override_settings(ACCOUNT_RATE_LIMITS=False)  # allauth's own cache-based limit would answer first
def test_the_one_login_throttles_staff_too(client, db):
    UserFactory(username="staff", password="staff-pass-123", is_staff=True, is_superuser=True)
    url = reverse("account_login")

    ok = client.post(f"{url}?next=/admin/", {"login": "staff", "password": "staff-pass-123"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/" and "_auth_user_id" in client.session
    client.logout()
    for _ in range(5):
        client.post(url, {"login": "staff", "password": "nope"})
    locked = client.post(url, {"login": "staff", "password": "staff-pass-123"})

    assert locked.status_code == 429


def test_test_clients_login_without_a_request_is_not_blocked(client, db):
    UserFactory(username="plain", password="plain-pass-123")

    assert client.login(username="plain", password="plain-pass-123")


@override_settings(AXES_ENABLED=False, ACCOUNT_RATE_LIMITS=False)
def test_axes_can_be_switched_off(client, db):
    UserFactory(username="off", password="right-pass-123")
    for _ in range(6):
        client.post(reverse("account_login"), {"login": "off", "password": "wrong"})

    response = client.post(reverse("account_login"), {"login": "off", "password": "right-pass-123"})

    assert response.status_code == 302


def test_allauths_own_rate_limit_also_stops_guessing(client, db):
    UserFactory(username="guessed", password="right-pass-123")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "guessed", "password": "wrong"})

    response = client.post(reverse("account_login"), {"login": "guessed", "password": "right-pass-123"})

    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_a_signed_in_user_can_set_up_totp(client, db):
    UserFactory(username="mfa", password="right-pass-123")
    client.post(reverse("account_login"), {"login": "mfa", "password": "right-pass-123"})
    first = client.get(reverse("mfa_activate_totp"))
    assert reverse("account_reauthenticate") in first["Location"]  # setting up 2FA asks for the password again
    client.post(reverse("account_reauthenticate"), {"password": "right-pass-123"})

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200
    assert "otpauth://" in response.content.decode() or "data:image" in response.content.decode()


def _verified_user(username, email, password="right-pass-123"):
    return UserFactory(username=username, email=email, password=password)


@override_settings(ACCOUNT_RATE_LIMITS=False)
def test_lockout_counts_username_email_and_case_as_one_account(client, db):
    user = _verified_user("target2", "target2@example.org")
    url = reverse("account_login")
    for login in ("target2", "TARGET2", "target2@example.org", "Target2@Example.org", "target2"):
        client.post(url, {"login": login, "password": "wrong"})

    response = client.post(url, {"login": "target2@example.org", "password": "right-pass-123"})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert user.pk


@override_settings(ACCOUNT_RATE_LIMITS=False)
def test_a_locked_account_stays_locked_from_another_address(client, db):
    _verified_user("roamer", "roamer@example.org")
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": "roamer", "password": "wrong"}, REMOTE_ADDR="198.51.100.1")

    response = client.post(url, {"login": "roamer", "password": "right-pass-123"}, REMOTE_ADDR="203.0.113.50")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(ACCOUNT_RATE_LIMITS=False)
def test_one_address_guessing_many_accounts_is_locked_out(client, db):
    _verified_user("victim", "victim@example.org")
    url = reverse("account_login")
    for i in range(5):
        client.post(url, {"login": f"someone{i}", "password": "wrong"}, REMOTE_ADDR="198.51.100.2")

    response = client.post(url, {"login": "victim", "password": "right-pass-123"}, REMOTE_ADDR="198.51.100.2")

    assert response.status_code == 429


@override_settings(ACCOUNT_RATE_LIMITS=False, TRUSTED_PROXY_COUNT=0)
def test_a_forged_forwarded_for_does_not_reset_the_lockout(client, db):
    _verified_user("forged", "forged@example.org")
    url = reverse("account_login")
    for i in range(5):
        client.post(url, {"login": f"nobody{i}", "password": "wrong"}, HTTP_X_FORWARDED_FOR=f"10.1.1.{i}")

    response = client.post(url, {"login": "forged", "password": "right-pass-123"}, HTTP_X_FORWARDED_FOR="10.1.1.99")

    assert response.status_code == 429
