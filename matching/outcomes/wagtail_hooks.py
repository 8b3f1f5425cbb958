"""Staff read progress reports and delivery records in the admin; they are filed through the services
(report_file, need_fulfil), so the admin never adds, edits or deletes them."""
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from matching.outcomes.models import DeliveryRecord, ProgressReport


class ReadOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


register_permission_policy(ProgressReport, ReadOnlyPolicy(ProgressReport))
register_permission_policy(DeliveryRecord, ReadOnlyPolicy(DeliveryRecord))


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []


class ProgressReportViewSet(ReadOnlyViewSet):
    model = ProgressReport
    icon = "doc-full"
    menu_label = "进展报告"
    list_display = ["project", "period_start", "period_end", "is_final", "submitted_at"]
    list_filter = ["is_final"]
    search_fields = ["narrative"]


class DeliveryRecordViewSet(ReadOnlyViewSet):
    model = DeliveryRecord
    icon = "success"
    menu_label = "交付记录"
    list_display = ["need", "delivered_by", "delivered_on", "created_at"]
    search_fields = ["what", "delivered_by"]


class OutcomesViewSetGroup(ModelViewSetGroup):
    menu_label = "成效"
    menu_icon = "doc-full"
    menu_order = 160
    items = (ProgressReportViewSet("progress_reports"), DeliveryRecordViewSet("delivery_records"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return OutcomesViewSetGroup()
