from django.urls import path

from matching.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_new, name="report_new"),
    path("upload/", views.monitoring_upload, name="monitoring_upload"),
    path("reports/<str:ref>/", views.report_detail, name="report_detail"),
    path("reports/<str:ref>/draft-need/", views.report_draft_need, name="report_draft_need"),
    path("reports/<str:ref>/refer/", views.report_refer_view, name="report_refer"),
    path("reports/<str:ref>/close/", views.report_close_view, name="report_close"),
    path("referrals/<int:pk>/acknowledge/", views.referral_acknowledge_view, name="referral_acknowledge"),
    path("referrals/<int:pk>/answer/", views.referral_answer_view, name="referral_answer"),
]
