from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from matching.form_errors import form_add_service_errors
from matching.selectors.interests import project_lead_choices
from matching.services.project_lifecycle import (
    ProjectFields,
    project_create,
    project_for_member,
    project_set_status,
    project_update,
)
from portal.forms import ProjectForm
from portal.views.helpers import organisation_view, portal_login_required


def _fields(data) -> ProjectFields:
    return ProjectFields(
        title=data["title"],
        summary=data["summary"],
        description=data["description"],
        categories=tuple(data["categories"]),
        service_regions=tuple(data["service_regions"]),
        skills=tuple(data["skills"]),
        budget_available=data["budget_available"] or 0,
        volunteer_slots=data["volunteer_slots"] or 0,
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        lead_id=data.get("lead"),
    )


@organisation_view()
def project_create_view(request, organisation, membership):
    form = ProjectForm(request.POST or None, leads=project_lead_choices(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        try:
            project_create(user=request.user, organisation=organisation, fields=_fields(form.cleaned_data))
        except (ValidationError, PermissionDenied) as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("项目已保存为草稿。"))
            return redirect("portal:org_dashboard", org_id=organisation.pk)
    return render(
        request,
        "portal/project_form.html",
        {"form": form, "organisation": organisation},
        status=400 if request.method == "POST" else 200,
    )


@portal_login_required
def project_edit_view(request, pk):
    project = project_for_member(user=request.user, pk=pk)
    initial = {
        "title": project.title,
        "summary": project.summary,
        "description": project.description,
        "categories": [c.code for c in project.categories.all()],
        "service_regions": [r.code for r in project.service_regions.all()],
        "skills": [s.code for s in project.skills.all()],
        "budget_available": project.budget_available,
        "volunteer_slots": project.volunteer_slots,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "lead": project.lead_id,
    }
    form = ProjectForm(
        request.POST or None,
        initial=initial,
        leads=project_lead_choices(organisation=project.organisation, current=project.lead),
    )
    if request.method == "POST" and form.is_valid():
        try:
            project_update(user=request.user, project=project, fields=_fields(form.cleaned_data))
        except (ValidationError, PermissionDenied) as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("项目已更新。"))
            return redirect("portal:org_dashboard", org_id=project.organisation_id)
    return render(
        request,
        "portal/project_form.html",
        {"form": form, "organisation": project.organisation, "project": project},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@portal_login_required
def project_status_view(request, pk):
    project = project_for_member(user=request.user, pk=pk)
    try:
        project_set_status(user=request.user, project=project, status=request.POST.get("status", ""))
    except (ValidationError, PermissionDenied) as exc:
        for m in getattr(exc, "messages", [str(exc)]):
            messages.error(request, m)
    else:
        messages.success(request, _("项目状态已更新。"))
    return redirect("portal:org_dashboard", org_id=project.organisation_id)
