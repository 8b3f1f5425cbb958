from django.urls import path

from cms.transparency import dashboard

app_name = "dashboard"
urlpatterns = [
    path("", dashboard.staff_dashboard, name="staff"),
]
