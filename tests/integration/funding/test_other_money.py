import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from matching.errors import error_codes
from matching.funding.error_codes import FundingErrorCode
from matching.funding.models import Disbursement, Grant, LedgerTransaction, Pledge
from matching.funding.selectors import advances_overdue, need_funding, project_funding
from matching.funding.services.disbursements import (
    advance_paperwork_submit,
    advance_release,
    disbursement_approve,
    disbursement_confirm,
    disbursement_create,
    disbursement_reject,
)
from matching.funding.services.grants import grant_record, pledge_commit, pledge_create, pledge_fulfil
from matching.funding.services.ledger import InsufficientFunds
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded(project, org_admin, document):
    grant_record(
        project=project,
        source="central_relief",
        source_detail="赣财社〔2026〕1号",
        amount=10_000_000,
        document=document,
        user=org_admin,
    )
    return project


def test_grant_with_document_enters_the_project(funded, project):
    grant = Grant.objects.get()
    assert grant.transaction.kind == "grant" and grant.document is not None
    assert project_funding(project=project).raised.fen == 10_000_000


def test_own_funds_come_from_the_organisations_account(project, org_admin, document):
    grant_record(project=project, source="own_funds", amount=50_000, document=document, user=org_admin)
    assert LedgerTransaction.objects.get().kind == "own_funds"
    assert project_funding(project=project).balance.fen == 50_000


def test_grant_needs_a_document_a_known_source_and_a_valid_amount(project, org_admin, document):
    with pytest.raises(ValidationError) as refused:
        grant_record(project=project, source="central_relief", amount=100, document=None, user=org_admin)
    assert error_codes(refused.value) == {FundingErrorCode.DOCUMENT_REQUIRED}
    with pytest.raises(ValidationError) as refused:
        grant_record(project=project, source="lottery?", amount=100, document=document, user=org_admin)
    assert error_codes(refused.value) == {FundingErrorCode.UNKNOWN_FUND_SOURCE}
    for bad, code in (
        (0, FundingErrorCode.AMOUNT_ZERO),
        (-5, FundingErrorCode.AMOUNT_NEGATIVE),
        (10**16, FundingErrorCode.AMOUNT_TOO_LARGE),
    ):
        with pytest.raises(ValidationError) as refused:
            grant_record(project=project, source="central_relief", amount=bad, document=document, user=org_admin)
        assert error_codes(refused.value) == {code}
    with pytest.raises(ValidationError) as refused:
        grant_record(
            project=project, source="central_relief", amount=100, currency="USD", document=document, user=org_admin
        )
    assert error_codes(refused.value) == {FundingErrorCode.UNSUPPORTED_CURRENCY}
    assert not Grant.objects.exists() and not LedgerTransaction.objects.exists()


def test_a_stranger_cannot_record_grants(project, document):
    with pytest.raises(PermissionDenied):
        grant_record(project=project, source="central_relief", amount=100, document=document, user=UserFactory())
    assert not LedgerTransaction.objects.exists()


def test_pledge_becomes_commitment_then_money(project, org_admin, document):
    pledge = pledge_create(project=project, pledger="萍乡市某企业", source="other", amount=300_000, user=org_admin)
    assert project_funding(project=project).raised.fen == 0
    with pytest.raises(ValidationError) as refused:
        pledge_fulfil(pledge=pledge, document=document, user=org_admin)
    assert error_codes(refused.value) == {FundingErrorCode.PLEDGE_STEP_NOT_ALLOWED}

    pledge_commit(pledge=pledge, document=document, user=org_admin)
    pledge_fulfil(pledge=pledge, document=document, user=org_admin)

    assert Pledge.objects.get().status == "fulfilled"
    assert project_funding(project=project).raised.fen == 300_000


def test_small_disbursement_goes_straight_to_region_confirmation(funded, need, org_member, lianhua_staff, document):
    d = disbursement_create(
        project=funded, need=need, amount=100_000, purpose="购置轮椅", receipt=document, user=org_member
    )
    assert d.status == "awaiting_confirmation"
    assert project_funding(project=funded).allocated.fen == 100_000
    assert need_funding(need=need).allocated.fen == 100_000

    disbursement_confirm(disbursement=d, user=lianhua_staff)

    figures = project_funding(project=funded)
    assert (figures.allocated.fen, figures.spent.fen, figures.balance.fen) == (0, 100_000, 9_900_000)
    assert need_funding(need=need).spent.fen == 100_000


def test_large_disbursement_needs_a_second_person(
    funded, need, org_admin, org_admin2, lianhua_staff, document, settings
):
    settings.FUNDING_DISBURSEMENT_APPROVAL_THRESHOLD = 1_000_000
    d = disbursement_create(
        project=funded, need=need, amount=2_000_000, purpose="改造卫浴", receipt=document, user=org_admin
    )
    assert d.status == "pending_approval"
    with pytest.raises(ValidationError) as refused:
        disbursement_confirm(disbursement=d, user=lianhua_staff)
    assert error_codes(refused.value) == {FundingErrorCode.DISBURSEMENT_STEP_NOT_ALLOWED}
    with pytest.raises(PermissionDenied, match="不能审批自己"):
        disbursement_approve(disbursement=d, user=org_admin)

    disbursement_approve(disbursement=d, user=org_admin2)
    disbursement_confirm(disbursement=d, user=lianhua_staff)
    assert Disbursement.objects.get().status == "confirmed"


