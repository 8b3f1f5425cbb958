"""Staff screen in the Wagtail admin: a need's ranked candidates with reasons, one-click propose,
and the answers to proposals already made. Linked from the need's edit page header."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from matching.models import Match, NeedPage, Project, Volunteer
from matching.permissions import interested_organisation_ids, is_need_staff
from matching.selectors.overlap import overlap_attach
from matching.services.matches import (
    ORGANISATION,
    match_accept,
    match_decline,
    match_deliver,
    match_origin,
    match_propose,
)
from search.backends.base import SearchQueryError, SearchUnavailable
from search.self_proposals import rank_fit
from search.services import UnknownRef, rank_for_need


def _need_for_staff(request, pk) -> NeedPage:
    need = get_object_or_404(NeedPage.objects.select_related("county"), pk=pk)
    if not is_need_staff(request.user, need):
        raise PermissionDenied(_("只有该需求所在地区的民政部门可以查看候选"))
    return need


def _rows(need: NeedPage, kind: str, limit: int) -> list[dict]:
    model = Project if kind == "project" else Volunteer
    results = rank_for_need(need_ref=need.ref, kind=kind, limit=limit)
    objects = {o.ref: o for o in model.objects.filter(ref__in=[r.ref for r in results])}
    field = "project__ref" if kind == "project" else "volunteer__ref"
    taken = dict(Match.objects.filter(need=need, **{f"{field}__in": list(objects)}).values_list(field, "status"))
    labels = dict(Match.Status.choices)
    return [
        {
            "kind": kind,
            "ref": r.ref,
            "score": r.score,
            "reasons": r.reasons,
            "object": objects.get(r.ref),
            "match_status": labels.get(taken.get(r.ref), ""),
        }
        for r in results
        if r.ref in objects
    ]


def need_candidates_view(request, pk):
    need = _need_for_staff(request, pk)
    rows = {"project": [], "volunteer": []}
    error = ""
    try:
        rows["project"] = _rows(need, "project", 20)
        rows["volunteer"] = _rows(need, "volunteer", 10)
    except (UnknownRef, SearchQueryError, SearchUnavailable) as exc:
        error = str(exc)
    matches = list(
        Match.objects.filter(need=need)
        .select_related("project__organisation", "volunteer", "need")
        .order_by("-created_at")
    )
    for m in matches:
        m.by_organisation = match_origin(m) == ORGANISATION
    overlap_attach(
        [m for m in matches if m.project_id and m.status == Match.Status.PROPOSED],
        need_id=lambda m: m.need_id,
        organisation_id=lambda m: m.project.organisation_id,
    )
    return render(
        request,
        "matching/admin/need_candidates.html",
        {
            "need": need,
            "project_rows": rows["project"],
            "volunteer_rows": rows["volunteer"],
            "error": error,
            "matches": matches,
            "interested": interested_organisation_ids(request.user),
        },
    )


def _report(request, exc) -> None:
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


@require_POST
def need_candidate_propose_view(request, pk):
    need = _need_for_staff(request, pk)
    kind, ref = request.POST.get("kind", ""), request.POST.get("ref", "").strip()
    model = {"project": Project, "volunteer": Volunteer}.get(kind)
    candidate = model.objects.filter(ref=ref).first() if model else None
    if candidate is None:
        messages.error(request, _("候选“%(ref)s”不存在") % {"ref": ref})
        return redirect("matching_need_candidates", pk=need.pk)
    score, reasons = rank_fit(need=need, **{kind: candidate})
    try:
        match_propose(
            user=request.user,
            need=need,
            **{kind: candidate},
            score=score,
            reasons=reasons,
            note=request.POST.get("note", ""),
        )
    except (ValidationError, PermissionDenied) as exc:
        _report(request, exc)
    else:
        messages.success(
            request, _("已推荐“%(candidate)s”，对方已收到通知，推荐已记入需求的公开记录") % {"candidate": candidate}
        )
    return redirect("matching_need_candidates", pk=need.pk)


@require_POST
def need_match_action_view(request, pk, match_id):
    need = _need_for_staff(request, pk)
    match = get_object_or_404(Match, pk=match_id, need=need)
    action = request.POST.get("action", "")
    try:
        if action == "accept":
            match_accept(user=request.user, match=match, note=request.POST.get("note", ""))
        elif action == "decline":
            match_decline(user=request.user, match=match, reason=request.POST.get("reason", ""))
        elif action == "deliver":
            match_deliver(user=request.user, match=match, note=request.POST.get("note", ""))
        else:
            raise ValidationError(_("未知的操作"))
    except (ValidationError, PermissionDenied) as exc:
        _report(request, exc)
    else:
        messages.success(request, _("已记录，对方已收到通知"))
    return redirect("matching_need_candidates", pk=need.pk)


@hooks.register("register_admin_urls")
def need_candidates_urls():
    return [
        path("needs/<int:pk>/candidates/", need_candidates_view, name="matching_need_candidates"),
        path("needs/<int:pk>/candidates/propose/", need_candidate_propose_view, name="matching_need_propose"),
        path("needs/<int:pk>/matches/<int:match_id>/", need_match_action_view, name="matching_need_match_action"),
    ]


class NeedCandidatesButton(PageMenuItem):
    label = _("匹配候选")
    icon_name = "link"
    priority = 12

    @property
    def url(self):
        return reverse("matching_need_candidates", args=[self.page.pk])

    def is_shown(self, user):
        return is_need_staff(user, self.page)


@hooks.register("register_page_header_buttons")
def need_candidates_button(page, user, view_name, next_url=None):
    if page.specific_class is NeedPage:
        yield NeedCandidatesButton(page=page)
