"""The inbox pages: login required, own notifications only, mark read, preferences."""

import pytest
from django.urls import reverse

from matching.notifications.models import Notification, NotificationPreference
from matching.notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(client):
    user = UserFactory(username="inbox-alice")
    client.force_login(user)
    return user


def test_inbox_requires_login(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_inbox_lists_own_notifications_with_unread_count(client, alice):
    notify(recipients=[alice], kind="t", title="给爱丽丝的通知")
    notify(recipients=[UserFactory(username="inbox-bob")], kind="t", title="给鲍勃的通知")
    response = client.get(reverse("notifications:inbox"))
    html = response.content.decode()
    assert "给爱丽丝的通知" in html and "给鲍勃的通知" not in html
    assert 'data-unread="1"' in html
    assert client.get(reverse("notifications:unread_count")).json() == {"unread": 1}


def test_mark_read_own_and_404_for_someone_elses(client, alice):
    [mine] = notify(recipients=[alice], kind="t", title="我的", url="/needs/")
    [theirs] = notify(recipients=[UserFactory(username="inbox-carol")], kind="t", title="别人的")
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("notifications:mark_read", args=[mine.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/needs/"
    assert Notification.objects.get(pk=mine.pk).read_at is not None
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_read_never_redirects_off_site(client, alice):
    [n] = notify(recipients=[alice], kind="t", title="外链", url="https://evil.example/")
    response = client.post(reverse("notifications:mark_read", args=[n.pk]), {"open": "1"})
    assert response["Location"] == reverse("notifications:inbox")


def test_mark_all_read_touches_only_own(client, alice):
    notify(recipients=[alice], kind="t", title="一")
    notify(recipients=[alice], kind="t", title="二")
    [theirs] = notify(recipients=[UserFactory(username="inbox-dan")], kind="t", title="三")
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_preferences_save_and_bad_choice_is_refused(client, alice):
    response = client.post(reverse("notifications:preferences"), {"delivery": "hourly"})
    assert response.status_code == 200
    assert "请选择即时邮件或每日汇总邮件" in response.content.decode()
    assert not NotificationPreference.objects.exists()
    client.post(reverse("notifications:preferences"), {"delivery": "daily_digest"})
    assert NotificationPreference.objects.get(user=alice).delivery == "daily_digest"
