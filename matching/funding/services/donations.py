"""Online donations: start a payment, and move the ledger when the provider confirms it."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from matching.errors import refusal
from matching.funding.error_codes import FundingErrorCode
from matching.funding.models import Donation, LedgerEntry, LedgerTransaction
from matching.funding.providers import Payment, PaymentProvider, PaymentStart, ProviderError, get_provider
from matching.funding.rules import refundable, reversal_split, validate_amount
from matching.funding.services import accounts
from matching.funding.services.ledger import Line, account_balance, ledger_lock_accounts, ledger_post
from matching.funding.stripe_keys import server_side_test_payments
from matching.models import NeedPage, Project
from matching.money import Money

logger = logging.getLogger(__name__)


class UnknownPayment(Exception):
    """A provider payment that no donation on this platform started."""


def _target_account(donation: Donation):
    return (
        accounts.account_for_project(donation.project)
        if donation.project_id
        else accounts.account_for_need(donation.need)
    )


def donation_start(
    *,
    project: Project | None = None,
    need: NeedPage | None = None,
    amount: int,
    currency: str = "CNY",
    donor_name: str = "",
    is_anonymous: bool = False,
    email: str = "",
    provider: PaymentProvider | None = None,
) -> tuple[Donation, PaymentStart]:
    """Record the donor's intent and open a payment with the provider. No money moves yet."""
    if (project is None) == (need is None):
        raise refusal("请选择一个捐赠对象：项目或需求", FundingErrorCode.ONE_TARGET_REQUIRED)
    validate_amount(amount, currency=currency, maximum=settings.FUNDING_DONATION_MAX)
    donor_name = (donor_name or "").strip()
    if not is_anonymous and not donor_name:
        raise refusal("请填写捐赠人姓名，或选择匿名捐赠", FundingErrorCode.DONOR_NAME_REQUIRED, field="donor_name")
    if project is not None and project.status != Project.Status.ACTIVE:
        raise refusal("该项目当前不接受捐赠", FundingErrorCode.PROJECT_NOT_ACCEPTING_DONATIONS)
    if need is not None and not need.live:
        raise refusal("该需求当前不接受捐赠", FundingErrorCode.NEED_NOT_ACCEPTING_DONATIONS)
    provider = provider or get_provider()
    donation = Donation.objects.create(
        project=project,
        need=need,
        amount=amount,
        currency=currency,
        donor_name=donor_name[:100],
        is_anonymous=is_anonymous,
        email=email,
        provider=provider.name,
    )
    target = project or need
    try:
        start = provider.create_payment(
            amount=amount,
            currency=currency,
            metadata={"donation_ref": donation.ref},
            idempotency_key=f"donation:{donation.ref}:create",
            description=f"帮扶捐赠：{target.title}",
            test_payment=server_side_test_payments(),
        )
    except ProviderError as exc:
        Donation.objects.filter(pk=donation.pk).update(status=Donation.Status.FAILED)
        raise refusal(f"支付渠道暂时不可用，请稍后再试（{exc}）", FundingErrorCode.PROVIDER_UNAVAILABLE) from exc
    Donation.objects.filter(pk=donation.pk).update(provider_payment_id=start.payment_id)
    donation.provider_payment_id = start.payment_id
    return donation, start


def donation_for_payment(*, provider: str, payment: Payment) -> Donation:
    donation = Donation.objects.filter(provider=provider, provider_payment_id=payment.payment_id).first()
    if donation is None and payment.metadata.get("donation_ref"):
        donation = Donation.objects.filter(ref=payment.metadata["donation_ref"]).first()
    if donation is None:
        raise UnknownPayment(f"找不到支付 {payment.payment_id} 对应的捐赠")
    return donation


def donation_payment_key(provider: str, payment_id: str) -> str:
    return f"{provider}:payment:{payment_id}"


@transaction.atomic
def donation_record_payment(*, provider: str, payment: Payment) -> LedgerTransaction:
    """A payment the provider says succeeded becomes one donation transaction, whatever the number of events."""
    donation = donation_for_payment(provider=provider, payment=payment)
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    if not payment.succeeded:
        raise refusal(f"支付 {payment.payment_id} 尚未成功（{payment.status}）", FundingErrorCode.PAYMENT_NOT_SUCCEEDED)
    if payment.currency != donation.currency or payment.amount != donation.amount:
        raise refusal(
            f"到账金额 {payment.amount} {payment.currency} 与捐赠 {donation.amount} {donation.currency} 不符",
            FundingErrorCode.PAYMENT_AMOUNT_MISMATCH,
        )
    target = _target_account(donation)
    tx = ledger_post(
        kind=LedgerTransaction.Kind.DONATION,
        lines=[
            Line(accounts.account_donors(), -donation.amount, donation.currency),
            Line(target, donation.amount, donation.currency),
        ],
        idempotency_key=donation_payment_key(provider, payment.payment_id),
        memo=f"捐赠 {donation.ref}：{donation.public_donor}",
    )
    if donation.status == Donation.Status.PENDING or donation.status == Donation.Status.FAILED:
        Donation.objects.filter(pk=donation.pk).update(
            status=Donation.Status.SUCCEEDED, succeeded_at=timezone.now(), provider_payment_id=payment.payment_id
        )
        from matching.funding.services.receipts import donation_send_receipt

        transaction.on_commit(lambda: donation_send_receipt(donation_id=donation.pk))
    return tx


