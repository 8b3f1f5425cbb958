"""The factories make what the services would make: staff with their region's real permissions, matches and
sign-ups that are valid rows."""

import pytest

from matching.permissions import region_in_scope
from matching.permissions.accounts import can_enter_admin
from tests.factories import MatchFactory, StaffFactory, VolunteerSignupFactory, make_need

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
