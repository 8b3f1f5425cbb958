"""The factories make what the services would make: staff with their region's real permissions, need pages in
the region tree, and matches, sign-ups and the other records as valid rows."""

import pytest

from matching.permissions import region_in_scope
from matching.permissions.accounts import can_enter_admin
from tests.factories import (
    BeneficiaryRecordFactory,
    DonationFactory,
    HoursEntryFactory,
    InterestDeclarationFactory,
    MatchFactory,
    NeedPageFactory,
    NotificationPreferenceFactory,
    ProgressReportFactory,
    RegionFactory,
    StaffFactory,
    VolunteerAvailabilityFactory,
    VolunteerSignupFactory,
    make_need,
)

pytestmark = pytest.mark.django_db


def test_staff_factory_makes_a_scoped_staff_member_through_the_service():
    officer = StaffFactory(region_code="360321")
    clerk = StaffFactory(region_code="360300", role="clerk")

    assert can_enter_admin(officer) and can_enter_admin(clerk)
    assert region_in_scope(officer, "360321") and not region_in_scope(officer, "360322")
    assert region_in_scope(clerk, "360322") and not region_in_scope(clerk, "360000")
    assert officer.check_password("demo-pass-123")


def test_match_and_signup_factories_make_valid_rows():
    match = MatchFactory(need=make_need(county="360321"))
    signup = VolunteerSignupFactory(project=match.project)

    match.full_clean()
    signup.full_clean()
    assert match.status == "proposed" and signup.status == "pending"
    assert signup.project.matches.get() == match


def test_need_page_factory_puts_an_unpublished_page_under_its_county():
    from matching.models import NeedPage

    page = NeedPageFactory(county=RegionFactory(code="360322"), categories=["children"])

    page.full_clean()
    stored = NeedPage.objects.get(pk=page.pk)
    assert stored.get_parent().specific.region.code == "360322" and stored.county.code == "360322"
    assert not stored.live and stored.slug == stored.ref
    assert list(stored.categories.values_list("code", flat=True)) == ["children"]
    assert not stored.response_log.exists()


def test_region_factory_returns_the_datasets_region_and_makes_none():
    from matching.models import Region

    before = Region.objects.count()

    lianhua = RegionFactory()

    assert (lianhua.code, lianhua.name, lianhua.level) == ("360321", "莲花县", Region.Level.COUNTY)
    assert Region.objects.count() == before


def test_the_record_factories_make_valid_rows():
    need = make_need(county="360321")
    rows = [
        BeneficiaryRecordFactory(need=need),
        ProgressReportFactory(),
        DonationFactory(),
        InterestDeclarationFactory(),
        NotificationPreferenceFactory(),
        HoursEntryFactory(),
        VolunteerAvailabilityFactory(),
    ]

    for row in rows:
        row.full_clean()
    donation = rows[2]
    assert donation.status == "pending" and donation.succeeded_at is None
    assert rows[5].signup.status == "approved"
    assert str(rows[0]) and "欧阳秀兰" not in str(rows[0])  # a beneficiary's name never shows in its label
