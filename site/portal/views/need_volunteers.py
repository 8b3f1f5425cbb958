"""A need's volunteers as the matcher ranks them (rank_for_need, kind="volunteer"), with reasons and an
invite button, for staff of the need's region and organisations whose project took the need; and the
volunteer's side: their invitations, accept or decline."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from matching.models import Volunteer, VolunteerInvitation
from matching.services.volunteer_invitations import (
    invitation_for_volunteer,
    need_for_inviter,
    volunteer_invitation_accept,
    volunteer_invitation_create,
    volunteer_invitation_decline,
)
from matching.services.volunteers import volunteer_for_user
from portal.views.helpers import portal_login_required
from search.backends.base import SearchQueryError, SearchUnavailable
from search.services import UnknownRef, rank_for_need


def _flash(request, exc):
    for m in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, m)


@portal_login_required
def need_volunteers(request, ref):
    need, projects = need_for_inviter(user=request.user, ref=ref)
    error = ""
    try:
        results = rank_for_need(need_ref=need.ref, kind="volunteer", limit=20)
    except (UnknownRef, SearchQueryError, SearchUnavailable) as exc:
        results, error = [], str(exc)
    volunteers = {v.ref: v for v in Volunteer.objects.filter(ref__in=[r.ref for r in results], user__isnull=False)}
    invited = {}
    for inv in VolunteerInvitation.objects.filter(need=need, project__in=projects).select_related("project"):
        invited.setdefault(inv.volunteer_id, []).append(f"{inv.project.title}：{inv.get_status_display()}")
    rows = [
        {
            "volunteer": volunteers[r.ref],
            "score": r.score,
            "reasons": r.reasons,
            "invited": invited.get(volunteers[r.ref].pk, []),
        }
        for r in results
        if r.ref in volunteers
    ]
    return render(
        request, "portal/need_volunteers.html", {"need": need, "projects": projects, "rows": rows, "error": error}
    )


@require_POST
@portal_login_required
def need_volunteer_invite(request, ref):
    need, projects = need_for_inviter(user=request.user, ref=ref)
    project = next((p for p in projects if str(p.pk) == request.POST.get("project", "").strip()), None)
    try:
        if project is None:
            raise PermissionDenied(_("只能邀请志愿者加入已接受该需求匹配、且您有权管理的项目"))
        volunteer_invitation_create(
            user=request.user,
            need=need,
            project=project,
            volunteer_ref=request.POST.get("volunteer", ""),
            message=request.POST.get("message", ""),
        )
    except (ValidationError, PermissionDenied) as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("邀请已发出，志愿者会在站内信和邮件中收到。"))
    return redirect("portal:need_volunteers", ref=need.ref)


@portal_login_required
def volunteer_invitations(request):
    volunteer = volunteer_for_user(request.user)
    if volunteer is None:
        return redirect("portal:volunteer_profile")
    invitations = VolunteerInvitation.objects.filter(volunteer=volunteer).select_related(
        "project__organisation", "need"
    )
    return render(request, "portal/volunteer_invitations.html", {"invitations": invitations})


@require_POST
@portal_login_required
def volunteer_invitation_answer(request, pk):
    invitation = invitation_for_volunteer(user=request.user, pk=pk)
    answer = request.POST.get("answer")
    try:
        if answer == "accept":
            volunteer_invitation_accept(user=request.user, invitation=invitation)
            messages.success(request, _("已接受邀请，您已加入该项目。"))
        elif answer == "decline":
            volunteer_invitation_decline(
                user=request.user, invitation=invitation, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("已谢绝邀请。"))
        else:
            messages.error(request, _("请选择接受或谢绝。"))
    except (ValidationError, PermissionDenied) as exc:
        _flash(request, exc)
    return redirect("portal:volunteer_invitations")
