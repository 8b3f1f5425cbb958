"""The need editor's messages (an approved need says it was published) and the staff's start on the dashboard."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from matching.models import NeedPage, RegionPage
from matching.permissions import OFFICER, can_add_need, can_record_grants, is_civil_staff, staff_scopes


@hooks.register("after_edit_page")
def need_approval_says_published(request, page):
    if not (isinstance(page.specific, NeedPage) and request.POST.get("workflow-action-name") == "approve"):
        return
    page = page.specific_class.objects.get(pk=page.pk)
    if not page.live:
        return
    # Wagtail queued "页面已被更新" during this request; replace it rather than show both.
    queued = messages.get_messages(request)._queued_messages
    queued[:] = [m for m in queued if m.level != messages.SUCCESS]
    messages.success(request, _("需求“%(title)s”已审核通过并发布，公众现在可以看到它。") % {"title": page.title})
    return


class StaffStartPanel(Component):
    """The staff's start on the admin dashboard: for each region they serve, write a need there (counties) and
    open its pages; officers also reach the money screens. No hunting through the page explorer."""

    name = "bangfu_staff_start"
    order = 50
    template_name = "matching/admin/staff_start_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        rows = []
        for scope in staff_scopes(self.user):
            page = RegionPage.objects.filter(region=scope.region).first() if scope.region_id else None
            if page is None:
                continue
            rows.append(
                {
                    "region": scope.region,
                    "page": page,
                    "role": scope.get_role_display(),
                    "add_need": scope.region.level == "county" and can_add_need(self.user, page),
                }
            )
        return {
            "rows": rows,
            "officer": is_civil_staff(self.user, roles=(OFFICER,)),
            "may_record_grant": can_record_grants(self.user),
        }


@hooks.register("construct_homepage_panels")
def staff_start_panel(request, panels):
    if staff_scopes(request.user):
        panels.insert(0, StaffStartPanel(request.user))
