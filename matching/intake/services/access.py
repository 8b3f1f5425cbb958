"""The hotline operators' group (12349): operators only record reports. Who may record, read and handle a
report is matching.permissions (intake)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from matching.permissions.intake import RECORD_PERMISSION

HOTLINE_GROUP = "12349热线接线员"


@transaction.atomic
def hotline_operator_group_ensure() -> Group:
    group, _ = Group.objects.get_or_create(name=HOTLINE_GROUP)
    app_label, codename = RECORD_PERMISSION.split(".")
    group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def hotline_operator_add(*, user) -> None:
    user.groups.add(hotline_operator_group_ensure())
