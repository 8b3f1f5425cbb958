from django.urls import path

from portal.views import intake

app_name = "intake"
urlpatterns = [
    path("", intake.report_list, name="report_list"),
    path("new/", intake.report_new, name="report_new"),
    path("upload/", intake.monitoring_upload, name="monitoring_upload"),
    path("reports/<str:ref>/", intake.report_detail, name="report_detail"),
    path("reports/<str:ref>/draft-need/", intake.report_draft_need, name="report_draft_need"),
    path("reports/<str:ref>/refer/", intake.report_refer_view, name="report_refer"),
    path("reports/<str:ref>/close/", intake.report_close_view, name="report_close"),
    path("referrals/<int:pk>/acknowledge/", intake.referral_acknowledge_view, name="referral_acknowledge"),
    path("referrals/<int:pk>/answer/", intake.referral_answer_view, name="referral_answer"),
]
