"""Money leaving a project for a need: reserve, approve, confirm; or an emergency advance at once."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from matching.errors import refusal
from matching.funding.error_codes import FundingErrorCode
from matching.funding.models import Disbursement, LedgerTransaction
from matching.funding.rules import (
    advance_cap_error,
    approval_reason,
    needs_second_approval,
    validate_amount,
)
from matching.funding.services import accounts
from matching.funding.services.documents import money_document_protect
from matching.funding.services.ledger import Line, ledger_post, ledger_reverse
from matching.models import DecisionRecord, NeedPage, Project
from matching.permissions import (
    can_create_disbursement,
    can_reject_disbursement,
    can_submit_advance_paperwork,
    is_need_officer,
    require,
    require_approve_disbursement,
    require_confirm_disbursement,
    require_release_advance,
)
from matching.services.decisions import hands_over_on_conflict, record_disbursement


def _check_target(project: Project, need: NeedPage, currency: str) -> None:
    if project.status not in (Project.Status.ACTIVE, Project.Status.PAUSED, Project.Status.COMPLETED):
        raise refusal("该项目不能拨付资金", FundingErrorCode.PROJECT_CANNOT_PAY)
    if need.currency != currency:
        raise refusal(f"需求币种 {need.currency} 与拨付币种 {currency} 不符", FundingErrorCode.CURRENCY_MISMATCH)


@transaction.atomic
def disbursement_create(
    *,
    project: Project,
    need: NeedPage,
    amount: int,
    purpose: str,
    receipt,
    user,
    currency: str = "CNY",
    advance: Disbursement | None = None,
) -> Disbursement:
    """The project's organisation sends money to a need, with a receipt. The money is reserved at once
    (project → allocated), so a project can never promise more than it holds; above the approval
    threshold a second person must approve; staff of the need's region confirm that it arrived.
    """
    require(can_create_disbursement(user, project), "只有该项目所属组织的成员可以发起拨付")
    _check_request(project=project, need=need, amount=amount, currency=currency, receipt=receipt, purpose=purpose)
    if advance is not None and (advance.kind != Disbursement.Kind.ADVANCE or advance.need_id != need.pk):
        raise refusal("后续分期拨付必须对应同一需求的先行救助", FundingErrorCode.FOLLOW_UP_WITHOUT_ADVANCE)
    money_document_protect(document=receipt)
    threshold = settings.FUNDING_DISBURSEMENT_APPROVAL_THRESHOLD
    days = settings.FUNDING_DISBURSEMENT_APPROVAL_WINDOW_DAYS
    Project.objects.select_for_update().filter(pk=project.pk).first()  # pieces of one sum are counted in turn
    already = moved_recently(Q(project=project) | Q(need=need), days=days, currency=currency)
    disbursement = Disbursement.objects.create(
        project=project,
        need=need,
        amount=amount,
        currency=currency,
        purpose=purpose.strip()[:300],
        receipt=receipt,
        created_by=user,
        advance=advance,
        kind=Disbursement.Kind.FOLLOW_UP if advance else Disbursement.Kind.REGULAR,
        status=(
            Disbursement.Status.PENDING_APPROVAL
            if needs_second_approval(amount, threshold, already)
            else Disbursement.Status.AWAITING_CONFIRMATION
        ),
    )
    disbursement.approval_reason = approval_reason(
        amount=amount, already_moved=already, threshold=threshold, window_days=days, currency=currency
    )
    _reserve(disbursement, user=user)
    return disbursement


def _check_request(*, project: Project, need: NeedPage, amount: int, currency: str, receipt, purpose: str) -> None:
    """A positive amount to a need in its currency, from a project that may pay, with a receipt and a purpose."""
    validate_amount(amount, currency=currency)
    _check_target(project, need, currency)
    if receipt is None:
        raise refusal("请上传收据或凭证", FundingErrorCode.RECEIPT_REQUIRED, field="receipt")
    if not purpose.strip():
        raise refusal("请填写用途", FundingErrorCode.PURPOSE_REQUIRED, field="purpose")


def _reserve(disbursement: Disbursement, *, user) -> None:
    """The money moves from the project's account to its allocation to the need at once."""
    project, need, amount, currency = (
        disbursement.project,
        disbursement.need,
        disbursement.amount,
        disbursement.currency,
    )
    tx = ledger_post(
        kind=LedgerTransaction.Kind.ALLOCATION,
        lines=[
            Line(accounts.account_for_project(project), -amount, currency),
            Line(accounts.account_for_allocation(project, need), amount, currency),
        ],
        idempotency_key=f"disbursement:{disbursement.pk}:allocate",
        memo=f"拨付 #{disbursement.pk}：{disbursement.purpose[:200]}",
        created_by=user,
    )
    disbursement.allocation_transaction = tx
    disbursement.save(update_fields=["allocation_transaction"])


