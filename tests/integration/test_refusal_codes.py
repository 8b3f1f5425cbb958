"""Refusals of the portal's services carry stable codes beside their Chinese messages (matching/errors.py):
an organisation's last admin, an interest declared twice, a delivery reversed without a reason, a report
without its narrative. Each is asserted by code, so rewording a message breaks no program."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from matching.errors import error_codes
from matching.models import InterestDeclaration, Membership
from matching.outcomes.services.reports import report_file
from matching.services.interests import interest_declare, organisation_for_declaration
from matching.services.membership import member_remove, member_set_role
from tests.factories import MembershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _codes(call) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return error_codes(caught.value)


def test_the_last_admin_is_kept_with_its_code():
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    org = admin.organisation
    assert _codes(lambda: member_set_role(user=admin.user, organisation=org, member=admin, role="member")) == {
        "last_admin"
    }
    assert _codes(lambda: member_remove(user=admin.user, organisation=org, member=admin)) == {"last_admin"}
    assert _codes(lambda: member_set_role(user=admin.user, organisation=org, member=admin, role="owner")) == {
        "unknown_role"
    }


def test_interest_refusals_carry_their_codes():
    member = MembershipFactory(role=Membership.Role.ADMIN)
    org, user = member.organisation, member.user
    assert _codes(lambda: organisation_for_declaration(text="")) == {"organisation_required"}
    assert _codes(lambda: organisation_for_declaration(text="没有这个组织")) == {"organisation_not_found"}
    assert _codes(lambda: interest_declare(user=user, organisation=org, kind="nonsense", reason="")) == {
        "kind_required",
        "reason_required",
    }
    interest_declare(user=user, organisation=org, kind=InterestDeclaration.Kind.FAMILY, reason="亲属")
    assert _codes(
        lambda: interest_declare(user=user, organisation=org, kind=InterestDeclaration.Kind.FAMILY, reason="再次")
    ) == {"already_declared"}


def test_a_report_without_narrative_or_period_names_each_code():
    project = ProjectFactory()
    author = MembershipFactory(organisation=project.organisation).user
    codes = _codes(
        lambda: report_file(
            project=project,
            user=author,
            period_start=datetime.date(2026, 6, 1),
            period_end=datetime.date(2026, 5, 1),
            narrative=" ",
        )
    )
    assert codes == {"narrative_required", "period_ends_before_start"}
