from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from matching.form_errors import form_add_service_errors
from matching.models import Project, VolunteerSignup
from matching.services.signups import (
    hours_decide,
    hours_for_member,
    hours_log,
    signup_create,
    signup_decide,
    signup_for_member,
)
from matching.services.volunteers import availability_for, volunteer_for_user, volunteer_profile_save, volunteer_require
from portal.forms import DecisionForm, HoursForm, SignupForm, VolunteerProfileForm
from portal.records import certificate_number, hours_by_project, total_hours
from portal.selectors import confirmed_hours_rows, matches_proposed_to_volunteer
from portal.views.helpers import portal_login_required


@portal_login_required
def volunteer_profile(request):
    volunteer = volunteer_for_user(request.user)
    initial = {"display_name": request.user.get_username()}
    if volunteer is not None:
        initial = {
            "display_name": volunteer.display_name,
            "hours_per_month": volunteer.hours_per_month,
            "skills": [s.code for s in volunteer.skills.all()],
            "service_regions": [r.code for r in volunteer.service_regions.all()],
        }
        if (availability := availability_for(volunteer)) is not None:
            initial.update(
                weekdays=availability.weekdays,
                weekends=availability.weekends,
                evenings=availability.evenings,
                available_from=availability.available_from,
                available_until=availability.available_until,
            )
    form = VolunteerProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            volunteer_profile_save(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("志愿者资料已保存。"))
            return redirect("portal:volunteer_home")
    availability = availability_for(volunteer) if volunteer is not None else None
    return render(
        request,
        "portal/volunteer_profile.html",
        {"form": form, "availability": availability},
        status=400 if request.method == "POST" else 200,
    )


@portal_login_required
def volunteer_home(request):
    volunteer = volunteer_for_user(request.user)
    if volunteer is None:
        return redirect("portal:volunteer_profile")
    signups = VolunteerSignup.objects.filter(volunteer=volunteer).select_related("project", "project__organisation")
    return render(
        request,
        "portal/volunteer_home.html",
        {
            "volunteer": volunteer,
            "signups": signups,
            "availability": availability_for(volunteer),
            "proposals": matches_proposed_to_volunteer(volunteer=volunteer),
        },
    )


@portal_login_required
def project_signup(request, ref):
    try:
        project = Project.objects.select_related("organisation").get(
            ref=ref, status=Project.Status.ACTIVE, organisation__status="verified"
        )
    except Project.DoesNotExist:
        raise Http404("project not found") from None
    if volunteer_for_user(request.user) is None:
        messages.info(request, _("报名前请先填写志愿者资料。"))
        return redirect("portal:volunteer_profile")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signup_create(user=request.user, project=project, message=form.cleaned_data["message"])
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("报名已提交，等待组织审核。"))
            return redirect("portal:volunteer_home")
    return render(
        request,
        "portal/project_signup.html",
        {"form": form, "project": project},
        status=400 if request.method == "POST" else 200,
    )


@portal_login_required
def hours_log_view(request, pk):
    volunteer = volunteer_require(request.user)
    try:
        signup = VolunteerSignup.objects.select_related("project").get(pk=pk, volunteer=volunteer)
    except (VolunteerSignup.DoesNotExist, ValueError):
        raise Http404("signup not found") from None
    form = HoursForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hours_log(user=request.user, signup=signup, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("服务时长已提交，等待组织确认。"))
            return redirect("portal:volunteer_home")
    entries = signup.hours.all()
    return render(
        request,
        "portal/hours_form.html",
        {"form": form, "signup": signup, "entries": entries},
        status=400 if request.method == "POST" else 200,
    )


def _record(volunteer):
    lines = hours_by_project(confirmed_hours_rows(volunteer=volunteer))
    return lines, total_hours(lines)


@portal_login_required
def volunteer_record(request):
    volunteer = volunteer_for_user(request.user)
    if volunteer is None:
        return redirect("portal:volunteer_profile")
    lines, total = _record(volunteer)
    return render(request, "portal/volunteer_record.html", {"volunteer": volunteer, "lines": lines, "total": total})


@portal_login_required
def volunteer_certificate(request):
    """志愿服务证明: a printable page (the browser's print-to-PDF makes the PDF)."""
    volunteer = volunteer_for_user(request.user)
    if volunteer is None:
        return redirect("portal:volunteer_profile")
    lines, total = _record(volunteer)
    if not lines:
        messages.info(request, _("尚无经组织确认的服务时长，暂不能开具证明。"))
        return redirect("portal:volunteer_record")
    today = timezone.localdate()
    response = render(
        request,
        "portal/volunteer_certificate.html",
        {
            "volunteer": volunteer,
            "lines": lines,
            "total": total,
            "issued_on": today,
            "number": certificate_number(volunteer.ref, total, today),
        },
    )
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="certificate-{volunteer.ref}.html"'
    return response


def _flash(request, exc):
    for m in getattr(exc, "messages", [str(exc)]):
        messages.error(request, m)


@require_POST
@portal_login_required
def signup_decide_view(request, pk):
    signup = signup_for_member(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择通过或不通过。"))
    else:
        try:
            signup_decide(
                user=request.user,
                signup=signup,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except (ValidationError, PermissionDenied) as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("报名审核结果已保存。"))
    return redirect("portal:org_dashboard", org_id=signup.project.organisation_id)


@require_POST
@portal_login_required
def hours_decide_view(request, pk):
    entry = hours_for_member(user=request.user, pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        messages.error(request, _("请选择确认或不确认。"))
    else:
        try:
            hours_decide(user=request.user, entry=entry, confirm=decision == "confirm")
        except (ValidationError, PermissionDenied) as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("服务时长已处理。"))
    return redirect("portal:org_dashboard", org_id=entry.signup.project.organisation_id)
