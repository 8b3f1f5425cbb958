import re

from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.favicon import favicon
from config import signin
from config.media import public_media

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    # One sign-in path (config/signin.py): the admin's own login and reset forms are never reached.
    path("admin/login/", signin.admin_login_handover, name="admin_login_handover"),
    path("admin/password_reset/", signin.admin_password_reset_handover),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("portal/", include("portal.urls")),
    path("api/", include("api.urls")),
    path("funding/", include("cms.funding.urls")),
    path("inbox/", include("portal.inbox_urls")),
    path("intake/", include("portal.intake_urls")),
    path("outcomes/", include("cms.transparency.outcomes_urls")),
    path("open-data/", include("cms.transparency.opendata_urls")),
    path("dashboard/", include("cms.transparency.dashboard_urls")),
    path("transparency/", include("cms.transparency.public_urls")),
    path("", include("cms.urls")),
]

if settings.DEBUG:
    # Public images only (config/media.py): private documents are never reachable by their path.
    urlpatterns += [re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", public_media)]

urlpatterns += [path("", include(wagtail_urls))]
