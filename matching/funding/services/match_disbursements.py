"""A disbursement from a project to a need it is matched with (the portal's way in)."""

from django.db import transaction

from matching.errors import refusal
from matching.funding.error_codes import FundingErrorCode
from matching.funding.models import Disbursement
from matching.funding.services.disbursements import disbursement_create
from matching.models import Match, NeedPage, Project


@transaction.atomic
def disbursement_create_matched(
    *, project: Project, need: NeedPage, amount: int, purpose: str, receipt, user, currency: str = "CNY"
) -> Disbursement:
    """Only to a need the project has accepted (or delivered): money follows the match, never a stranger need."""
    matched = Match.objects.filter(
        project=project, need=need, status__in=[Match.Status.ACCEPTED, Match.Status.DELIVERED]
    ).exists()
    if not matched:
        raise refusal("该需求未与本项目匹配（需先接受匹配），不能拨付", FundingErrorCode.NOT_MATCHED, field="need")
    return disbursement_create(
        project=project, need=need, amount=amount, purpose=purpose, receipt=receipt, user=user, currency=currency
    )
