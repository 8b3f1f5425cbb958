from rest_framework.throttling import SimpleRateThrottle


class AnonThrottle(SimpleRateThrottle):
    """Callers without a token, by client address."""

    scope = "anon"

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
