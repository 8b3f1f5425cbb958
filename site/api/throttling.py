from rest_framework.throttling import SimpleRateThrottle

from config.client_address import client_ip


class AnonThrottle(SimpleRateThrottle):
    """Callers without a token, by client address (only trusted proxies' X-Forwarded-For counts)."""

    scope = "anon"

    def get_ident(self, request):
        return client_ip(request)

    def get_cache_key(self, request, view):
        if getattr(request, "auth", None) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(SimpleRateThrottle):
    """Each organisation token has its own budget."""

    scope = "token"

    def get_cache_key(self, request, view):
        token = getattr(request, "auth", None)
        if token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}
