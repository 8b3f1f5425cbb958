from django.urls import path

from cms import search_views, views

app_name = "cms"
urlpatterns = [
    path("search/", search_views.search_page, name="search"),
    path("needs/", views.need_list, name="need_list"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<str:ref>/", views.organisation_detail, name="organisation_detail"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<str:ref>/", views.project_detail, name="project_detail"),
]
