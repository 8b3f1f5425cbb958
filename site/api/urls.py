from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import views_org, views_public, views_transparency
from api.views_misc import not_found

router = SimpleRouter()
router.register("needs", views_public.NeedViewSet, basename="need")
router.register("projects", views_public.ProjectViewSet, basename="project")
router.register("organisations", views_public.OrganisationViewSet, basename="organisation")
router.register("regions", views_public.RegionViewSet, basename="region")
router.register("transparency/projects", views_transparency.ProjectFundingViewSet, basename="transparency-project")
router.register("org/projects", views_org.OwnProjectViewSet, basename="own-project")
router.register("org/matches", views_org.OwnMatchViewSet, basename="own-match")
router.register("org/signups", views_org.OwnSignupViewSet, basename="own-signup")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the page runs under the CSP (config/csp.py).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("v1/org/", views_org.OwnOrganisationView.as_view(), name="own-organisation"),
    path("v1/transparency/", views_transparency.PlatformFiguresView.as_view(), name="transparency-platform"),
    re_path(
        r"^v1/transparency/regions/(?P<code>[0-9]{6})/$",
        views_transparency.RegionFiguresView.as_view(),
        name="transparency-region",
    ),
    path("v1/", include(router.urls)),
    re_path(r"^.*$", not_found),
]
