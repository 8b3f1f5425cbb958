"""Closing a need as fulfilled: only with a delivery record, which lands on the need's response log."""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from matching.models import BeneficiaryRecord, Match, NeedPage, Project
from matching.outcomes.models import DeliveryRecord
from matching.outcomes.services.evidence import Upload, evidence_check, evidence_store
from matching.permissions import user_can_change_project
from matching.personal_data import public_text_errors
from matching.services.needs import STAFF_LABEL, need_record_response, need_set_status
from matching.services.staff import staff_covers_region


def _check_can_deliver(user, need: NeedPage, project: Project | None) -> str:
    """The organisation running the matched project, or staff of the need's region, record deliveries."""
    if project is not None and user_can_change_project(user, project):
        if not Match.objects.filter(need=need, project=project).exclude(
                status__in=[Match.Status.DECLINED]).exists():
            raise ValidationError({"project": "该项目没有承接这项需求"})
        return project.organisation.name
    if need.county_id and staff_covers_region(user, need.county):
        return STAFF_LABEL
    raise PermissionDenied("只有承接项目的组织成员或需求所在地区的民政工作人员可以登记交付")


@transaction.atomic
def need_fulfil(*, need: NeedPage, user, what: str, delivered_on: datetime.date, project: Project | None = None,
                photos: list[Upload] | tuple = (), documents: list[Upload] | tuple = ()) -> DeliveryRecord:
    """件件有回音: a need becomes fulfilled only with a delivery record (what, when, by whom, evidence),
    written to its public response log. Needs open, matched or in progress move through in_progress.
    """
    need = NeedPage.objects.select_for_update().get(pk=need.pk)
    label = _check_can_deliver(user, need, project)
    errors = {}
    if not what or not what.strip():
        errors["what"] = "请填写交付内容"
    else:
        errors.update(public_text_errors(fields={"what": what},
                                         private_values=BeneficiaryRecord.private_values(need_id=need.pk)))
    if delivered_on is None:
        errors["delivered_on"] = "请填写交付日期"
    elif need.published_on and delivered_on < need.published_on:
        errors["delivered_on"] = "交付日期不能早于需求发布日期"
    elif delivered_on > timezone.localdate():
        errors["delivered_on"] = "交付日期不能晚于今天"
    if need.status not in ("open", "matched", "in_progress"):
        errors["status"] = f"需求状态为“{need.get_status_display()}”，不能登记交付"
    if not photos and not documents:
        errors["evidence"] = "请至少上传一张照片或一份文件作为交付佐证"
    if errors:
        raise ValidationError(errors)
    cleaned = evidence_check(photos=list(photos), documents=list(documents))

    record = DeliveryRecord.objects.create(need=need, project=project, what=what.strip(), delivered_on=delivered_on,
                                           delivered_by=label, recorded_by=user)
    evidence_store(cleaned=cleaned, title=f"{need.title} 交付佐证", user=user, delivery=record)
    need_record_response(need=need, actor_label=label, kind="delivery", user=user,
                         message=f"{delivered_on:%Y-%m-%d} 交付：{record.what[:200]}")
    # The permission check above is this operation's; the page revision is published as the system
    # (user=None), as match_accept does, since organisations hold no page permissions.
    if need.status != NeedPage.Status.IN_PROGRESS:
        need = need_set_status(need=need, status=NeedPage.Status.IN_PROGRESS, user=None, actor_label=label)
    need_set_status(need=need, status=NeedPage.Status.FULFILLED, user=None, actor_label=label,
                    note=f"需求已完成（交付记录 #{record.pk}）")
    return record
