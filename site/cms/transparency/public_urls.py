from django.urls import path

from cms.transparency import gapmap, public

app_name = "transparency"
urlpatterns = [
    path("", public.platform, name="platform"),
    path("regions/<str:code>/", public.region, name="region"),
    path("map/", gapmap.public_map, name="gapmap"),
    path("map/<str:code>/", gapmap.public_map, name="gapmap_region"),
    path("projects/<str:ref>/", public.project, name="project"),
]
