"""Login throttling (django-axes) that stays out of the way of request-less authenticate() calls.

Every login form on the site (allauth's, Wagtail admin's) passes the request, so every attempt a
person makes over the web is counted and a locked-out account is refused before the password is
checked. A call without a request comes from code (a management command, a test's
``client.login``); there is no client address to throttle, so this backend abstains instead of
raising, and the next backend decides.
"""
from axes.backends import AxesStandaloneBackend


class AxesRequestBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def axes_username(request, credentials) -> str:
    """The account name tried: allauth sends ``email`` or ``username``; Wagtail's form ``username``."""
    credentials = credentials or {}
    for key in ("username", "email", "login"):
        value = credentials.get(key)
        if value:
            return str(value).strip().lower()
    if request is not None and request.method == "POST":
        return (request.POST.get("login") or request.POST.get("username") or "").strip().lower()
    return ""
