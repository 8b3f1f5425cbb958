"""One sign-in path: the Wagtail admin's login and password-reset pages hand over to allauth's.

allauth's login asks for the second factor of anyone who has one, refuses an unverified e-mail and is
throttled by axes; a second login form beside it would skip all three (issue: /admin/login/ gave a
session on the password alone). Nothing is authenticated here, whatever is posted.
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache

from matching.permissions import can_enter_admin


@never_cache
def admin_login_handover(request):
    target = request.GET.get("next") or request.POST.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("wagtailadmin_home")
    if request.user.is_authenticated and not can_enter_admin(request.user):
        # Signed in already, but not as staff: sending them to sign in again would come straight back
        # here (a redirect loop). Say so, and offer their own pages.
        return render(request, "admin_refused.html", status=403)
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


@never_cache
def admin_password_reset_handover(request):
    return redirect("account_reset_password")
