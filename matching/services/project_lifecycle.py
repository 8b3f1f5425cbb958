"""Organisations create and run their projects: create, edit, pause, resume, complete, cancel.

The portal, the API and the admin call these; membership is checked inside every operation.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from matching.error_codes import ProjectErrorCode
from matching.errors import refusal
from matching.models import Category, Membership, Organisation, Project, Region, Skill
from matching.outcomes.selectors.duties import project_duties_due
from matching.permissions import actor_user, require_org_member
from matching.services.membership import organisation_require_active

STATUS_VERBS = {"active": "启动", "paused": "暂停", "completed": "完成", "cancelled": "取消"}
MAX_BUDGET_FEN = 10_000_000_000_00  # 100 亿元: anything above is a typing error


@dataclass(frozen=True)
class ProjectFields:
    title: str
    summary: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    service_regions: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    budget_available: int = 0  # fen
    volunteer_slots: int = 0
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    extra: dict = field(default_factory=dict)
    lead_id: int | None = None  # a member of the organisation; None keeps the current lead (on creation: the author)


def project_fields_errors(fields: ProjectFields) -> dict[str, ValidationError]:
    """Pure checks on a project's fields: {field: its refusal, with a ProjectErrorCode}; empty when they are
    fine."""
    errors: dict[str, ValidationError] = {}

    def refuse(name: str, message: str, code: ProjectErrorCode) -> None:
        errors.setdefault(name, ValidationError(message, code=str(code)))

    if not fields.title.strip():
        refuse("title", "请填写项目名称", ProjectErrorCode.TITLE_REQUIRED)
    elif len(fields.title) > 200:
        refuse("title", "项目名称不能超过200字", ProjectErrorCode.TITLE_TOO_LONG)
    if not fields.categories:
        refuse("categories", "请至少选择一个服务类别", ProjectErrorCode.CATEGORY_REQUIRED)
    if not fields.service_regions:
        refuse("service_regions", "请至少选择一个服务地区", ProjectErrorCode.REGION_REQUIRED)
    if not isinstance(fields.budget_available, int) or fields.budget_available < 0:
        refuse("budget_available", "可用资金不能为负数", ProjectErrorCode.INVALID_BUDGET)
    elif fields.budget_available > MAX_BUDGET_FEN:
        refuse("budget_available", "可用资金超出合理范围", ProjectErrorCode.BUDGET_TOO_LARGE)
    if not isinstance(fields.volunteer_slots, int) or fields.volunteer_slots < 0 or fields.volunteer_slots > 100_000:
        refuse("volunteer_slots", "志愿者名额应为0到100000之间的整数", ProjectErrorCode.INVALID_VOLUNTEER_SLOTS)
    if fields.starts_on and fields.ends_on and fields.ends_on < fields.starts_on:
        refuse("ends_on", "结束日期不能早于开始日期", ProjectErrorCode.ENDS_BEFORE_START)
    return errors


def _resolve(fields: ProjectFields) -> tuple[list, list, list]:
    errors = project_fields_errors(fields)
    categories = list(Category.objects.filter(code__in=fields.categories))
    regions = list(Region.objects.filter(code__in=fields.service_regions))
    skills = list(Skill.objects.filter(code__in=fields.skills))
    unknown = (
        ("categories", categories, fields.categories, "包含未知的服务类别", ProjectErrorCode.UNKNOWN_CATEGORY),
        ("service_regions", regions, fields.service_regions, "包含未知的行政区划代码", ProjectErrorCode.UNKNOWN_REGION),
        ("skills", skills, fields.skills, "包含未知的技能", ProjectErrorCode.UNKNOWN_SKILL),
    )
    for name, found, asked, message, code in unknown:
        if asked and len(found) != len(set(asked)):
            errors.setdefault(name, ValidationError(message, code=str(code)))
    if errors:
        raise ValidationError(errors)
    return categories, regions, skills


def _apply(project: Project, fields: ProjectFields) -> None:
    project.title = fields.title.strip()
    project.summary = fields.summary.strip()
    project.description = fields.description.strip()
    project.budget_available = fields.budget_available
    project.volunteer_slots = fields.volunteer_slots
    project.starts_on = fields.starts_on
    project.ends_on = fields.ends_on


@transaction.atomic
def project_create(*, user, organisation: Organisation, fields: ProjectFields) -> Project:
    """Any member may draft a project for their own organisation; it starts as a draft."""
    require_org_member(user=user, organisation=organisation)
    organisation_require_active(organisation=organisation)
    categories, regions, skills = _resolve(fields)
    project = Project(organisation=organisation, ref=f"prj-{uuid.uuid4().hex[:12]}", status=Project.Status.DRAFT)
    project.lead_id = _lead_id(organisation, fields.lead_id) or _member_id(organisation, actor_user(user))
    return _save(project, fields, categories, regions, skills)


def _member_id(organisation: Organisation, person) -> int | None:
    pk = getattr(person, "pk", None)
    return pk if pk and Membership.objects.filter(organisation=organisation, user_id=pk).exists() else None


def _lead_id(organisation: Organisation, lead_id: int | None, *, current: int | None = None) -> int | None:
    """The project's lead: a member of the organisation (its current lead stays valid even after leaving, so an
    unchanged form saves unchanged)."""
    if lead_id is None or lead_id == current:
        return current
    if not Membership.objects.filter(organisation=organisation, user_id=lead_id).exists():
        raise refusal(_("项目负责人必须是本组织的成员"), ProjectErrorCode.LEAD_NOT_A_MEMBER, field="lead")
    return lead_id


def _save(project: Project, fields, categories, regions, skills) -> Project:
    _apply(project, fields)
    project.full_clean()
    project.save()
    project.categories.set(categories)
    project.service_regions.set(regions)
    project.skills.set(skills)
    return project


@transaction.atomic
def project_update(*, user, project: Project, fields: ProjectFields) -> Project:
    require_org_member(user=user, organisation=project.organisation)
    organisation_require_active(organisation=project.organisation)
    if project.status in (Project.Status.COMPLETED, Project.Status.CANCELLED):
        raise refusal("已完成或已取消的项目不能再修改", ProjectErrorCode.PROJECT_CLOSED, field="status")
    categories, regions, skills = _resolve(fields)
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require_duties_kept(project, fields)
    project.lead_id = _lead_id(project.organisation, fields.lead_id, current=project.lead_id)
    return _save(project, fields, categories, regions, skills)


def _require_duties_kept(project: Project, fields: ProjectFields) -> None:
    """Disclosure duties that have fallen due never vanish through an edit of the time window
    (clearing or moving the dates would otherwise erase what the public is owed)."""
    if (project.starts_on, project.ends_on) == (fields.starts_on, fields.ends_on):
        return
    before = project_duties_due(project=project, starts_on=project.starts_on, ends_on=project.ends_on)
    after = project_duties_due(project=project, starts_on=fields.starts_on, ends_on=fields.ends_on)
    if len(after) < len(before):
        message = _(
            "该项目已有 %(before)d 项到期的信息公开义务，按新的日期只剩 %(after)d 项；"
            "到期的信息公开义务不能因修改日期而消失"
        ) % {"before": len(before), "after": len(after)}
        raise refusal(message, ProjectErrorCode.DUTIES_WOULD_VANISH, field="starts_on")


@transaction.atomic
def project_set_status(*, user, project: Project, status: str) -> Project:
    """Publish (active), pause, resume, complete or cancel, as Project.TRANSITIONS allows.

    Only a verified organisation's admin may make a project active: the public and the
    matcher only see verified organisations' projects.
    """
    require_org_member(user=user, organisation=project.organisation, admin=True)
    organisation_require_active(organisation=project.organisation)
    project = Project.objects.select_for_update().select_related("organisation").get(pk=project.pk)
    if status not in Project.Status.values:
        raise refusal(f"未知的项目状态：{status}", ProjectErrorCode.UNKNOWN_STATUS, field="status")
    if not project.can_become(status):
        raise refusal(
            f"项目不能从“{project.get_status_display()}”变为“{Project.Status(status).label}”",
            ProjectErrorCode.STATUS_STEP_NOT_ALLOWED,
            field="status",
        )
    if status == Project.Status.ACTIVE and not project.organisation.is_verified:
        raise PermissionDenied("组织通过审核后才能启动项目")
    project.status = status
    project.save(update_fields=["status", "updated_at"])
    return project


def project_for_member(*, user, pk: int) -> Project:
    """A project the caller's organisations own; 404 for anything else."""
    try:
        project = Project.objects.select_related("organisation").get(pk=pk)
    except (Project.DoesNotExist, ValueError, TypeError):
        raise Http404("project not found") from None
    require_org_member(user=user, organisation=project.organisation)
    return project
