"""Reads for the portal's dashboards. The caller's organisations only."""

from django.db.models import QuerySet

from matching.models import HoursEntry, Match, Membership, Organisation, Project, VolunteerSignup


def organisations_for_user(*, user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def memberships_for_user(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")


def projects_for_organisation(*, organisation: Organisation) -> QuerySet[Project]:
    return Project.objects.filter(organisation=organisation).order_by("-created_at", "-id")


def matches_waiting(*, organisation: Organisation) -> QuerySet[Match]:
    """Proposals this organisation has to answer (not the ones its own members made: the staff answer those)."""
    return (
        Match.objects.filter(project__organisation=organisation, status=Match.Status.PROPOSED)
        .exclude(proposed_by__memberships__organisation=organisation)
        .select_related("need", "need__county", "project")
        .order_by("-created_at", "-id")
    )


def matches_to_deliver(*, organisation: Organisation) -> QuerySet[Match]:
    """Accepted matches of this organisation's projects whose delivery is still to be recorded."""
    return (
        Match.objects.filter(project__organisation=organisation, status=Match.Status.ACCEPTED)
        .select_related("need", "need__county", "project")
        .order_by("-updated_at", "-id")
    )


def matches_proposed_to_volunteer(*, volunteer) -> QuerySet[Match]:
    """Staff recommendations this volunteer has to answer."""
    return (
        Match.objects.filter(volunteer=volunteer, status=Match.Status.PROPOSED)
        .select_related("need", "need__county")
        .order_by("-created_at", "-id")
    )


def signups_for_organisation(*, organisation: Organisation) -> QuerySet[VolunteerSignup]:
    return (
        VolunteerSignup.objects.filter(project__organisation=organisation)
        .select_related("volunteer", "project")
        .order_by("status", "-created_at", "-id")
    )


def hours_pending_for_organisation(*, organisation: Organisation) -> QuerySet[HoursEntry]:
    return (
        HoursEntry.objects.filter(signup__project__organisation=organisation, status=HoursEntry.Status.PENDING)
        .select_related("signup__volunteer", "signup__project")
        .order_by("served_on", "id")
    )


def confirmed_hours_rows(*, volunteer) -> list[tuple]:
    return list(
        HoursEntry.objects.filter(signup__volunteer=volunteer, status=HoursEntry.Status.CONFIRMED)
        .order_by("signup__project__ref", "served_on")
        .values_list("signup__project__ref", "signup__project__title", "signup__project__organisation__name", "hours")
    )
