"""allauth's adapter, bent to Bangfu's rules: the client address from trusted proxies only."""
from allauth.account.adapter import DefaultAccountAdapter

from config.client_address import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """allauth's own rate limits key on the same address as the lockout and the API throttle."""
        return client_ip(request) or super().get_client_ip(request)
