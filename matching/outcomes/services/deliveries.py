"""Closing a need as fulfilled: only with a delivery record, which lands on the need's response log."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from matching.errors import coded, refusal
from matching.models import BeneficiaryRecord, NeedPage, Project
from matching.outcomes.error_codes import DeliveryErrorCode
from matching.outcomes.models import DeliveryRecord
from matching.outcomes.services.evidence import evidence_check, evidence_store
from matching.permissions import can_record_delivery, can_reverse_delivery, is_org_member, require
from matching.personal_data import public_text_errors
from matching.services.needs import STAFF_LABEL, need_record_response, need_set_status
from matching.uploads import Upload


def _check_can_deliver(user, need: NeedPage, project: Project | None) -> str:
    """The organisation whose project was accepted for the need, or the need's officers, record deliveries."""
    if project is not None and is_org_member(user, project.organisation):
        require(
            can_record_delivery(user, need, project), "只有已被接受的匹配才能登记交付：该项目与此需求的匹配尚未被接受"
        )
        return project.organisation.name
    require(can_record_delivery(user, need), "只有承接项目的组织成员或需求所在地区的民政干部可以登记交付")
    return STAFF_LABEL


def _delivery_errors(*, need: NeedPage, what: str, delivered_on: datetime.date | None, evidence: bool) -> dict:
    """What a delivery record needs, by field: what was delivered (no beneficiary's private data), a date
    between the need's publication and today, an active need, and at least one piece of evidence."""
    errors = {}
    if not what or not what.strip():
        errors["what"] = coded("请填写交付内容", DeliveryErrorCode.WHAT_REQUIRED)
    else:
        errors.update(
            public_text_errors(fields={"what": what}, private_values=BeneficiaryRecord.private_values(need_id=need.pk))
        )
    if delivered_on is None:
        errors["delivered_on"] = coded("请填写交付日期", DeliveryErrorCode.DATE_REQUIRED)
    elif need.published_on and delivered_on < need.published_on:
        errors["delivered_on"] = coded("交付日期不能早于需求发布日期", DeliveryErrorCode.DATE_BEFORE_PUBLICATION)
    elif delivered_on > timezone.localdate():
        errors["delivered_on"] = coded("交付日期不能晚于今天", DeliveryErrorCode.DATE_IN_FUTURE)
    if need.status not in NeedPage.ACTIVE_STATUSES:
        errors["status"] = coded(
            f"需求状态为“{need.get_status_display()}”，不能登记交付", DeliveryErrorCode.NEED_NOT_ACTIVE
        )
    if not evidence:
        errors["evidence"] = coded("请至少上传一张照片或一份文件作为交付佐证", DeliveryErrorCode.EVIDENCE_REQUIRED)
    return errors


@transaction.atomic
def need_fulfil(
    *,
    need: NeedPage,
    user,
    what: str,
    delivered_on: datetime.date,
    project: Project | None = None,
    photos: list[Upload] | tuple = (),
    documents: list[Upload] | tuple = (),
) -> DeliveryRecord:
    """件件有回音: a need becomes fulfilled only with a delivery record (what, when, by whom, evidence),
    written to its public response log. Needs open, matched or in progress move through in_progress.
    """
    need = NeedPage.objects.select_for_update().get(pk=need.pk)
    label = _check_can_deliver(user, need, project)
    errors = _delivery_errors(need=need, what=what, delivered_on=delivered_on, evidence=bool(photos or documents))
    if errors:
        raise ValidationError(errors)
    cleaned = evidence_check(photos=list(photos), documents=list(documents))

    record = DeliveryRecord.objects.create(
        need=need,
        project=project,
        what=what.strip(),
        delivered_on=delivered_on,
        delivered_by=label,
        recorded_by=user,
        need_status_before=need.status,
    )
    evidence_store(cleaned=cleaned, title=f"{need.title} 交付佐证", user=user, delivery=record)
    need_record_response(
        need=need,
        actor_label=label,
        kind="delivery",
        user=user,
        message=f"{delivered_on:%Y-%m-%d} 交付：{record.what[:200]}",
    )
    # The permission check above is this operation's; the page revision is published as the system
    # (user=None), as match_accept does, since organisations hold no page permissions.
    if need.status != NeedPage.Status.IN_PROGRESS:
        need = need_set_status(need=need, status=NeedPage.Status.IN_PROGRESS, user=None, actor_label=label)
    need_set_status(
        need=need,
        status=NeedPage.Status.FULFILLED,
        user=None,
        actor_label=label,
        note=f"需求已完成（交付记录 #{record.pk}）",
    )
    return record


@transaction.atomic
def delivery_reverse(*, record: DeliveryRecord, user, reason: str) -> DeliveryRecord:
    """The need's officers take back a wrong delivery: the record is kept and marked reversed (who, when,
    why), the need's public log says so, and a fulfilled need with no other standing delivery returns to
    the status it had before."""
    record = DeliveryRecord.objects.select_for_update().select_related("need").get(pk=record.pk)
    require(can_reverse_delivery(user, record), "只有需求所在地区的民政干部可以撤销交付记录")
    reason = (reason or "").strip()
    if not reason:
        raise refusal("撤销交付记录时请填写理由", DeliveryErrorCode.REASON_REQUIRED, field="reason")
    if len(reason) > 500:
        raise refusal("理由不能超过500字", DeliveryErrorCode.REASON_TOO_LONG, field="reason")
    if record.reversed_at is not None:
        raise refusal("该交付记录已撤销", DeliveryErrorCode.ALREADY_REVERSED, field="record")
    record.reversed_at, record.reversed_by, record.reversal_reason = timezone.now(), user, reason
    record.save(update_fields=["reversed_at", "reversed_by", "reversal_reason"])
    need = record.need
    need_record_response(
        need=need,
        actor_label=STAFF_LABEL,
        kind="response",
        user=user,
        message=f"撤销交付记录 #{record.pk}（{record.delivered_by}，{record.delivered_on:%Y-%m-%d}）：{reason}",
    )
    if need.status == NeedPage.Status.FULFILLED and not need.deliveries.standing().exists():
        before = record.need_status_before or NeedPage.Status.IN_PROGRESS
        need_set_status(
            need=need,
            status=before,
            user=None,
            actor_label=STAFF_LABEL,
            delivery_reversed=True,
            note=f"交付记录 #{record.pk} 已撤销，需求恢复为“{NeedPage.Status(before).label}”",
        )
    return record
