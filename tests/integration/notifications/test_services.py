"""notify and its helpers, in-process (eager tasks, locmem email)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from matching.models import Region, StaffScope
from matching.notifications.models import Notification
from matching.notifications.services import notify, notify_organisation, notify_region_staff
from matching.services.staff import staff_user_add
from tests.factories import MembershipFactory, NotificationPreferenceFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_notify_writes_one_line_per_distinct_recipient_and_emails_after_commit(django_capture_on_commit_callbacks):
    alice = UserFactory(username="s-alice", email="alice@example.org")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = notify(recipients=[alice, alice], kind="test.one", title="您好", body="正文")
    assert len(created) == 1 and len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert mail.outbox[0].subject == "[帮扶] 您好"
    assert Notification.objects.get().emailed_at is not None


def test_digest_users_and_users_without_email_get_no_immediate_email(django_capture_on_commit_callbacks):
    digest = UserFactory(username="s-digest", email="d@example.org")
    NotificationPreferenceFactory(user=digest, delivery="daily_digest")
    no_email = UserFactory(username="s-noemail", email="")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[digest, no_email], kind="test.two", title="汇总")
    assert mail.outbox == []
    assert Notification.objects.count() == 2


def test_rolled_back_caller_leaves_nothing(django_capture_on_commit_callbacks):
    alice = UserFactory(username="s-rb", email="rb@example.org")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                notify(recipients=[alice], kind="test.rb", title="回滚")
                raise RuntimeError
    assert callbacks == [] and mail.outbox == [] and not Notification.objects.exists()


def test_notify_without_title_is_refused():
    with pytest.raises(ValidationError):
        notify(recipients=[UserFactory()], kind="test", title="")
    assert not Notification.objects.exists()


def test_notify_organisation_reaches_its_members_only():
    member = MembershipFactory().user
    other = MembershipFactory().user
    notify_organisation(organisation=member.memberships.get().organisation, kind="org.x", title="组织通知")
    assert list(Notification.objects.values_list("recipient", flat=True)) == [member.pk]
    assert not Notification.objects.filter(recipient=other).exists()


def test_notify_region_staff_reaches_covering_scopes_only():
    county = Region.objects.get(code="360321")  # 莲花县, 萍乡市 360300, 江西省 360000
    county_officer = staff_user_add(username="lh", password="x", region=county)
    prefecture_clerk = staff_user_add(
        username="px", password="x", region=Region.objects.get(code="360300"), role=StaffScope.Role.CLERK
    )
    other_county = staff_user_add(username="other", password="x", region=Region.objects.get(code="360322"))
    OrganisationFactory()
    notify_region_staff(region=county, kind="intake.report", title="新报告")
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {county_officer.username, prefecture_clerk.username} == {"lh", "px"}
    assert other_county.username not in recipients
    assert prefecture_clerk.username in recipients
