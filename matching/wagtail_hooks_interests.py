"""Conflict of interest in the admin: the staff's report of decisions taken before an interest was declared, the
declarations about organisations of their region, and links to declare one's own (on the portal page)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from matching.permissions import (
    can_view_interest_report,
    declarations_for_staff,
    staff_scopes,
)
from matching.selectors.interests import decisions_with_later_interest

DECLARATIONS_SHOWN = 200


def interest_report_view(request):
    if not can_view_interest_report(request.user):
        raise PermissionDenied(_("只有民政工作人员可以查看利益冲突报告"))
    declarations = (
        declarations_for_staff(request.user)
        .select_related("organisation", "user")
        .order_by("-declared_at")[:DECLARATIONS_SHOWN]
    )
    return render(
        request,
        "matching/admin/interest_report.html",
        {"rows": decisions_with_later_interest(user=request.user), "declarations": declarations},
    )


@hooks.register("register_admin_urls")
def interest_urls():
    return [path("interests/report/", interest_report_view, name="interest_report")]


class InterestReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_interest_report(request.user)


@hooks.register("register_admin_menu_item")
def register_interest_menu_item():
    return InterestReportMenuItem(_("利益冲突"), reverse("interest_report"), icon_name="warning", order=250)


class InterestPanel(Component):
    """On the staff dashboard: declare one's own interests, and the report."""

    name = "bangfu_interests"
    order = 60
    template_name = "matching/admin/includes/interest_panel.html"


@hooks.register("construct_homepage_panels")
def interest_panel(request, panels):
    if staff_scopes(request.user) or can_view_interest_report(request.user):
        panels.append(InterestPanel())
