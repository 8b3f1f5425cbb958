from django.urls import path

from cms.transparency import dashboard, gapmap, overlap

app_name = "dashboard"
urlpatterns = [
    path("", dashboard.staff_dashboard, name="staff"),
    path("needs/<slug:kind>/", dashboard.staff_need_list, name="needs"),
    path("overlap/", overlap.overlap_report_view, name="overlap"),
    path("overlap.csv", overlap.overlap_report_csv, name="overlap_csv"),
    path("map/", gapmap.staff_map, name="gapmap"),
    path("map/<str:code>/", gapmap.staff_map, name="gapmap_region"),
]
