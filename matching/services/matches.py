"""The match lifecycle: propose, accept or decline with a reason, mark delivered.

Two sides act on a match: the civil-affairs staff of the need's region, and the organisation
(or the volunteer) of the candidate. Whoever proposes, the *other* side answers. Every step is
one transaction with its permission check inside, lands on the need's public response log
(件件有回音) and tells the other side (in-app, and by email after commit).
"""

from django.db import transaction
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from matching.error_codes import MatchErrorCode
from matching.errors import refusal
from matching.models import (
    Match,
    Membership,
    NeedPage,
    Organisation,
    Project,
    Volunteer,
)
from matching.notifications.services import (
    notify,
    notify_organisation,
    notify_region_staff,
)
from matching.permissions import (
    actor_user,
    can_deliver_match,
    can_propose_match,
    is_candidate_side,
    is_need_officer,
    is_need_staff,
    is_org_member,
    require,
    require_answer_match_as_staff,
    require_org_member,
)
from matching.services.decisions import hands_over_on_conflict, record_match_answer
from matching.services.membership import organisation_require_active
from matching.services.needs import STAFF_LABEL, need_record_response, need_set_status

STAFF = "staff"
ORGANISATION = "organisation"
VOLUNTEER = "volunteer"


# ── who is who ──────────────────────────────────────────────────────────────


def match_origin(match: Match) -> str:
    """Which side proposed: an organisation proposing its own project, else the staff. Recorded on
    the match when proposing; for older matches, read from the proposer's membership."""
    if match.proposed_side:
        return match.proposed_side
    if (
        match.project_id
        and match.proposed_by_id
        and Membership.objects.filter(
            user_id=match.proposed_by_id, organisation_id=match.project.organisation_id
        ).exists()
        and not (is_need_staff(match.proposed_by, match.need))
    ):
        return ORGANISATION
    return STAFF


def _candidate_label(match: Match) -> str:
    if match.project_id:
        return f"{match.project.organisation.name}的项目“{match.project.title}”"
    return f"志愿者{match.volunteer.display_name}"


def _actor_label(user, match: Match) -> str:
    if match.project_id and is_org_member(user, match.project.organisation):
        return match.project.organisation.name
    if match.volunteer_id and match.volunteer.user_id and match.volunteer.user_id == getattr(user, "pk", None):
        return f"志愿者{match.volunteer.display_name}"
    return STAFF_LABEL


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _tell_candidate_side(match: Match, *, kind: str, title: str, body: str = "") -> None:
    if match.project_id:
        notify_organisation(
            organisation=match.project.organisation,
            kind=kind,
            title=title,
            body=body,
            url=_url("portal:org_dashboard", match.project.organisation_id),
        )
    elif match.volunteer.user_id:
        notify(
            recipients=[match.volunteer.user], kind=kind, title=title, body=body, url=_url("portal:volunteer_matches")
        )


def _tell_staff_side(match: Match, *, kind: str, title: str, body: str = "") -> None:
    notify_region_staff(
        region=match.need.county, kind=kind, title=title, body=body, url=_url("matching_need_candidates", match.need_id)
    )


def _tell_other_side(match: Match, acting_side: str, *, kind: str, title: str, body: str = "") -> None:
    if acting_side == STAFF:
        _tell_candidate_side(match, kind=kind, title=title, body=body)
    else:
        _tell_staff_side(match, kind=kind, title=title, body=body)


# ── reads used by the views ─────────────────────────────────────────────────


def match_for_member(*, user, pk) -> Match:
    """A project match of one of the caller's organisations; 404 for anything else."""
    try:
        match = Match.objects.select_related("project__organisation", "need").get(pk=pk, project__isnull=False)
    except (Match.DoesNotExist, ValueError, TypeError):
        raise Http404("match not found") from None
    require_org_member(user=user, organisation=match.project.organisation)
    return match


def match_for_volunteer(*, user, pk) -> Match:
    """A match proposing the caller (as a volunteer); 404 for anything else."""
    try:
        return Match.objects.select_related("need", "volunteer").get(
            pk=pk, volunteer__isnull=False, volunteer__user=user
        )
    except (Match.DoesNotExist, ValueError, TypeError):
        raise Http404("match not found") from None


def _lock(match: Match) -> Match:
    Match.objects.select_for_update().filter(pk=match.pk).first()
    try:
        return Match.objects.select_related("project__organisation", "volunteer", "need", "need__county").get(
            pk=match.pk
        )
    except Match.DoesNotExist:
        raise Http404("match not found") from None


