"""Government grants, an organisation's own funds, and pledges that become commitments."""

import uuid

from django.db import transaction

from matching.errors import refusal
from matching.funding.error_codes import FundingErrorCode
from matching.funding.models import FundSource, Grant, LedgerTransaction, Pledge
from matching.funding.rules import validate_amount
from matching.funding.services import accounts
from matching.funding.services.documents import money_document_protect
from matching.funding.services.ledger import Line, ledger_post
from matching.models import Project
from matching.permissions import can_record_money, require


def _check_can_record(user, project: Project, source: str) -> None:
    """Officers whose region the project serves, or the organisation's admins, record money into it."""
    require(can_record_money(user, project), "只有项目服务地区的民政干部或该组织的管理员可以录入资金")


@transaction.atomic
def grant_record(
    *,
    project: Project,
    source: str,
    amount: int,
    document,
    user,
    currency: str = "CNY",
    source_detail: str = "",
    idempotency_key: str = "",
) -> Grant:
    """Money from a grant or the organisation's own funds enters a project, always with a document."""
    _check_can_record(user, project, source)
    if source not in FundSource.values:
        raise refusal(f"未知的资金来源：{source}", FundingErrorCode.UNKNOWN_FUND_SOURCE, field="source")
    validate_amount(amount, currency=currency)
    if document is None:
        raise refusal("请上传拨款文件或凭证", FundingErrorCode.DOCUMENT_REQUIRED, field="document")
    if source == FundSource.OWN_FUNDS:
        origin, kind = accounts.account_org_funds(project.organisation), LedgerTransaction.Kind.OWN_FUNDS
    else:
        origin, kind = accounts.account_grant_source(source, FundSource(source).label), LedgerTransaction.Kind.GRANT
    tx = ledger_post(
        kind=kind,
        lines=[Line(origin, -amount, currency), Line(accounts.account_for_project(project), amount, currency)],
        idempotency_key=idempotency_key or f"grant:{uuid.uuid4().hex}",
        memo=f"{FundSource(source).label} {source_detail}".strip(),
        created_by=user,
    )
    grant = Grant.objects.filter(transaction=tx).first()
    if grant is None:
        money_document_protect(document=document)
        grant = Grant.objects.create(
            project=project,
            source=source,
            source_detail=source_detail,
            amount=amount,
            currency=currency,
            document=document,
            recorded_by=user,
            transaction=tx,
        )
    return grant


@transaction.atomic
def pledge_create(*, project: Project, pledger: str, source: str, amount: int, user, currency: str = "CNY") -> Pledge:
    _check_can_record(user, project, source)
    if source not in FundSource.values:
        raise refusal(f"未知的资金来源：{source}", FundingErrorCode.UNKNOWN_FUND_SOURCE, field="source")
    validate_amount(amount, currency=currency)
    if not pledger.strip():
        raise refusal("请填写认捐方", FundingErrorCode.PLEDGER_REQUIRED, field="pledger")
    return Pledge.objects.create(
        project=project, pledger=pledger.strip(), source=source, amount=amount, currency=currency, created_by=user
    )


@transaction.atomic
def pledge_commit(*, pledge: Pledge, document, user) -> Pledge:
    """A pledge becomes a commitment once a signed agreement is attached. Still no ledger money."""
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    _check_can_record(user, pledge.project, pledge.source)
    if pledge.status != Pledge.Status.PLEDGED:
        raise refusal(
            f"认捐当前状态为“{pledge.get_status_display()}”，不能转为承诺", FundingErrorCode.PLEDGE_STEP_NOT_ALLOWED
        )
    if document is None:
        raise refusal("请上传承诺协议", FundingErrorCode.DOCUMENT_REQUIRED, field="document")
    money_document_protect(document=document)
    pledge.status, pledge.commitment_document = Pledge.Status.COMMITTED, document
    pledge.save(update_fields=["status", "commitment_document"])
    return pledge


@transaction.atomic
def pledge_fulfil(*, pledge: Pledge, document, user) -> Grant:
    """The committed money arrives: it enters the ledger as a grant (or own funds) with its document."""
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if pledge.status != Pledge.Status.COMMITTED:
        raise refusal("只有已承诺的认捐才能登记到账", FundingErrorCode.PLEDGE_STEP_NOT_ALLOWED)
    grant = grant_record(
        project=pledge.project,
        source=pledge.source,
        amount=pledge.amount,
        currency=pledge.currency,
        document=document,
        user=user,
        source_detail=f"认捐：{pledge.pledger}",
        idempotency_key=f"pledge:{pledge.pk}:fulfil",
    )
    pledge.status, pledge.grant = Pledge.Status.FULFILLED, grant
    pledge.save(update_fields=["status", "grant"])
    return grant
