"""The client's address, as far as this deployment can know it.

`X-Forwarded-For` is written by whoever sends the request, so only the hops our own proxies added
can be believed. ``TRUSTED_PROXY_COUNT`` says how many proxies stand in front of the application
(0, the default, means none: the address is the socket's ``REMOTE_ADDR``). With N proxies, each
appends the address it received the request from, so the client is the N-th entry from the right;
anything further left was written by the client and is ignored. The API throttle, the login
lockout, allauth's rate limits and the request log all ask here, so rotating the header moves none
of them.
"""

import ipaddress

from django.conf import settings


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    trusted = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if trusted <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < trusted:
        # Fewer hops than proxies: the request did not come through all of them.
        return remote
    return _valid(hops[-trusted]) or remote
