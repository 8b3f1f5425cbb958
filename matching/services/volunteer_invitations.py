"""Inviting a volunteer the matcher found for a need to a project matched to that need.

Who may invite: civil-affairs staff of the need's region (to any project with an accepted match on
the need), or members of an organisation whose project has an accepted match on the need (to that
project). Everyone else gets "not found". The volunteer accepts (an approved sign-up through
``signup_create``) or declines.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from matching.error_codes import VolunteerErrorCode
from matching.errors import refusal
from matching.models import Match, NeedPage, Project, Volunteer, VolunteerInvitation
from matching.notifications.services import notify
from matching.permissions import is_need_staff, is_org_member
from matching.services.signups import signup_create
from matching.services.volunteers import volunteer_require

KIND = "volunteer.invited"


def projects_matched_to_need(*, need: NeedPage):
    """Projects with an accepted match on the need (they are the need's projects)."""
    return (
        Project.objects.filter(matches__need=need, matches__status=Match.Status.ACCEPTED)
        .select_related("organisation")
        .distinct()
        .order_by("title")
    )


def invitable_projects(*, user, need: NeedPage) -> list[Project]:
    """The projects this person may invite volunteers to for this need; [] means no right at all."""
    if not (user and user.is_authenticated):
        return []
    projects = list(projects_matched_to_need(need=need))
    if is_need_staff(user, need):
        return projects
    return [p for p in projects if is_org_member(user, p.organisation)]


def need_for_inviter(*, user, ref: str) -> tuple[NeedPage, list[Project]]:
    """The live need and the caller's invitable projects; 404 for anyone without the right."""
    need = NeedPage.objects.live().select_related("county").filter(ref=(ref or "").strip()).first()
    if need is None:
        raise Http404("need not found")
    projects = invitable_projects(user=user, need=need)
    if not projects:
        raise Http404("need not found")
    return need, projects


@transaction.atomic
def volunteer_invitation_create(
    *, user, need: NeedPage, project: Project, volunteer_ref: str, message: str = ""
) -> VolunteerInvitation:
    allowed = {p.pk for p in invitable_projects(user=user, need=need)}
    if not allowed:
        raise Http404("need not found")
    if project.pk not in allowed:
        raise PermissionDenied("只能邀请志愿者加入已接受该需求匹配、且您有权管理的项目")
    volunteer = Volunteer.objects.select_related("user").filter(ref=(volunteer_ref or "").strip()).first()
    if volunteer is None or volunteer.user_id is None:
        raise refusal("志愿者不存在或未开通平台账号", VolunteerErrorCode.UNKNOWN_VOLUNTEER, field="volunteer")
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise refusal("该志愿者当前暂停服务", VolunteerErrorCode.VOLUNTEER_PAUSED, field="volunteer")
    message = (message or "").strip()
    if len(message) > 1000:
        raise refusal("邀请留言不能超过1000字", VolunteerErrorCode.MESSAGE_TOO_LONG, field="message")
    existing = (
        VolunteerInvitation.objects.select_for_update().filter(volunteer=volunteer, project=project, need=need).first()
    )
    if existing is not None and existing.status != VolunteerInvitation.Status.DECLINED:
        raise refusal(
            f"已邀请过该志愿者（{existing.get_status_display()}）",
            VolunteerErrorCode.ALREADY_INVITED,
            field="volunteer",
        )
    invitation = existing or VolunteerInvitation(volunteer=volunteer, project=project, need=need)
    invitation.status = VolunteerInvitation.Status.INVITED
    invitation.message = message
    invitation.decline_reason = ""
    invitation.decided_at = None
    invitation.invited_by = user
    invitation.save()
    notify(
        recipients=[volunteer.user],
        kind=KIND,
        title=f"{project.organisation.name}邀请您参加项目“{project.title}”",
        body=f"需求：{need.title}。{message}".strip(),
        url=reverse("portal:volunteer_invitations"),
    )
    return invitation


def invitation_for_volunteer(*, user, pk) -> VolunteerInvitation:
    volunteer = volunteer_require(user)
    try:
        return VolunteerInvitation.objects.select_related("project__organisation", "need", "invited_by").get(
            pk=pk, volunteer=volunteer
        )
    except (VolunteerInvitation.DoesNotExist, ValueError, TypeError):
        raise Http404("invitation not found") from None


def _answerable(invitation: VolunteerInvitation) -> VolunteerInvitation:
    invitation = VolunteerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != VolunteerInvitation.Status.INVITED:
        raise refusal(
            f"该邀请当前为“{invitation.get_status_display()}”，不能再答复",
            VolunteerErrorCode.INVITATION_STEP_NOT_ALLOWED,
            field="status",
        )
    return invitation


@transaction.atomic
def volunteer_invitation_accept(*, user, invitation: VolunteerInvitation) -> VolunteerInvitation:
    """The invited volunteer accepts: an approved sign-up to the project (within its slots)."""
    invitation = _answerable(invitation_for_volunteer(user=user, pk=invitation.pk))
    signup = signup_create(
        user=user, project=invitation.project, message="接受邀请", invited=True, approved_by=invitation.invited_by
    )
    invitation.status = VolunteerInvitation.Status.ACCEPTED
    invitation.signup = signup
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["status", "signup", "decided_at"])
    notify(
        recipients=[invitation.invited_by],
        kind="volunteer.invitation_accepted",
        title=f"志愿者{invitation.volunteer.display_name}已接受邀请加入“{invitation.project.title}”",
        url=reverse("portal:need_volunteers", args=[invitation.need.ref]),
    )
    return invitation


@transaction.atomic
def volunteer_invitation_decline(*, user, invitation: VolunteerInvitation, reason: str = "") -> VolunteerInvitation:
    invitation = _answerable(invitation_for_volunteer(user=user, pk=invitation.pk))
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise refusal("谢绝理由不能超过500字", VolunteerErrorCode.REASON_TOO_LONG, field="reason")
    invitation.status = VolunteerInvitation.Status.DECLINED
    invitation.decline_reason = reason
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["status", "decline_reason", "decided_at"])
    notify(
        recipients=[invitation.invited_by],
        kind="volunteer.invitation_declined",
        title=f"志愿者{invitation.volunteer.display_name}谢绝了加入“{invitation.project.title}”的邀请",
        url=reverse("portal:need_volunteers", args=[invitation.need.ref]),
    )
    return invitation
