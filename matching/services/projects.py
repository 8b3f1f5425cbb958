"""Writes on projects: create or update one by its external ref (admin, portal, import)."""

import datetime

from django.db import transaction

from matching.error_codes import ProjectErrorCode
from matching.errors import refusal
from matching.models import Category, Organisation, Project, Region, Skill
from matching.permissions import can_change_project, can_create_project, require


@transaction.atomic
def project_upsert(
    *,
    ref: str,
    organisation: Organisation,
    title: str,
    summary: str = "",
    description: str = "",
    categories: list[str] = (),
    service_regions: list[str] = (),
    budget_available: int = 0,
    currency: str = "CNY",
    volunteer_slots: int = 0,
    skills: list[str] = (),
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    status: str = Project.Status.DRAFT,
    user=None,
) -> Project:
    """Create the project with this ref, or update it. Money is integer fen; the window must not end before it starts.

    Members of the owning organisation change its projects; `user=None` is a system operation.
    """
    project = Project.objects.select_for_update().filter(ref=ref).first()
    if project is None:
        if user is not None:
            require(can_create_project(user, organisation), "您无权为该社会组织登记项目")
        project = Project(ref=ref)
    elif user is not None:
        require(can_change_project(user, project), "您无权修改该项目")
        if organisation.pk != project.organisation_id:
            raise refusal(
                "项目不能转移到其他社会组织", ProjectErrorCode.ORGANISATION_CANNOT_CHANGE, field="organisation"
            )
    if starts_on and ends_on and ends_on < starts_on:
        raise refusal("结束日期不能早于开始日期", ProjectErrorCode.ENDS_BEFORE_START, field="ends_on")
    if not isinstance(budget_available, int) or budget_available < 0:
        raise refusal("可用资金应为非负整数（分）", ProjectErrorCode.INVALID_BUDGET, field="budget_available")
    for name, value in (
        ("organisation", organisation),
        ("title", title),
        ("summary", summary),
        ("description", description),
        ("budget_available", budget_available),
        ("currency", currency),
        ("volunteer_slots", volunteer_slots),
        ("starts_on", starts_on),
        ("ends_on", ends_on),
        ("status", status),
    ):
        setattr(project, name, value)
    project.full_clean()
    project.save()
    project.categories.set(Category.objects.filter(code__in=list(categories)))
    project.service_regions.set(Region.objects.filter(code__in=list(service_regions)))
    project.skills.set(Skill.objects.filter(code__in=list(skills)))
    return project
