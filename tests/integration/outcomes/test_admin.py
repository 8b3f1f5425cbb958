"""Staff read reports and deliveries in the admin; nobody adds, edits or deletes them there."""

import datetime as dt

import pytest

from matching.outcomes.services.reports import BeneficiaryCounts, report_file
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


def test_reports_listed_and_inspectable_but_not_editable(admin_client, project, member):
    report = report_file(
        project=project,
        user=member,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        narrative="管理后台可见",
        counts=BeneficiaryCounts(),
    )
    listing = admin_client.get("/admin/progress_reports/")
    assert listing.status_code == 200 and project.title in listing.content.decode()
    assert admin_client.get(f"/admin/progress_reports/inspect/{report.pk}/").status_code == 200
    assert admin_client.get("/admin/progress_reports/new/").status_code in (302, 403)
    assert admin_client.get(f"/admin/progress_reports/edit/{report.pk}/").status_code in (302, 403)
    assert admin_client.get("/admin/delivery_records/").status_code == 200
