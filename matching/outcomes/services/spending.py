"""Spending lines: what a disbursement bought, and the evidence that proves it.

A line never moves money (the ledger moved it with the disbursement and is never edited): it describes a part of the
disbursement. The lines of one disbursement never add up to more than it; they are counted under the
disbursement's row lock, so two people adding lines at once cannot overshoot together. Evidence is a delivery record
or progress report of the same project (matching/permissions/spending.py); receipts and photos uploaded with a line
are checked and cleaned first (photos re-encoded without EXIF or GPS: matching/uploads.py) and kept on that record,
so they
show wherever the record does.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from matching.errors import refusal
from matching.funding.models import Disbursement
from matching.funding.rules import validate_amount
from matching.money import Money
from matching.outcomes.error_codes import SpendingErrorCode
from matching.outcomes.models import DeliveryRecord, ProgressReport, SpendingLine
from matching.outcomes.services.evidence import evidence_check, evidence_store
from matching.permissions import can_link_spending_proof, can_write_spending_lines, require
from matching.uploads import Upload

MAX_BENEFICIARIES = 10_000_000  # more than any one purchase reaches; far below the column's limit


@dataclass(frozen=True)
class SpendingFields:
    """What a person states about a line: what was bought, for how much (fen), whom it reached (a count), the
    record that proves it (at most one), and any receipts or photos to keep on that record."""

    what: str
    amount: int
    beneficiaries: int = 0
    delivery: DeliveryRecord | None = None
    report: ProgressReport | None = None
    photos: list[Upload] = field(default_factory=list)
    documents: list[Upload] = field(default_factory=list)


def _locked(disbursement: Disbursement) -> Disbursement:
    return Disbursement.objects.select_for_update().select_related("project__organisation").get(pk=disbursement.pk)


def _itemised(disbursement: Disbursement, *, excluding: SpendingLine | None = None) -> int:
    lines = SpendingLine.objects.filter(disbursement=disbursement)
    if excluding is not None:
        lines = lines.exclude(pk=excluding.pk)
    return lines.aggregate(total=Sum("amount"))["total"] or 0


def _check(d: Disbursement, fields: SpendingFields, *, user, excluding: SpendingLine | None = None) -> None:
    require(can_write_spending_lines(user, d), _("只有该项目所属组织的成员可以填写支出明细"))
    if d.status == Disbursement.Status.REJECTED:
        raise refusal(_("已驳回的拨付没有支出，不能填写支出明细"), SpendingErrorCode.DISBURSEMENT_REJECTED)
    if fields.delivery is not None and fields.report is not None:
        raise refusal(
            _("每条支出明细只关联一份佐证：交付记录或进展报告"), SpendingErrorCode.ONE_PROOF_ONLY, field="proof"
        )
    require(
        can_link_spending_proof(user, d, delivery=fields.delivery, report=fields.report),
        _("只能关联本项目对该需求的交付记录或本项目的进展报告"),
    )
    if fields.delivery is not None and fields.delivery.reversed_at is not None:
        raise refusal(_("该交付记录已被撤销，不能作为佐证"), SpendingErrorCode.PROOF_REVERSED, field="proof")
    if (fields.photos or fields.documents) and fields.delivery is None and fields.report is None:
        raise refusal(
            _("上传收据或照片前，请先选择它们所属的交付记录或进展报告"),
            SpendingErrorCode.PROOF_REQUIRED_FOR_UPLOADS,
            field="proof",
        )
    if not (fields.what or "").strip():
        raise refusal(_("请填写购买内容"), SpendingErrorCode.WHAT_REQUIRED, field="what")
    validate_amount(fields.amount, currency=d.currency)
    if fields.beneficiaries is None or fields.beneficiaries < 0:
        raise refusal(_("受益人数不能为负数"), SpendingErrorCode.NEGATIVE_BENEFICIARIES, field="beneficiaries")
    if fields.beneficiaries > MAX_BENEFICIARIES:
        message = _("受益人数不能超过 %(max)s") % {"max": MAX_BENEFICIARIES}
        raise refusal(message, SpendingErrorCode.TOO_MANY_BENEFICIARIES, field="beneficiaries")
    others = _itemised(d, excluding=excluding)
    if others + fields.amount > d.amount:
        message = _("支出明细合计不能超过拨付金额 %(total)s：已填 %(done)s，还可填 %(left)s") % {
            "total": Money(d.amount, d.currency),
            "done": Money(others, d.currency),
            "left": Money(d.amount - others, d.currency),
        }
        raise refusal(message, SpendingErrorCode.OVER_DISBURSEMENT, field="amount")


def _save(line: SpendingLine, fields: SpendingFields, *, user) -> SpendingLine:
    cleaned = evidence_check(photos=fields.photos, documents=fields.documents)  # every file checked before any write
    line.what, line.amount, line.beneficiaries = fields.what.strip()[:200], fields.amount, fields.beneficiaries
    line.delivery, line.report, line.updated_by = fields.delivery, fields.report, user
    line.full_clean()
    line.save()
    if cleaned:
        evidence_store(cleaned=cleaned, title=line.what, user=user, report=fields.report, delivery=fields.delivery)
    return line


@transaction.atomic
def spending_line_add(*, disbursement: Disbursement, fields: SpendingFields, user) -> SpendingLine:
    """A member of the paying organisation itemises part of a disbursement, optionally with its evidence."""
    d = _locked(disbursement)
    _check(d, fields, user=user)
    return _save(SpendingLine(disbursement=d, created_by=user), fields, user=user)


@transaction.atomic
def spending_line_update(*, line: SpendingLine, fields: SpendingFields, user) -> SpendingLine:
    """Correct a line or link its evidence. Saving it unchanged changes nothing (no new evidence, same values)."""
    d = _locked(line.disbursement)
    line = SpendingLine.objects.select_for_update().get(pk=line.pk, disbursement=d)
    _check(d, fields, user=user, excluding=line)
    unchanged = (
        line.what == fields.what.strip()[:200]
        and line.amount == fields.amount
        and line.beneficiaries == fields.beneficiaries
        and line.delivery_id == getattr(fields.delivery, "pk", None)
        and line.report_id == getattr(fields.report, "pk", None)
        and not fields.photos
        and not fields.documents
    )
    if unchanged:
        return line
    return _save(line, fields, user=user)