def donation_payment_transaction(donation: Donation) -> LedgerTransaction | None:
    if not donation.provider_payment_id:
        return None
    return LedgerTransaction.objects.filter(
        idempotency_key=donation_payment_key(donation.provider, donation.provider_payment_id)
    ).first()


def donation_reversed_amount(*, payment_tx: LedgerTransaction) -> int:
    """Refunded or disputed so far, net of disputes won back: read from the donors' side of the ledger."""
    donors = accounts.account_donors()
    out = LedgerEntry.objects.filter(account=donors, transaction__reverses=payment_tx).aggregate(s=Sum("amount"))["s"]
    back = LedgerEntry.objects.filter(account=donors, transaction__reverses__reverses=payment_tx).aggregate(
        s=Sum("amount")
    )["s"]
    return (out or 0) + (back or 0)


@transaction.atomic
def donation_record_reversal(
    *, donation: Donation, kind: str, amount: int, currency: str, idempotency_key: str, memo: str
) -> LedgerTransaction:
    """A refund or a dispute takes money back; never more than was paid and not yet taken back.

    The project (or need) returns what it still holds; any part already spent is owed back (应追回).
    """
    existing = LedgerTransaction.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    payment_tx = donation_payment_transaction(donation)
    if payment_tx is None:
        raise refusal("该捐赠尚未到账，不能退款", FundingErrorCode.NOT_PAID)
    validate_amount(amount, currency=currency)
    if currency != donation.currency:
        raise refusal(f"币种 {currency} 与捐赠币种 {donation.currency} 不符", FundingErrorCode.CURRENCY_MISMATCH)
    left = refundable(paid=donation.amount, already_reversed=donation_reversed_amount(payment_tx=payment_tx))
    if amount > left:
        raise refusal(
            f"退款金额 {Money(amount, currency)} 超过可退金额 {Money(left, currency)}",
            FundingErrorCode.REFUND_EXCEEDS_PAYMENT,
        )
    target = _target_account(donation)
    ledger_lock_accounts([target])
    taken, shortfall = reversal_split(amount, account_balance(account=target, currency=currency))
    lines = [Line(accounts.account_donors(), amount, currency)]
    if taken:
        lines.append(Line(target, -taken, currency))
    if shortfall:
        org_id = donation.project.organisation_id if donation.project_id else None
        lines.append(Line(accounts.account_recovery(org_id), -shortfall, currency))
    tx = ledger_post(kind=kind, lines=lines, idempotency_key=idempotency_key, reverses=payment_tx, memo=memo)
    left_after = left - amount
    if kind == LedgerTransaction.Kind.DISPUTE:
        status = Donation.Status.DISPUTED
    else:
        status = Donation.Status.REFUNDED if left_after == 0 else Donation.Status.PARTIALLY_REFUNDED
    Donation.objects.filter(pk=donation.pk).update(status=status)
    return tx


def donation_refund(*, donation: Donation, amount: int, user, provider: PaymentProvider | None = None):
    """Staff or the project's organisation admin ask the provider for a refund.

    The ledger moves when the provider's refund event arrives, like every other money movement.
    """
    from matching.permissions import can_refund_donation

    if not can_refund_donation(user, donation):
        raise PermissionDenied("您没有为该捐赠办理退款的权限")
    validate_amount(amount, currency=donation.currency)
    payment_tx = donation_payment_transaction(donation)
    if payment_tx is None:
        raise refusal("该捐赠尚未到账，不能退款", FundingErrorCode.NOT_PAID)
    reversed_so_far = donation_reversed_amount(payment_tx=payment_tx)
    left = refundable(paid=donation.amount, already_reversed=reversed_so_far)
    if amount > left:
        raise refusal(
            f"退款金额 {Money(amount, donation.currency)} 超过可退金额 {Money(left, donation.currency)}",
            FundingErrorCode.REFUND_EXCEEDS_PAYMENT,
        )
    provider = provider or get_provider()
    try:
        return provider.refund(
            payment_id=donation.provider_payment_id,
            amount=amount,
            idempotency_key=f"donation:{donation.ref}:refund:{reversed_so_far}:{amount}",
        )
    except ProviderError as exc:
        raise refusal(f"退款未能提交到支付渠道：{exc}", FundingErrorCode.PROVIDER_UNAVAILABLE) from exc
