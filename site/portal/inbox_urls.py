from django.urls import path

from portal.views import inbox

app_name = "notifications"
urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("unread-count/", inbox.unread_count, name="unread_count"),
    path("<int:pk>/read/", inbox.mark_read, name="mark_read"),
    path("read-all/", inbox.mark_all_read, name="mark_all_read"),
    path("preferences/", inbox.preferences, name="preferences"),
]
