"""Reads for staff: only reports in counties their scope covers."""
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from matching.intake.models import IntakeReport, Referral
from matching.intake.services.access import intake_can_view, is_hotline_operator
from matching.models import Region
from matching.services.staff import staff_region_codes


def reports_for_staff(*, user) -> QuerySet[IntakeReport]:
    """Reports whose county lies inside one of the user's staff scopes (all of them for national staff)."""
    codes = staff_region_codes(user)
    qs = IntakeReport.objects.select_related("county").annotate(
        duplicate_count=Count("similar_reports", distinct=True) + Count("similar_needs", distinct=True),
        open_referrals=Count("referrals", filter=~Q(referrals__status=Referral.Status.ANSWERED), distinct=True),
    )
    if codes is None:
        return qs.order_by("-created_at", "-id") if user.is_authenticated else qs.none()
    if not codes:
        return qs.none()
    scope = Q()
    for code in codes:
        if code.endswith("0000"):
            scope |= Q(county__code__startswith=code[:2])
        elif code.endswith("00"):
            scope |= Q(county__code__startswith=code[:4])
        else:
            scope |= Q(county_id=code)
    return qs.filter(scope).order_by("-created_at", "-id")


def report_for_staff(*, user, ref: str) -> IntakeReport:
    """The report, or 404 — also for staff of another county, so a reference reveals nothing."""
    report = (IntakeReport.objects.select_related("county", "contact", "need", "recorded_by")
              .filter(ref=ref).first())
    if report is None or not intake_can_view(user=user, county=report.county):
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
    codes = staff_region_codes(user)
    if codes is None or is_hotline_operator(user):
        return list(counties)
    stems = Q(pk__in=[])
    for code in codes:
        stem = code[:2] if code.endswith("0000") else code[:4] if code.endswith("00") else code
        stems |= Q(code__startswith=stem)
    return list(counties.filter(stems))
