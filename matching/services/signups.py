"""A volunteer's sign-up to a project's slots (the organisation approves) and the hours they serve (it confirms)."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from matching.error_codes import VolunteerErrorCode
from matching.errors import coded, refusal
from matching.models import HoursEntry, Organisation, Project, VolunteerSignup
from matching.permissions import actor_user, require_org_member
from matching.services.volunteers import volunteer_for_user


def _approved_count(project: Project) -> int:
    return VolunteerSignup.objects.filter(project=project, status=VolunteerSignup.Status.APPROVED).count()


@transaction.atomic
def signup_create(
    *, user, project: Project, message: str = "", invited: bool = False, approved_by=None
) -> VolunteerSignup:
    """A volunteer asks for a slot on an active project of a verified organisation.

    ``invited``: the volunteer accepts an invitation (``approved_by`` invited them); the sign-up is
    then approved at once, still within the slots.
    """
    volunteer = volunteer_for_user(user)
    if volunteer is None:
        raise refusal("请先填写志愿者资料", VolunteerErrorCode.PROFILE_REQUIRED, field="volunteer")
    project = Project.objects.select_for_update().select_related("organisation").get(pk=project.pk)
    if project.status != Project.Status.ACTIVE or project.organisation.status != Organisation.Status.VERIFIED:
        raise refusal("该项目当前不接受报名", VolunteerErrorCode.PROJECT_NOT_RECRUITING, field="project")
    existing = VolunteerSignup.objects.filter(project=project, volunteer=volunteer).first()
    if invited and existing is not None and existing.status == VolunteerSignup.Status.APPROVED:
        return existing
    if project.volunteer_slots <= _approved_count(project):
        raise refusal("该项目的志愿者名额已满", VolunteerErrorCode.SLOTS_FULL, field="project")
    if len(message or "") > 1000:
        raise refusal("留言不能超过1000字", VolunteerErrorCode.MESSAGE_TOO_LONG, field="message")
    if existing is not None and not invited and existing.status != VolunteerSignup.Status.WITHDRAWN:
        raise refusal("您已报名该项目", VolunteerErrorCode.ALREADY_SIGNED_UP, field="project")
    signup = existing or VolunteerSignup(project=project, volunteer=volunteer)
    signup.status = VolunteerSignup.Status.PENDING
    signup.message = (message or "").strip()
    if invited:
        signup.status = VolunteerSignup.Status.APPROVED
        signup.decision_note = "受邀加入"
        signup.decided_by = approved_by
        signup.decided_at = timezone.now()
    signup.save()
    return signup


def signup_for_member(*, user, pk) -> VolunteerSignup:
    try:
        signup = VolunteerSignup.objects.select_related("project__organisation", "volunteer").get(pk=pk)
    except (VolunteerSignup.DoesNotExist, ValueError, TypeError):
        raise Http404("signup not found") from None
    require_org_member(user=user, organisation=signup.project.organisation)
    return signup


@transaction.atomic
def signup_decide(*, user, signup: VolunteerSignup, approve: bool, note: str = "") -> VolunteerSignup:
    """The project's organisation approves (within the slots) or rejects a pending sign-up."""
    require_org_member(user=user, organisation=signup.project.organisation)
    project = Project.objects.select_for_update().get(pk=signup.project_id)
    signup = VolunteerSignup.objects.select_for_update().get(pk=signup.pk)
    if signup.status != VolunteerSignup.Status.PENDING:
        raise refusal(
            f"该报名当前为“{signup.get_status_display()}”，不能再审核",
            VolunteerErrorCode.SIGNUP_STEP_NOT_ALLOWED,
            field="status",
        )
    if approve and project.volunteer_slots <= _approved_count(project):
        raise refusal("该项目的志愿者名额已满", VolunteerErrorCode.SLOTS_FULL, field="status")
    if not approve and not (note or "").strip():
        raise refusal("不通过时请填写说明", VolunteerErrorCode.NOTE_REQUIRED, field="note")
    signup.status = VolunteerSignup.Status.APPROVED if approve else VolunteerSignup.Status.REJECTED
    signup.decision_note = (note or "").strip()[:1000]
    signup.decided_by = actor_user(user)
    signup.decided_at = timezone.now()
    signup.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    return signup


def parse_hours(value) -> Decimal:
    """Hours in half-hour steps, 0.5–24; a clear message otherwise. Pure."""
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise refusal("服务时长应为数字，例如 2 或 2.5", VolunteerErrorCode.HOURS_NOT_A_NUMBER, field="hours") from None
    if not hours.is_finite() or hours <= 0 or hours > 24:
        raise refusal("服务时长应在0.5到24小时之间", VolunteerErrorCode.HOURS_OUT_OF_RANGE, field="hours")
    if (hours * 2) % 1 != 0:
        raise refusal("服务时长以半小时为单位，例如 1.5", VolunteerErrorCode.HOURS_NOT_IN_HALF_HOURS, field="hours")
    return hours


@transaction.atomic
def hours_log(*, user, signup: VolunteerSignup, served_on: datetime.date, hours, description: str) -> HoursEntry:
    """A volunteer logs hours on a project they were approved for; not in the future."""
    volunteer = volunteer_for_user(user)
    if volunteer is None or signup.volunteer_id != volunteer.pk:
        raise Http404("signup not found")
    if signup.status != VolunteerSignup.Status.APPROVED:
        raise refusal("报名通过后才能填报服务时长", VolunteerErrorCode.SIGNUP_NOT_APPROVED, field="signup")
    errors = {}
    if served_on is None:
        errors["served_on"] = coded("请填写服务日期", VolunteerErrorCode.SERVICE_DATE_REQUIRED)
    elif served_on > timezone.localdate():
        errors["served_on"] = coded("服务日期不能晚于今天", VolunteerErrorCode.SERVICE_DATE_IN_FUTURE)
    description = (description or "").strip()
    if not description:
        errors["description"] = coded("请简要填写服务内容", VolunteerErrorCode.SERVICE_DESCRIPTION_REQUIRED)
    elif len(description) > 300:
        errors["description"] = coded("服务内容不能超过300字", VolunteerErrorCode.SERVICE_DESCRIPTION_TOO_LONG)
    try:
        hours = parse_hours(hours)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    return HoursEntry.objects.create(signup=signup, served_on=served_on, hours=hours, description=description)


def hours_for_member(*, user, pk) -> HoursEntry:
    try:
        entry = HoursEntry.objects.select_related("signup__project__organisation", "signup__volunteer").get(pk=pk)
    except (HoursEntry.DoesNotExist, ValueError, TypeError):
        raise Http404("hours not found") from None
    require_org_member(user=user, organisation=entry.signup.project.organisation)
    return entry


@transaction.atomic
def hours_decide(*, user, entry: HoursEntry, confirm: bool) -> HoursEntry:
    require_org_member(user=user, organisation=entry.signup.project.organisation)
    entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != HoursEntry.Status.PENDING:
        raise refusal(
            f"该记录当前为“{entry.get_status_display()}”，不能再确认",
            VolunteerErrorCode.HOURS_STEP_NOT_ALLOWED,
            field="status",
        )
    entry.status = HoursEntry.Status.CONFIRMED if confirm else HoursEntry.Status.REJECTED
    entry.decided_by = actor_user(user)
    entry.decided_at = timezone.now()
    entry.save(update_fields=["status", "decided_by", "decided_at"])
    return entry
