from django.urls import path

from cms.transparency import public

app_name = "transparency"
urlpatterns = [
    path("", public.platform, name="platform"),
    path("regions/<str:code>/", public.region, name="region"),
    path("projects/<str:ref>/", public.project, name="project"),
]
