from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from matching.form_errors import form_add_service_errors
from matching.services.matches import (
    match_accept,
    match_decline,
    match_for_member,
    match_for_volunteer,
)
from matching.services.volunteers import volunteer_require
from portal.forms import DeclineForm
from portal.selectors import matches_proposed_to_volunteer
from portal.views.helpers import portal_login_required


@require_POST
@portal_login_required
def match_accept_view(request, pk):
    match = match_for_member(user=request.user, pk=pk)
    try:
        match_accept(user=request.user, match=match)
    except (ValidationError, PermissionDenied) as exc:
        for m in getattr(exc, "messages", [str(exc)]):
            messages.error(request, m)
    else:
        messages.success(request, _("已接受该需求，响应已记入需求的公开记录。"))
    return redirect("portal:org_dashboard", org_id=match.project.organisation_id)


@portal_login_required
def match_decline_view(request, pk):
    match = match_for_member(user=request.user, pk=pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            match_decline(user=request.user, match=match, reason=form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("已婉拒，理由已记入需求的公开记录。"))
            return redirect("portal:org_dashboard", org_id=match.project.organisation_id)
    return render(
        request,
        "portal/match_decline.html",
        {"form": form, "match": match},
        status=400 if request.method == "POST" else 200,
    )


@portal_login_required
def volunteer_matches(request):
    """Needs the staff recommended this volunteer for, each with accept and decline."""
    volunteer = volunteer_require(request.user)
    return render(
        request,
        "portal/volunteer_matches.html",
        {
            "volunteer": volunteer,
            "matches": matches_proposed_to_volunteer(volunteer=volunteer),
            "decline_form": DeclineForm(),
        },
    )


@require_POST
@portal_login_required
def volunteer_match_answer(request, pk):
    match = match_for_volunteer(user=request.user, pk=pk)
    form = DeclineForm(request.POST)
    try:
        if request.POST.get("answer") == "accept":
            match_accept(user=request.user, match=match)
            messages.success(request, "已接受推荐，响应已记入需求的公开记录。")
        elif form.is_valid():
            match_decline(user=request.user, match=match, reason=form.cleaned_data["reason"])
            messages.success(request, "已婉拒，理由已记入需求的公开记录。")
        else:
            messages.error(request, "婉拒时请填写理由。")
    except (ValidationError, PermissionDenied) as exc:
        for m in getattr(exc, "messages", [str(exc)]):
            messages.error(request, m)
    return redirect("portal:volunteer_matches")