def moved_recently(which: Q, *, days: int, currency: str) -> int:
    """Money (fen) that left through disbursements matching `which` in the last `days` days, rejected ones
    excepted: what the approval threshold and the advance cap add the new amount to."""
    since = timezone.now() - datetime.timedelta(days=days)
    return (
        Disbursement.objects.filter(which, created_at__gte=since, currency=currency)
        .exclude(status=Disbursement.Status.REJECTED)
        .aggregate(total=Sum("amount"))["total"]
        or 0
    )


def _locked(disbursement: Disbursement) -> Disbursement:
    return Disbursement.objects.select_for_update().select_related("project", "need").get(pk=disbursement.pk)


@hands_over_on_conflict
@transaction.atomic
def disbursement_approve(*, disbursement: Disbursement, user) -> Disbursement:
    """Four eyes above the threshold: an admin of the organisation who is neither the author nor the project's
    lead; a lead is refused and the other admins are told."""
    d = _locked(disbursement)
    if d.status != Disbursement.Status.PENDING_APPROVAL:
        raise refusal(
            f"拨付当前状态为“{d.get_status_display()}”，无需审批", FundingErrorCode.DISBURSEMENT_STEP_NOT_ALLOWED
        )
    require_approve_disbursement(user, d)
    d.status, d.approved_by, d.approved_at = Disbursement.Status.AWAITING_CONFIRMATION, user, timezone.now()
    d.save(update_fields=["status", "approved_by", "approved_at"])
    record_disbursement(
        disbursement=d,
        user=user,
        kind=DecisionRecord.Kind.DISBURSEMENT_APPROVE,
        outcome="approved",
        check=DecisionRecord.Check.NOT_PROJECT_LEAD,
    )
    return d


@hands_over_on_conflict
@transaction.atomic
def disbursement_confirm(*, disbursement: Disbursement, user) -> Disbursement:
    """Staff of the need's region confirm the money arrived: allocated → need (spent). An officer with an
    interest in the paying organisation is refused and the other officers of the scope are told."""
    d = _locked(disbursement)
    require_confirm_disbursement(user, d)
    if d.status != Disbursement.Status.AWAITING_CONFIRMATION:
        raise refusal(
            f"拨付当前状态为“{d.get_status_display()}”，不能确认", FundingErrorCode.DISBURSEMENT_STEP_NOT_ALLOWED
        )
    tx = ledger_post(
        kind=LedgerTransaction.Kind.SPEND,
        lines=[
            Line(accounts.account_for_allocation(d.project, d.need), -d.amount, d.currency),
            Line(accounts.account_for_need(d.need), d.amount, d.currency),
        ],
        idempotency_key=f"disbursement:{d.pk}:confirm",
        memo=f"拨付 #{d.pk} 已确认",
        created_by=user,
    )
    d.status, d.confirmed_by, d.confirmed_at, d.settlement_transaction = (
        Disbursement.Status.CONFIRMED,
        user,
        timezone.now(),
        tx,
    )
    d.save(update_fields=["status", "confirmed_by", "confirmed_at", "settlement_transaction"])
    record_disbursement(disbursement=d, user=user, kind=DecisionRecord.Kind.DISBURSEMENT_CONFIRM, outcome="confirmed")
    return d


@transaction.atomic
def disbursement_reject(*, disbursement: Disbursement, user, reason: str) -> Disbursement:
    """An approver or the region's staff turn it down: the reservation is reversed, not deleted."""
    d = _locked(disbursement)
    if d.status not in (Disbursement.Status.PENDING_APPROVAL, Disbursement.Status.AWAITING_CONFIRMATION):
        raise refusal(
            f"拨付当前状态为“{d.get_status_display()}”，不能驳回", FundingErrorCode.DISBURSEMENT_STEP_NOT_ALLOWED
        )
    require(can_reject_disbursement(user, d), "您没有驳回该拨付的权限")
    if not reason.strip():
        raise refusal("请填写驳回理由", FundingErrorCode.REASON_REQUIRED, field="reason")
    tx = ledger_reverse(
        original=d.allocation_transaction,
        idempotency_key=f"disbursement:{d.pk}:reject",
        memo=f"拨付 #{d.pk} 被驳回：{reason.strip()[:200]}",
        created_by=user,
    )
    d.status, d.rejected_by, d.rejection_reason, d.settlement_transaction = (
        Disbursement.Status.REJECTED,
        user,
        reason.strip()[:300],
        tx,
    )
    d.save(update_fields=["status", "rejected_by", "rejection_reason", "settlement_transaction"])
    record_disbursement(
        disbursement=d,
        user=user,
        kind=DecisionRecord.Kind.DISBURSEMENT_REJECT,
        outcome="rejected",
        check=(
            DecisionRecord.Check.NO_INTEREST if is_need_officer(user, d.need) else DecisionRecord.Check.NOT_PROJECT_LEAD
        ),
    )
    return d


