"""Needs are Wagtail pages: a staff group's page permissions on its region's page (granted from its StaffScope
by services/staff.py) decide where it adds, edits and publishes needs, and Wagtail's page permission engine
answers. This module imports nothing of the domain, so the page models and their editor panels may ask it."""

from matching.permissions.base import is_superuser, signed_in


def can_add_need(user, region_page) -> bool:
    """Staff may add needs under their region's page."""
    return region_page.permissions_for_user(user).can_add_subpage()


def can_publish_need(user, need) -> bool:
    """Officers publish; a clerk's need goes to the region's moderation workflow."""
    return need.permissions_for_user(user).can_publish()


def can_set_need_status(user, *, need=None, parent_page=None) -> bool:
    """A need's status moves through the lifecycle service; in the editor only staff who may publish the need
    (or, for a new need, publish under its region page) see the field. Clerks never do."""
    if is_superuser(user):
        return True
    if not signed_in(user):
        return False
    if need is not None and need.pk:
        return can_publish_need(user, need)
    return parent_page is not None and parent_page.permissions_for_user(user).can_publish_subpage()
