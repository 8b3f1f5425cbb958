"""Civil-affairs staff: groups scoped to a region through Wagtail page permissions on its page.

An officer (民政干部) may add, edit and publish needs under their region's page; a clerk (录入员)
may add and edit, and submits for moderation. National staff hold the permissions on the home page.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from matching.models import Region, StaffScope
from matching.services.regions import region_page_ensure

ROLE_PAGE_PERMISSIONS = {
    StaffScope.Role.OFFICER: ("add_page", "change_page", "publish_page", "lock_page"),
    StaffScope.Role.CLERK: ("add_page", "change_page"),
}
ROLE_LABELS = {StaffScope.Role.OFFICER: "民政干部", StaffScope.Role.CLERK: "录入员"}
# Only open the admin; what a staff member sees and changes there is decided by matching.permissions
# (matching/wagtail_scope.py), never by these global model permissions.
ADMIN_MODEL_PERMISSIONS = {
    StaffScope.Role.OFFICER: (
        "wagtailadmin.access_admin",
        "matching.view_organisation",
        "matching.view_project",
        "matching.view_volunteer",
        "matching.view_region",
        "matching.view_match",
    ),
    StaffScope.Role.CLERK: ("wagtailadmin.access_admin", "matching.view_organisation", "matching.view_project"),
}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def staff_group_ensure(*, region: Region | None, role: str = StaffScope.Role.OFFICER) -> Group:
    """The group for one region and role, with its page and model permissions. Idempotent."""
    scope = StaffScope.objects.filter(region=region, role=role).select_related("group").first()
    if scope:
        return scope.group
    name = f"{ROLE_LABELS[role]}·{region.name if region else '全国'}（{region.code if region else '000000'}）"
    group, _ = Group.objects.get_or_create(name=name)
    StaffScope.objects.create(group=group, region=region, role=role)
    page = region_page_ensure(region=region) if region else Page.objects.get(depth=2)
    for codename in ROLE_PAGE_PERMISSIONS[role]:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    group.permissions.add(*[_permission(p) for p in ADMIN_MODEL_PERMISSIONS[role]])
    return group


@transaction.atomic
def staff_user_add(
    *,
    username: str,
    password: str,
    region: Region | None,
    role: str = StaffScope.Role.OFFICER,
    email: str = "",
    full_name: str = "",
):
    """Create (or find) a staff account and put it in its region's group."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"email": email, "first_name": full_name})
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    user.groups.add(staff_group_ensure(region=region, role=role))
    return user
