"""Login throttling (django-axes) that stays out of the way of request-less authenticate() calls.

Every login form on the site passes the request, so every attempt a person makes over the web is
counted and a locked-out account is refused before the password is checked. A call without a
request comes from code (a management command, a test's ``client.login``); there is no client
address to throttle, so this backend abstains instead of raising, and the next backend decides.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.db.models import Q


class AxesRequestBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def _tried_name(request, credentials) -> str:
    credentials = credentials or {}
    for key in ("username", "email", "login"):
        value = credentials.get(key)
        if value:
            return str(value)
    if request is not None and request.method == "POST":
        return request.POST.get("login") or request.POST.get("username") or ""
    return ""


def axes_username(request, credentials) -> str:
    """One lockout key per account, whichever name was typed.

    ``Name``, ``name`` and ``name@example.org`` (the account's e-mail) all count against the same
    account: the key is the account's username when one matches the name (case-insensitively, by
    username or by e-mail), else the name itself, case-folded. So switching between the username and
    the e-mail, or changing case, does not buy an attacker more guesses.
    """
    name = _tried_name(request, credentials).strip().casefold()
    if not name:
        return ""
    from allauth.account.models import EmailAddress

    User = get_user_model()
    match = Q(username__iexact=name)
    if "@" in name:
        match |= Q(email__iexact=name) | Q(pk__in=EmailAddress.objects.filter(email__iexact=name).values("user_id"))
    usernames = list(User.objects.filter(match).values_list("username", flat=True)[:2])
    return usernames[0].casefold() if len(usernames) == 1 else name
