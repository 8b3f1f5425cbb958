"""Reads for staff: only reports in counties their scope covers."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from matching.intake.models import IntakeReport, Referral
from matching.models import Region
from matching.permissions import can_view_intake, intake_reports_for_staff, is_hotline_operator, region_scope_q


def reports_for_staff(*, user) -> QuerySet[IntakeReport]:
    """Reports whose county lies inside one of the user's staff scopes (all of them for national staff)."""
    qs = IntakeReport.objects.select_related("county").annotate(
        duplicate_count=Count("similar_reports", distinct=True) + Count("similar_needs", distinct=True),
        open_referrals=Count("referrals", filter=~Q(referrals__status=Referral.Status.ANSWERED), distinct=True),
    )
    return intake_reports_for_staff(user, qs).order_by("-created_at", "-id")


def report_for_staff(*, user, ref: str) -> IntakeReport:
    """The report, or 404 — also for staff of another county, so a reference reveals nothing."""
    report = IntakeReport.objects.select_related("county", "contact", "need", "recorded_by").filter(ref=ref).first()
    if report is None or not can_view_intake(user, report.county):
        raise Http404("没有找到该受理报告")
    return report


def referrals_overdue_for_staff(*, user) -> list[Referral]:
    reports = reports_for_staff(user=user)
    candidates = Referral.objects.filter(report__in=reports.values("pk")).exclude(status=Referral.Status.ANSWERED)
    return [r for r in candidates.select_related("report__county") if r.is_overdue]


def intake_counties_for(*, user) -> list[Region]:
    """The counties the user may file a report for, for the form's county choice: a hotline operator or national
    staff any county; regional staff the counties inside their scopes."""
    counties = Region.objects.filter(level="county").order_by("code")
    scope = None if is_hotline_operator(user) else region_scope_q(user, "code")
    return list(counties if scope is None else counties.filter(scope))
