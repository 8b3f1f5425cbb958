"""A project's view for its organisation: the needs it should take first (rank_for_project) with
reasons, and one-click "propose" (自荐); the matches of the project with accept / deliver."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from matching.models import Match, NeedPage, Project
from matching.permissions import require_org_member
from matching.selectors.commitments import needs_commitments
from matching.selectors.overlap import overlap_attach
from matching.services.matches import ORGANISATION, match_deliver, match_for_member, match_origin
from portal.views.helpers import portal_login_required
from search.backends.base import SearchQueryError, SearchUnavailable
from search.self_proposals import match_propose_own_project, project_needs_ranked
from search.services import UnknownRef


def _own_project(request, pk) -> tuple[Project, object]:
    project = get_object_or_404(Project.objects.select_related("organisation"), pk=pk)
    return project, require_org_member(user=request.user, organisation=project.organisation)


@portal_login_required
def project_needs(request, pk):
    project, membership = _own_project(request, pk)
    error = ""
    try:
        ranked = project_needs_ranked(project=project, limit=20)
    except (UnknownRef, SearchQueryError, SearchUnavailable) as exc:
        ranked, error = [], str(exc)
    labels = dict(Match.Status.choices)
    rows = [
        {"need": r.need, "score": r.score, "reasons": r.reasons, "match_status": labels.get(r.match_status, "")}
        for r in ranked
    ]
    committed = needs_commitments(need_ids=[row["need"].pk for row in rows], with_sources=False)
    for row in rows:
        row["others"] = committed[row["need"].pk].others(project.organisation_id)
    matches = list(
        Match.objects.filter(project=project).select_related("need", "need__county", "project").order_by("-created_at")
    )
    for m in matches:
        m.by_organisation = match_origin(m) == ORGANISATION
    overlap_attach(
        [m for m in matches if m.status == Match.Status.PROPOSED],
        need_id=lambda m: m.need_id,
        organisation_id=lambda m: project.organisation_id,
    )
    return render(
        request,
        "portal/project_needs.html",
        {"project": project, "membership": membership, "rows": rows, "error": error, "matches": matches},
    )


@require_POST
@portal_login_required
def project_need_propose(request, pk):
    project, _membership = _own_project(request, pk)
    need = NeedPage.objects.live().filter(ref=request.POST.get("need", "").strip()).first()
    if need is None:
        messages.error(request, _("需求不存在或尚未发布"))
        return redirect("portal:project_needs", pk=project.pk)
    try:
        match_propose_own_project(user=request.user, need=need, project=project, note=request.POST.get("note", ""))
    except (ValidationError, PermissionDenied) as exc:
        for m in getattr(exc, "messages", None) or [str(exc)]:
            messages.error(request, m)
    else:
        messages.success(request, _("已申请响应该需求，当地民政部门已收到通知，申请已记入需求的公开记录。"))
    return redirect("portal:project_needs", pk=project.pk)


@require_POST
@portal_login_required
def match_deliver_view(request, pk):
    match = match_for_member(user=request.user, pk=pk)
    try:
        match_deliver(user=request.user, match=match, note=request.POST.get("note", ""))
    except (ValidationError, PermissionDenied, Http404) as exc:
        for m in getattr(exc, "messages", None) or [str(exc)]:
            messages.error(request, m)
    else:
        messages.success(request, _("已标记交付，民政部门已收到通知。"))
    return redirect("portal:project_needs", pk=match.project_id)