def _answering_side(user, match: Match) -> str:
    """The side allowed to answer (accept or decline) this proposal; raises for anyone else.

    Strangers to an organisation's match get 404 (nothing is revealed), a plain member 403.
    """
    if match_origin(match) == ORGANISATION:
        require_answer_match_as_staff(user, match)
        return STAFF
    if match.project_id:
        require_org_member(user=user, organisation=match.project.organisation, admin=True)
        organisation_require_active(organisation=match.project.organisation)
        return ORGANISATION
    require(is_candidate_side(user, match), "只有被推荐的志愿者本人可以答复")
    return VOLUNTEER


# ── writes ──────────────────────────────────────────────────────────────────


def _require_candidate_matchable(need: NeedPage, project: Project | None, volunteer: Volunteer | None) -> None:
    """The need is open to matches, the candidate is active (a project of a verified organisation), and the
    pair has no match record yet."""
    if not need.live or need.status not in NeedPage.ACTIVE_STATUSES:
        raise refusal(
            f"需求当前为“{need.get_status_display()}”，不能推荐匹配", MatchErrorCode.NEED_NOT_MATCHABLE, field="need"
        )
    if project is not None:
        if project.status != Project.Status.ACTIVE:
            raise refusal(
                f"项目当前为“{project.get_status_display()}”，只有进行中的项目可以匹配",
                MatchErrorCode.PROJECT_NOT_ACTIVE,
                field="project",
            )
        if project.organisation.status != Organisation.Status.VERIFIED:
            raise refusal(
                "项目所属组织尚未通过认证，不能匹配", MatchErrorCode.ORGANISATION_NOT_VERIFIED, field="project"
            )
    elif volunteer.status != Volunteer.Status.ACTIVE:
        raise refusal("该志愿者已暂停服务，不能匹配", MatchErrorCode.VOLUNTEER_INACTIVE, field="volunteer")
    existing = (
        Match.objects.filter(need=need, project=project)
        if project
        else Match.objects.filter(need=need, volunteer=volunteer)
    )
    if (old := existing.first()) is not None:
        raise refusal(
            f"该需求与此候选已有匹配记录（{old.get_status_display()}）",
            MatchErrorCode.ALREADY_MATCHED,
            field="candidate",
        )


def _announce_proposal(*, user, match: Match, need: NeedPage, project: Project | None, side: str, note: str) -> None:
    """The need's response log says who proposed whom; the other side is notified."""
    label = project.organisation.name if side == ORGANISATION else STAFF_LABEL
    candidate = _candidate_label(match)
    message = (
        f"{label}申请以项目“{project.title}”响应此需求"
        if side == ORGANISATION
        else f"{STAFF_LABEL}推荐{candidate}响应此需求"
    )
    need_record_response(need=need, actor_label=label, message=message, kind="match", user=actor_user(user))
    _tell_other_side(
        match,
        side,
        kind="match.proposed",
        title=f"新的匹配推荐：{need.title}",
        body=message + (f"。说明：{note}" if note else ""),
    )


@transaction.atomic
def match_propose(
    *,
    user,
    need: NeedPage,
    project: Project | None = None,
    volunteer: Volunteer | None = None,
    score: float = 0.0,
    reasons=(),
    note: str = "",
) -> Match:
    """Propose a project (or volunteer) for a need.

    Staff of the need's region propose anything; an organisation's admin proposes only its own
    project (自荐), which the staff then answer. The other side is notified.
    """
    if (project is None) == (volunteer is None):
        raise refusal(
            "请选择一个帮扶项目或一位志愿者（只能选一个）", MatchErrorCode.ONE_CANDIDATE_REQUIRED, field="candidate"
        )
    need = NeedPage.objects.select_for_update(of=("self",)).select_related("county").get(pk=need.pk)
    require(can_propose_match(user, need, project), "您没有为该需求推荐匹配的权限")
    if is_need_staff(user, need):
        side = STAFF
    else:
        side = ORGANISATION
        organisation_require_active(organisation=project.organisation)
    _require_candidate_matchable(need, project, volunteer)
    note = (note or "").strip()
    if len(note) > 2000:
        raise refusal("说明不能超过2000字", MatchErrorCode.NOTE_TOO_LONG, field="note")
    match = Match.objects.create(
        need=need,
        project=project,
        volunteer=volunteer,
        status=Match.Status.PROPOSED,
        score=float(score or 0),
        reasons=[str(r) for r in reasons][:20],
        note=note,
        proposed_by=actor_user(user),
        proposed_side=side,
    )
    match = _lock(match)
    _announce_proposal(user=user, match=match, need=need, project=project, side=side, note=note)
    return match