def test_only_staff_of_the_needs_region_confirm(funded, need, org_admin, other_county_staff, document):
    d = disbursement_create(project=funded, need=need, amount=1_000, purpose="药品", receipt=document, user=org_admin)
    with pytest.raises(PermissionDenied, match="所在地区"):
        disbursement_confirm(disbursement=d, user=other_county_staff)
    assert project_funding(project=funded).spent.fen == 0


def test_disbursement_over_the_balance_is_refused_and_nothing_written(funded, need, org_admin, document):
    with pytest.raises(InsufficientFunds) as refused:
        disbursement_create(
            project=funded, need=need, amount=10_000_001, purpose="超额", receipt=document, user=org_admin
        )
    assert error_codes(refused.value) == {FundingErrorCode.INSUFFICIENT_FUNDS}
    assert not Disbursement.objects.exists()
    assert LedgerTransaction.objects.filter(kind="allocation").count() == 0


def test_disbursement_needs_a_receipt_and_a_member(funded, need, document):
    from matching.models import Membership

    member = Membership.objects.filter(organisation=funded.organisation).first().user
    with pytest.raises(ValidationError) as refused:
        disbursement_create(project=funded, need=need, amount=100, purpose="x", receipt=None, user=member)
    assert error_codes(refused.value) == {FundingErrorCode.RECEIPT_REQUIRED}
    assert list(refused.value.message_dict) == ["receipt"]
    with pytest.raises(PermissionDenied):
        disbursement_create(project=funded, need=need, amount=100, purpose="x", receipt=document, user=UserFactory())
    assert not Disbursement.objects.exists()


def test_rejection_reverses_the_reservation(funded, need, org_admin, lianhua_staff, document):
    d = disbursement_create(project=funded, need=need, amount=5_000, purpose="x", receipt=document, user=org_admin)
    disbursement_reject(disbursement=d, user=lianhua_staff, reason="票据不全")

    rev = LedgerTransaction.objects.get(kind="reversal")
    assert rev.reverses == d.allocation_transaction
    assert project_funding(project=funded).balance.fen == 10_000_000
    assert project_funding(project=funded).allocated.fen == 0


def test_emergency_advance_released_at_once_by_county_staff(funded, emergency_need, lianhua_staff):
    d = advance_release(
        project=funded, need=emergency_need, amount=200_000, purpose="火灾后临时生活费", user=lianhua_staff
    )

    assert d.status == "confirmed" and d.kind == "advance"
    assert d.paperwork_due_on == timezone.localdate() + datetime.timedelta(days=15)
    assert need_funding(need=emergency_need).spent.fen == 200_000
    assert list(advances_overdue(today=d.paperwork_due_on + datetime.timedelta(days=1))) == [d]


def test_emergency_advance_limits(funded, emergency_need, need, lianhua_staff, other_county_staff, settings):
    with pytest.raises(ValidationError) as refused:
        advance_release(project=funded, need=emergency_need, amount=200_001, purpose="x", user=lianhua_staff)
    assert error_codes(refused.value) == {FundingErrorCode.ADVANCE_CAP_EXCEEDED}
    with pytest.raises(ValidationError) as refused:
        advance_release(project=funded, need=need, amount=1_000, purpose="x", user=lianhua_staff)
    assert error_codes(refused.value) == {FundingErrorCode.NEED_NOT_EMERGENCY}
    with pytest.raises(PermissionDenied):
        advance_release(project=funded, need=emergency_need, amount=1_000, purpose="x", user=other_county_staff)
    settings.FUNDING_EMERGENCY_ADVANCE_CAP = 500_000
    advance_release(project=funded, need=emergency_need, amount=500_000, purpose="x", user=lianhua_staff)
    assert Disbursement.objects.count() == 1


def test_paperwork_clears_the_overdue_list_and_follow_ups_are_their_own_disbursements(
    funded, emergency_need, lianhua_staff, org_admin, document
):
    advance = advance_release(project=funded, need=emergency_need, amount=100_000, purpose="x", user=lianhua_staff)
    advance_paperwork_submit(disbursement=advance, document=document, user=lianhua_staff)
    assert not advances_overdue(today=advance.paperwork_due_on + datetime.timedelta(days=1)).exists()

    for stage in (1, 2):
        follow = disbursement_create(
            project=funded,
            need=emergency_need,
            amount=300_000,
            purpose=f"第{stage}期",
            receipt=document,
            user=org_admin,
            advance=advance,
        )
        disbursement_confirm(disbursement=follow, user=lianhua_staff)
    assert advance.follow_ups.count() == 2
    assert need_funding(need=emergency_need).spent.fen == 700_000


def test_the_portal_pays_only_a_need_the_project_is_matched_with(funded, need, org_member, document):
    from matching.funding.services.match_disbursements import disbursement_create_matched

    with pytest.raises(ValidationError) as refused:
        disbursement_create_matched(
            project=funded, need=need, amount=100, purpose="x", receipt=document, user=org_member
        )
    assert error_codes(refused.value) == {FundingErrorCode.NOT_MATCHED}
    assert list(refused.value.message_dict) == ["need"]
    assert not Disbursement.objects.exists()
