"""Issue and revoke an organisation's API tokens. The key is returned once and never stored."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from api.models import ApiToken, hash_key, new_key
from matching.models import Organisation
from matching.permissions import require_org_member


@transaction.atomic
def api_token_issue(*, user, organisation: Organisation, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    require_org_member(user=user, organisation=organisation, admin=True)
    errors = {}
    if not (name or "").strip():
        errors["name"] = "请填写令牌名称"
    unknown = set(scopes) - set(ApiToken.Scope.values)
    if not scopes or unknown:
        errors["scopes"] = "请选择有效的权限范围"
    if errors:
        raise ValidationError(errors)
    prefix, key = new_key()
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name.strip(),
        prefix=prefix,
        key_hash=hash_key(key),
        scopes=sorted(set(scopes)),
        created_by=user,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, user, organisation: Organisation, token_id: int) -> ApiToken:
    require_org_member(user=user, organisation=organisation, admin=True)
    token = ApiToken.objects.filter(pk=token_id, organisation=organisation, revoked_at__isnull=True).first()
    if token is None:
        raise Http404("token not found")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token
