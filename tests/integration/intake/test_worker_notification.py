"""End to end with a real Celery worker: a report arrives → the county's officer gets an email."""

import pytest
from django.urls import reverse

from tests.celery_worker import celery_worker_fixture

from .conftest import PRIVATE_VALUES, form_data

celery_worker_process, celery_worker = celery_worker_fixture(redis_db=12, name="celery_worker")

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def test_county_staff_get_an_email_from_the_worker_without_personal_data(client, county_staff, celery_worker):
    client.force_login(county_staff)
    assert client.post(reverse("intake:report_new"), form_data()).status_code == 302
    [message] = celery_worker.wait_for_emails(1)
    assert "To: lh@example.org" in message
    assert "/intake/reports/rpt-" in message and "新受理报告：莲花县" in message  # body is readable, not encoded
    assert all(value not in message for value in PRIVATE_VALUES)
