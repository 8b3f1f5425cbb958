from django.urls import path

from cms import views

app_name = "cms"
urlpatterns = [
    path("needs/", views.need_list, name="need_list"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<str:ref>/", views.organisation_detail, name="organisation_detail"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<str:ref>/", views.project_detail, name="project_detail"),
]
