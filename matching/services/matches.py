"""An organisation answers a proposed match: accept, or decline with a reason.

Both answers land on the need's public response log (件件有回音).
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from matching.models import Match, NeedPage
from matching.services.membership import actor_user, membership_require, organisation_require_active
from matching.services.needs import need_record_response, need_set_status


def match_for_member(*, user, pk) -> Match:
    """A project match of one of the caller's organisations; 404 for anything else."""
    try:
        match = Match.objects.select_related("project__organisation", "need").get(pk=pk, project__isnull=False)
    except (Match.DoesNotExist, ValueError, TypeError):
        raise Http404("match not found") from None
    membership_require(user=user, organisation=match.project.organisation)
    return match


def _lock(match: Match) -> Match:
    match = Match.objects.select_for_update().get(pk=match.pk)
    if match.project_id is None:
        raise Http404("match not found")
    return Match.objects.select_related("project__organisation", "need").get(pk=match.pk)


@transaction.atomic
def match_accept(*, user, match: Match, note: str = "") -> Match:
    """Accept a proposed match; an open need becomes matched."""
    membership_require(user=user, organisation=match.project.organisation, admin=True)
    organisation_require_active(organisation=match.project.organisation)
    match = _lock(match)
    if not (match.status == Match.Status.PROPOSED and Match.Status.ACCEPTED in Match.TRANSITIONS[match.status]):
        raise ValidationError({"status": f"该匹配当前为“{match.get_status_display()}”，不能接受"})
    match.status = Match.Status.ACCEPTED
    match.note = note.strip()[:2000]
    match.save(update_fields=["status", "note", "updated_at"])
    org = match.project.organisation
    need = match.need
    message = f"{org.name}接受了需求，将通过项目“{match.project.title}”提供帮扶"
    need_record_response(need=need, actor_label=org.name, message=message, kind="match", user=actor_user(user))
    if need.status == NeedPage.Status.OPEN:
        # The platform moves the need on the organisation's behalf: an organisation member has no
        # page-publish permission, and the log line names the organisation.
        need_set_status(need=need, status=NeedPage.Status.MATCHED, user=None, actor_label=org.name,
                        note=f"已与{org.name}的项目匹配")
    return match


@transaction.atomic
def match_decline(*, user, match: Match, reason: str) -> Match:
    """Decline a proposed match; the reason is required and shown on the need's log."""
    membership_require(user=user, organisation=match.project.organisation, admin=True)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "婉拒时请填写理由"})
    if len(reason) > 500:
        raise ValidationError({"reason": "理由不能超过500字"})
    match = _lock(match)
    if match.status != Match.Status.PROPOSED:
        raise ValidationError({"status": f"该匹配当前为“{match.get_status_display()}”，不能婉拒"})
    match.status = Match.Status.DECLINED
    match.note = reason
    match.save(update_fields=["status", "note", "updated_at"])
    org = match.project.organisation
    need_record_response(need=match.need, actor_label=org.name, message=f"{org.name}婉拒：{reason}",
                         kind="response", user=actor_user(user))
    return match
