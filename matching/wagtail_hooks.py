"""Staff screens in the Wagtail admin: regions, organisations (with vetting), projects, volunteers, matches."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

import matching.wagtail_hooks_explorer
import matching.wagtail_hooks_interests
import matching.wagtail_hooks_needs  # noqa: F401  (the approval message)
from matching import permissions
from matching.form_errors import form_add_service_errors
from matching.models import Match, Organisation, Project, Region, Volunteer
from matching.services.decisions import decision_hand_over
from matching.services.vetting import organisation_vet
from matching.wagtail_scope import ScopedModelViewSet, ScopedPolicy


class RegionViewSet(ModelViewSet):
    model = Region
    icon = "site"
    menu_label = _("行政区划")
    list_display = ["code", "name", "level", "parent", "tags"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    form_fields = ["name", "tags"]
    add_to_admin_menu = False


register_permission_policy(
    Organisation,
    ScopedPolicy(
        Organisation,
        visible=permissions.organisations_for_staff,
        rules={
            "change": lambda user, org: (
                permissions.can_change_organisation(user, org)
                if org is not None
                else permissions.is_civil_staff(user, roles=(permissions.OFFICER,))
            ),
        },
    ),
)
register_permission_policy(
    Project,
    ScopedPolicy(
        Project,
        visible=permissions.projects_for_staff,
        rules={
            "change": lambda user, project: permissions.is_superuser(user),
        },
    ),
)
register_permission_policy(Volunteer, ScopedPolicy(Volunteer, visible=permissions.volunteers_for_staff))
register_permission_policy(Match, ScopedPolicy(Match, visible=permissions.matches_for_staff))


class OrganisationViewSet(ScopedModelViewSet):
    """Staff see the organisations registered in or serving their region; the officers who oversee one edit
    how it describes itself. Its credit code and vetting status change only through their services."""

    model = Organisation
    icon = "group"
    menu_label = _("社会组织")
    list_display = ["name", "uscc", "org_type", "status", "vetted_at"]
    list_filter = ["status", "org_type"]
    search_fields = ["name", "uscc", "ref"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("ref", read_only=True), FieldPanel("uscc", read_only=True)]),
        FieldRowPanel([FieldPanel("org_type"), FieldPanel("registration_authority")]),
        FieldPanel("description"),
        FieldPanel("service_regions", widget=forms.SelectMultiple(attrs={"size": 8})),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("status", read_only=True), FieldPanel("vetting_note", read_only=True)],
            heading=_("审核（请用“审核”操作）"),
        ),
    ]


class ProjectViewSet(ScopedModelViewSet):
    """Staff read the projects serving their region; the organisation runs them in the portal. Its owner and
    status (the lifecycle services) are never form fields."""

    model = Project
    icon = "clipboard-list"
    menu_label = _("帮扶项目")
    list_display = ["title", "organisation", "status", "ends_on"]
    list_filter = ["status", "categories"]
    search_fields = ["title", "ref"]
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("ref", read_only=True), FieldPanel("organisation", read_only=True)]),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("service_regions", widget=forms.SelectMultiple(attrs={"size": 8})),
        FieldRowPanel([FieldPanel("budget_available"), FieldPanel("volunteer_slots")]),
        FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("status", read_only=True)]),
        FieldPanel("lead", read_only=True),
    ]


class VolunteerViewSet(ScopedModelViewSet):
    """Staff read the volunteers serving their region; a volunteer's profile is theirs to change."""

    model = Volunteer
    icon = "user"
    menu_label = _("志愿者")
    list_display = ["display_name", "hours_per_month", "status"]
    list_filter = ["status"]
    search_fields = ["display_name", "ref"]
    form_fields = ["display_name", "skills", "service_regions", "hours_per_month"]


class MatchViewSet(ScopedModelViewSet):
    """Read only: a match changes state through the match services (the need's candidates screen), which
    check the side, log on the need and tell the other side."""

    model = Match
    icon = "link"
    menu_label = _("匹配")
    list_display = ["need", "project", "volunteer", "status", "score"]
    list_filter = ["status"]
    form_fields = ["note"]


class BangfuViewSetGroup(ModelViewSetGroup):
    menu_label = _("帮扶业务")
    menu_icon = "folder-open-inverse"
    menu_order = 150
    items = (
        OrganisationViewSet("organisations"),
        ProjectViewSet("projects"),
        VolunteerViewSet("volunteers"),
        MatchViewSet("matches"),
        RegionViewSet("regions"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return BangfuViewSetGroup()


class VetForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核决定"), choices=[("approve", _("通过")), ("reject", _("驳回")), ("suspend", _("暂停"))]
    )
    note = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


def organisation_vet_view(request, pk):
    organisation = get_object_or_404(permissions.organisations_for_staff(request.user), pk=pk)
    if not permissions.can_vet_organisation(request.user, organisation, ignore_interests=True):
        raise PermissionDenied(_("您无权审核该地区登记的社会组织"))
    conflict = permissions.refused(lambda: permissions.require_vet_organisation(request.user, organisation))
    if conflict is not None and request.method == "POST":
        decision_hand_over(conflict=conflict)
        messages.info(request, _("已请同一范围内的其他干部审核“%(name)s”") % {"name": organisation.name})
        return redirect(reverse("organisations:index"))
    form = VetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_vet(organisation=organisation, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("已记录对“%(name)s”的审核决定") % {"name": organisation.name})
            return redirect(reverse("organisations:edit", args=[pk]))
    return render(
        request,
        "matching/admin/organisation_vet.html",
        {"organisation": organisation, "form": form, "conflict": conflict},
    )


@hooks.register("register_admin_urls")
def vetting_urls():
    return [path("organisations/<int:pk>/vet/", organisation_vet_view, name="organisation_vet")]
