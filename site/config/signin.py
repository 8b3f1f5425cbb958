"""One sign-in path: the Wagtail admin's login and password-reset pages hand over to allauth's.

allauth's login asks for the second factor of anyone who has one, refuses an unverified e-mail and is
throttled by axes; a second login form beside it would skip all three (issue: /admin/login/ gave a
session on the password alone). Nothing is authenticated here, whatever is posted.
"""
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache


@never_cache
def admin_login_handover(request):
    target = request.GET.get("next") or request.POST.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("wagtailadmin_home")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


@never_cache
def admin_password_reset_handover(request):
    return redirect("account_reset_password")
