"""Deliveries: who may say a need was met, and who may take it back.

An organisation records a delivery only for a need its project was *accepted* for (a proposal is not
enough); the need's officers may record one themselves (民政部门直接交付) and reverse a wrong one; the
need's staff and the delivering organisation see them.
"""

from django.db.models import QuerySet

from matching.models import Match, NeedPage, Project
from matching.outcomes.models import DeliveryRecord, ProgressReport
from matching.permissions.needs import is_need_officer, is_need_staff
from matching.permissions.organisations import is_org_member
from matching.permissions.projects import projects_for_staff
from matching.permissions.scope import filter_to_scope, region_scope_q

DELIVERABLE_MATCH_STATUSES = (Match.Status.ACCEPTED, Match.Status.DELIVERED)


def has_accepted_match(need: NeedPage, project: Project) -> bool:
    return Match.objects.filter(need=need, project=project, status__in=DELIVERABLE_MATCH_STATUSES).exists()


def can_record_delivery(user, need: NeedPage, project: Project | None = None) -> bool:
    if project is None:
        return is_need_officer(user, need)
    return is_org_member(user, project.organisation) and has_accepted_match(need, project)


def can_reverse_delivery(user, record: DeliveryRecord) -> bool:
    return is_need_officer(user, record.need)


def can_view_delivery(user, record: DeliveryRecord) -> bool:
    return is_need_staff(user, record.need) or (
        record.project_id is not None and is_org_member(user, record.project.organisation)
    )


def deliveries_for_staff(user) -> QuerySet[DeliveryRecord]:
    return filter_to_scope(DeliveryRecord.objects.all(), region_scope_q(user, "need__county__code"))


def reports_for_staff(user) -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(project__in=projects_for_staff(user).values("pk"))
