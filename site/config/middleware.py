"""Chinese is the interface's first language: English only when a person chooses it with the switch."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from matching.permissions import requires_second_factor


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but the browser's Accept-Language never overrides Chinese."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class SecondFactorRequiredMiddleware:
    """Staff who publish, vet or move money (`permissions.requires_second_factor`) set up TOTP before they
    use those screens: until then every request to one of them is sent to the TOTP set-up page.

    Signing in is one path for everybody (allauth's login, which /admin/login/ hands over to), and it asks
    for the code of anyone who has activated TOTP; this middleware makes activating it compulsory for the
    roles that need it. Switched by BANGFU_REQUIRE_SECOND_FACTOR (off in dev and tests, forced on in
    production, where `check --deploy` refuses it off).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            messages.warning(request, _("您的账号可以发布、审核或处理资金，请先设置两步验证（TOTP），再使用该页面。"))
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        if not getattr(settings, "BANGFU_REQUIRE_SECOND_FACTOR", False):
            return False
        if not request.path.startswith(tuple(settings.SECOND_FACTOR_SCREENS)):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if not requires_second_factor(user):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
