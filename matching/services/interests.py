"""People declare their interests in organisations, and withdraw them; nothing is ever deleted."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.error_codes import InterestErrorCode
from matching.errors import coded, refusal
from matching.models import InterestDeclaration, Organisation
from matching.permissions import actor_user, require, signed_in
from matching.uscc import normalise_uscc


def organisation_for_declaration(*, text: str) -> Organisation:
    """The organisation a person names, by its exact name or its unified social credit code."""
    text = (text or "").strip()
    if not text:
        raise refusal(
            _("请填写社会组织的名称或统一社会信用代码"), InterestErrorCode.ORGANISATION_REQUIRED, field="organisation"
        )
    found = list(Organisation.objects.filter(Q(name=text) | Q(uscc=normalise_uscc(text)))[:2])
    if not found:
        message = _("没有找到名称或统一社会信用代码为“%(text)s”的社会组织") % {"text": text[:60]}
        raise refusal(message, InterestErrorCode.ORGANISATION_NOT_FOUND, field="organisation")
    if len(found) > 1:
        raise refusal(
            _("有多个同名的社会组织，请填写统一社会信用代码"),
            InterestErrorCode.ORGANISATION_AMBIGUOUS,
            field="organisation",
        )
    return found[0]


@transaction.atomic
def interest_declare(*, user, organisation: Organisation, kind: str, reason: str) -> InterestDeclaration:
    """A person declares an interest in an organisation; from then on they may not decide about it."""
    person = actor_user(user)
    require(signed_in(person), _("请先登录"))
    reason = (reason or "").strip()
    errors = {}
    if kind not in InterestDeclaration.Kind.values:
        errors["kind"] = coded(_("请选择关系类型"), InterestErrorCode.KIND_REQUIRED)
    if not reason:
        errors["reason"] = coded(_("请说明与该组织的关系"), InterestErrorCode.REASON_REQUIRED)
    elif len(reason) > 500:
        errors["reason"] = coded(_("说明不能超过500字"), InterestErrorCode.REASON_TOO_LONG)
    if errors:
        raise ValidationError(errors)
    if InterestDeclaration.objects.active().filter(user=person, organisation=organisation, kind=kind).exists():
        raise refusal(_("您已申报过与该组织的这类关系"), InterestErrorCode.ALREADY_DECLARED, field="kind")
    return InterestDeclaration.objects.create(user=person, organisation=organisation, kind=kind, reason=reason)


@transaction.atomic
def interest_withdraw(*, user, declaration_id, reason: str = "") -> InterestDeclaration:
    """Only the declarant withdraws a declaration; it stays in the history, stamped with when and why."""
    person = actor_user(user)
    try:
        declaration = InterestDeclaration.objects.select_for_update().get(pk=declaration_id, user_id=person.pk)
    except (InterestDeclaration.DoesNotExist, ValueError, TypeError, AttributeError):
        raise Http404("declaration not found") from None
    if declaration.withdrawn_at is not None:
        message = _("该申报已于%(date)s撤回") % {"date": f"{declaration.withdrawn_at:%Y-%m-%d}"}
        raise refusal(message, InterestErrorCode.ALREADY_WITHDRAWN)
    declaration.withdrawn_at = timezone.now()
    declaration.withdrawal_reason = (reason or "").strip()[:300]
    declaration.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    return declaration
