"""allauth's adapter, bent to Bangfu's rules: the client address from trusted proxies only."""

from allauth.account.adapter import DefaultAccountAdapter

from config.client_address import client_ip
from matching.permissions.accounts import can_enter_admin


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """allauth's own rate limits key on the same address as the lockout and the API throttle."""
        return client_ip(request) or super().get_client_ip(request)

    def get_login_redirect_url(self, request) -> str:
        """Without a `next`, staff land on their screens and everyone else in the portal (one sign-in page)."""
        if can_enter_admin(request.user):
            return "/admin/"
        return super().get_login_redirect_url(request)
