"""Organisation admins invite people by email; the invitee accepts while signed in with that email."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from matching.models import Membership, Organisation
from matching.permissions import require_org_member
from portal.models import Invitation


@transaction.atomic
def invitation_create(*, user, organisation: Organisation, email: str, role: str, base_url: str = "") -> Invitation:
    require_org_member(user=user, organisation=organisation, admin=True)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "请填写有效的邮箱地址"}) from None
    if role not in Membership.Role.values:
        raise ValidationError({"role": "请选择角色"})
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": "该邮箱的用户已经是本组织成员"})
    invitation = Invitation.objects.create(organisation=organisation, email=email, role=role, invited_by=user)
    link = base_url + reverse("portal:invitation_accept", args=[invitation.token])
    transaction.on_commit(
        lambda: send_mail(
            subject=f"[帮扶] {organisation.name} 邀请您加入",
            message=f"{organisation.name} 邀请您以“{dict(Membership.Role.choices)[role]}”身份加入。\n"
            f"请登录后打开：{link}",
            from_email=None,
            recipient_list=[email],
            fail_silently=True,
        )
    )
    return invitation


@transaction.atomic
def invitation_accept(*, user, token) -> Membership:
    """The signed-in user's (verified) email must be the one invited."""
    try:
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organisation")
            .get(token=token, accepted_at__isnull=True)
        )
    except (Invitation.DoesNotExist, ValidationError, ValueError):
        raise Http404("invitation not found") from None
    if not user.is_authenticated or user.email.lower() != invitation.email:
        raise PermissionDenied("该邀请发给了其他邮箱，请使用受邀邮箱登录")
    membership, _ = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
