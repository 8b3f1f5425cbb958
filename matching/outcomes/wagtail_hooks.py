"""Staff read the progress reports and delivery records of their region in the admin; they are filed through
the services (report_file, need_fulfil), so the admin never adds or edits them. A need's officers reverse a
wrong delivery through delivery_reverse, which logs it on the need."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from matching import permissions
from matching.form_errors import form_add_service_errors
from matching.outcomes.models import DeliveryRecord, ProgressReport
from matching.outcomes.services.deliveries import delivery_reverse
from matching.wagtail_scope import ScopedIndexView, ScopedModelViewSet, ScopedPolicy

register_permission_policy(ProgressReport, ScopedPolicy(ProgressReport, visible=permissions.reports_for_staff))
register_permission_policy(DeliveryRecord, ScopedPolicy(DeliveryRecord, visible=permissions.deliveries_for_staff))


class ReadOnlyViewSet(ScopedModelViewSet):
    form_fields = []


class ProgressReportViewSet(ReadOnlyViewSet):
    model = ProgressReport
    icon = "doc-full"
    menu_label = "进展报告"
    list_display = ["project", "period_start", "period_end", "is_final", "submitted_at"]
    list_filter = ["is_final"]
    search_fields = ["narrative"]


class DeliveryRecordIndexView(ScopedIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.reversed_at is None and permissions.can_reverse_delivery(self.request.user, instance):
            buttons.append(
                MenuItem(
                    _("撤销"), url=reverse("delivery_reverse", args=[instance.pk]), icon_name="rotate", priority=40
                )
            )
        return buttons


class DeliveryRecordViewSet(ReadOnlyViewSet):
    index_view_class = DeliveryRecordIndexView
    model = DeliveryRecord
    icon = "success"
    menu_label = "交付记录"
    list_display = ["need", "what", "delivered_by", "delivered_on", "reversed_at", "created_at"]
    search_fields = ["what", "delivered_by"]


class OutcomesViewSetGroup(ModelViewSetGroup):
    menu_label = "成效"
    menu_icon = "doc-full"
    menu_order = 160
    items = (ProgressReportViewSet("progress_reports"), DeliveryRecordViewSet("delivery_records"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return OutcomesViewSetGroup()


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("撤销理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500)


def delivery_reverse_view(request, pk):
    record = get_object_or_404(permissions.deliveries_for_staff(request.user).select_related("need"), pk=pk)
    if not permissions.can_reverse_delivery(request.user, record):
        raise PermissionDenied(_("只有需求所在地区的民政干部可以撤销交付记录"))
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delivery_reverse(record=record, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("已撤销交付记录 #%(pk)s，已记入需求的公开记录") % {"pk": record.pk})
            return redirect("delivery_records:index")
    return render(
        request,
        "outcomes/admin/delivery_reverse.html",
        {"record": record, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@hooks.register("register_admin_urls")
def delivery_reverse_urls():
    return [path("delivery_records/<int:pk>/reverse/", delivery_reverse_view, name="delivery_reverse")]
