from django.urls import path

from cms.funding import views, webhooks

app_name = "funding"
urlpatterns = [
    path("donate/project/<str:ref>/", views.donate_to_project, name="donate_project"),
    path("donate/need/<str:ref>/", views.donate_to_need, name="donate_need"),
    path("thanks/<str:ref>/", views.thanks, name="thanks"),
    path("documents/<int:pk>/", views.money_document, name="money_document"),
    path("webhooks/stripe/", webhooks.stripe_webhook, name="stripe_webhook"),
]
