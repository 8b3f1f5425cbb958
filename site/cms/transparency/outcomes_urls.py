from django.urls import path

from cms.transparency import outcomes

app_name = "outcomes"
urlpatterns = [
    path("projects/<str:ref>/reports/", outcomes.project_reports, name="project_reports"),
    path("projects/<str:ref>/reports/new/", outcomes.report_new, name="report_new"),
    path("reports/<int:pk>/", outcomes.report_detail, name="report_detail"),
    path("needs/<str:ref>/timeline/", outcomes.need_timeline_view, name="need_timeline"),
    path("needs/<str:ref>/delivery/", outcomes.delivery_new, name="delivery_new"),
]