@hands_over_on_conflict
@transaction.atomic
def match_accept(*, user, match: Match, note: str = "") -> Match:
    """The answering side accepts a proposal; an open need becomes matched."""
    match = _lock(match)
    side = _answering_side(user, match)
    if match.status != Match.Status.PROPOSED:
        raise refusal(
            f"该匹配当前为“{match.get_status_display()}”，不能接受",
            MatchErrorCode.STATUS_STEP_NOT_ALLOWED,
            field="status",
        )
    match.status = Match.Status.ACCEPTED
    match.note = (note or "").strip()[:2000] or match.note
    match.save(update_fields=["status", "note", "updated_at"])
    if side == STAFF and match.project_id:
        record_match_answer(match=match, user=user, outcome="accepted")
    need = match.need
    label = _actor_label(user, match)
    if side == STAFF:
        message = f"{STAFF_LABEL}同意由{_candidate_label(match)}响应此需求"
    elif match.project_id:
        message = f"{label}接受了需求，将通过项目“{match.project.title}”提供帮扶"
    else:
        message = f"{label}接受了需求，将参与帮扶"
    need_record_response(need=need, actor_label=label, message=message, kind="match", user=actor_user(user))
    if need.status == NeedPage.Status.OPEN:
        # The platform moves the need on the answering side's behalf: an organisation member has no
        # page-publish permission, and the log line names who answered.
        need_set_status(
            need=need,
            status=NeedPage.Status.MATCHED,
            user=None,
            actor_label=label,
            note=f"已与{_candidate_label(match)}匹配",
        )
    _tell_other_side(
        match,
        STAFF if side == STAFF else ORGANISATION,
        kind="match.accepted",
        title=f"匹配已接受：{need.title}",
        body=message,
    )
    return match


@hands_over_on_conflict
@transaction.atomic
def match_decline(*, user, match: Match, reason: str) -> Match:
    """The answering side declines a proposal; the reason is required and shown on the need's log."""
    match = _lock(match)
    side = _answering_side(user, match)
    reason = (reason or "").strip()
    if not reason:
        raise refusal("婉拒时请填写理由", MatchErrorCode.REASON_REQUIRED, field="reason")
    if len(reason) > 500:
        raise refusal("理由不能超过500字", MatchErrorCode.REASON_TOO_LONG, field="reason")
    if match.status != Match.Status.PROPOSED:
        raise refusal(
            f"该匹配当前为“{match.get_status_display()}”，不能婉拒",
            MatchErrorCode.STATUS_STEP_NOT_ALLOWED,
            field="status",
        )
    match.status = Match.Status.DECLINED
    match.note = reason
    match.save(update_fields=["status", "note", "updated_at"])
    if side == STAFF and match.project_id:
        record_match_answer(match=match, user=user, outcome="declined")
    label = _actor_label(user, match)
    message = (
        f"{STAFF_LABEL}婉拒{_candidate_label(match)}的响应：{reason}" if side == STAFF else f"{label}婉拒：{reason}"
    )
    need_record_response(need=match.need, actor_label=label, message=message, kind="response", user=actor_user(user))
    _tell_other_side(
        match,
        STAFF if side == STAFF else ORGANISATION,
        kind="match.declined",
        title=f"匹配被婉拒：{match.need.title}",
        body=message,
    )
    return match


@transaction.atomic
def match_deliver(*, user, match: Match, note: str = "") -> Match:
    """Mark an accepted match delivered: the candidate's side (organisation admin or the volunteer)
    or the need's staff. The other side is told; the need's own fulfilment still needs a delivery
    record (outcomes)."""
    match = _lock(match)
    if is_need_officer(user, match.need):
        side = STAFF
    elif match.project_id:
        require_org_member(user=user, organisation=match.project.organisation, admin=True)
        organisation_require_active(organisation=match.project.organisation)
        side = ORGANISATION
    else:
        require(can_deliver_match(user, match), "您没有标记该匹配交付的权限")
        side = VOLUNTEER
    if match.status != Match.Status.ACCEPTED:
        raise refusal(
            f"该匹配当前为“{match.get_status_display()}”，只有已接受的匹配可以标记交付",
            MatchErrorCode.STATUS_STEP_NOT_ALLOWED,
            field="status",
        )
    note = (note or "").strip()
    if len(note) > 2000:
        raise refusal("说明不能超过2000字", MatchErrorCode.NOTE_TOO_LONG, field="note")
    match.status = Match.Status.DELIVERED
    if note:
        match.note = note
    match.save(update_fields=["status", "note", "updated_at"])
    label = _actor_label(user, match) if side != STAFF else STAFF_LABEL
    message = f"{label}确认{_candidate_label(match)}已完成交付" + (f"：{note}" if note else "")
    need_record_response(need=match.need, actor_label=label, message=message, kind="match", user=actor_user(user))
    _tell_other_side(
        match,
        STAFF if side == STAFF else ORGANISATION,
        kind="match.delivered",
        title=f"匹配已交付：{match.need.title}",
        body=message,
    )
    return match
