"""Projects and volunteers. An organisation's members change its projects; staff read the projects and
volunteers that serve their region (they never edit them: the organisation or the volunteer does)."""

from django.db.models import Q, QuerySet

from matching.models import Organisation, Project, Volunteer
from matching.permissions.base import actor_user, is_superuser, signed_in
from matching.permissions.organisations import is_org_member, organisations_for_staff
from matching.permissions.scope import (
    ANY_ROLE,
    filter_to_scope,
    is_civil_staff,
    region_serves_scope_q,
)


def can_create_project(user, organisation: Organisation) -> bool:
    return is_superuser(user) or is_org_member(user, organisation)


def can_change_project(user, project: Project) -> bool:
    """Members of the owning organisation (or its token); nobody else — staff only read."""
    return is_superuser(user) or is_org_member(user, project.organisation)


def can_file_report(user, project: Project) -> bool:
    """Progress reports come from the organisation running the project."""
    return can_change_project(user, project)


def projects_for_staff(user, *, roles=ANY_ROLE) -> QuerySet[Project]:
    """Projects serving somewhere in the staff member's region, or run by an organisation registered there."""
    if not is_civil_staff(user, roles=roles):
        return Project.objects.none()
    serves = region_serves_scope_q(user, "service_regions__code", roles=roles)
    if serves is None:
        return Project.objects.all()
    registered = organisations_for_staff(user, roles=roles)
    return filter_to_scope(Project.objects.all(), serves | Q(organisation__in=registered))


def project_in_staff_scope(user, project: Project, *, roles=ANY_ROLE) -> bool:
    return is_civil_staff(user, roles=roles) and projects_for_staff(user, roles=roles).filter(pk=project.pk).exists()


def can_view_project(user, project: Project) -> bool:
    return is_superuser(user) or is_org_member(user, project.organisation) or project_in_staff_scope(user, project)


def volunteers_for_staff(user) -> QuerySet[Volunteer]:
    if not is_civil_staff(user):
        return Volunteer.objects.none()
    return filter_to_scope(Volunteer.objects.all(), region_serves_scope_q(user, "service_regions__code"))


def is_volunteer_self(user, volunteer: Volunteer) -> bool:
    person = actor_user(user)
    return signed_in(person) and volunteer.user_id is not None and volunteer.user_id == person.pk


def can_change_volunteer(user, volunteer: Volunteer) -> bool:
    """A volunteer's profile is theirs: the volunteer (or a superuser) changes it."""
    return is_superuser(user) or is_volunteer_self(user, volunteer)


def can_view_volunteer(user, volunteer: Volunteer) -> bool:
    return can_change_volunteer(user, volunteer) or (
        is_civil_staff(user) and volunteers_for_staff(user).filter(pk=volunteer.pk).exists()
    )
