"""`Authorization: Token bf_…` → the token's organisation is the caller."""

import hmac

from django.utils import timezone
from rest_framework import authentication, exceptions

from api.models import ApiToken, hash_key, split_key


class OrganisationPrincipal:
    """Stands in for request.user on token requests: an organisation, not a person."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False

    def __init__(self, token: ApiToken):
        self.token = token
        self.organisation = token.organisation
        self.pk = f"token:{token.pk}"

    def __str__(self) -> str:
        return str(self.organisation)


class OrganisationTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("令牌格式不正确 / Malformed token header")
        try:
            key = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("令牌格式不正确 / Malformed token") from None
        prefix = split_key(key)
        token = (
            ApiToken.objects.select_related("organisation").filter(prefix=prefix, revoked_at__isnull=True).first()
            if prefix
            else None
        )
        if token is None or not hmac.compare_digest(token.key_hash, hash_key(key)):
            raise exceptions.AuthenticationFailed("令牌无效或已吊销 / Invalid or revoked token")
        if token.organisation.status == "suspended":
            raise exceptions.AuthenticationFailed("该组织已被暂停 / Organisation suspended")
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return OrganisationPrincipal(token), token

    def authenticate_header(self, request):
        return 'Token realm="api"'