@hands_over_on_conflict
@transaction.atomic
def advance_release(
    *, project: Project, need: NeedPage, amount: int, purpose: str, user, currency: str = "CNY"
) -> Disbursement:
    """急难先行救助: county staff release a small advance from a project at once, without the usual
    approvals, for a need in the emergency circle. The paperwork is due within a set number of days.
    """
    if need.circle != NeedPage.Circle.EMERGENCY:
        raise refusal("只有急难类需求可以先行救助", FundingErrorCode.NEED_NOT_EMERGENCY)
    require_release_advance(user, need, project)
    cap, days = settings.FUNDING_EMERGENCY_ADVANCE_CAP, settings.FUNDING_EMERGENCY_ADVANCE_WINDOW_DAYS
    validate_amount(amount, currency=currency)
    NeedPage.objects.select_for_update().filter(pk=need.pk).first()  # advances to one need are counted in turn
    already = moved_recently(Q(need=need, kind=Disbursement.Kind.ADVANCE), days=days, currency=currency)
    if error := advance_cap_error(
        amount=amount, already_advanced=already, cap=cap, window_days=days, currency=currency
    ):
        raise refusal(error, FundingErrorCode.ADVANCE_CAP_EXCEEDED)
    _check_target(project, need, currency)
    if not purpose.strip():
        raise refusal("请填写用途", FundingErrorCode.PURPOSE_REQUIRED, field="purpose")
    now = timezone.now()
    disbursement = Disbursement.objects.create(
        project=project,
        need=need,
        amount=amount,
        currency=currency,
        purpose=purpose.strip()[:300],
        kind=Disbursement.Kind.ADVANCE,
        status=Disbursement.Status.CONFIRMED,
        created_by=user,
        confirmed_by=user,
        confirmed_at=now,
        paperwork_due_on=timezone.localdate() + datetime.timedelta(days=settings.FUNDING_EMERGENCY_PAPERWORK_DAYS),
    )
    tx = ledger_post(
        kind=LedgerTransaction.Kind.ADVANCE,
        lines=[
            Line(accounts.account_for_project(project), -amount, currency),
            Line(accounts.account_for_need(need), amount, currency),
        ],
        idempotency_key=f"disbursement:{disbursement.pk}:advance",
        memo=f"急难先行救助 #{disbursement.pk}：{purpose.strip()[:200]}",
        created_by=user,
    )
    disbursement.allocation_transaction = tx
    disbursement.save(update_fields=["allocation_transaction"])
    record_disbursement(
        disbursement=disbursement, user=user, kind=DecisionRecord.Kind.ADVANCE_RELEASE, outcome="released"
    )
    return disbursement


def advance_paperwork_check(*, disbursement: Disbursement, user) -> None:
    """Who may hand in an advance's paperwork, and when: staff of the need's region, or an admin of the
    organisation whose project paid it; once only, so a received document is never replaced."""
    if disbursement.kind != Disbursement.Kind.ADVANCE:
        raise refusal("只有先行救助需要补交材料", FundingErrorCode.NOT_AN_ADVANCE)
    require(
        can_submit_advance_paperwork(user, disbursement),
        "只有该组织的管理员或需求所在地区的民政干部可以补交先行救助材料",
    )
    if disbursement.paperwork_received_at is not None:
        received = timezone.localtime(disbursement.paperwork_received_at).strftime("%Y-%m-%d %H:%M")
        raise refusal(
            f"先行救助 #{disbursement.pk} 的材料已于 {received} 补交，不能重复提交",
            FundingErrorCode.PAPERWORK_ALREADY_RECEIVED,
        )


@transaction.atomic
def advance_paperwork_submit(*, disbursement: Disbursement, document, user) -> Disbursement:
    """The paperwork behind an emergency advance (receipts, the household's signed form) arrives: the
    document is kept as the advance's receipt and the time it came is stamped, which takes the advance
    off the overdue list. Checked under the row lock, so two uploads racing cannot both land."""
    d = _locked(disbursement)
    advance_paperwork_check(disbursement=d, user=user)
    if document is None:
        raise refusal("请上传材料", FundingErrorCode.DOCUMENT_REQUIRED, field="document")
    money_document_protect(document=document)
    d.receipt, d.paperwork_received_at = document, timezone.now()
    d.save(update_fields=["receipt", "paperwork_received_at"])
    return d
