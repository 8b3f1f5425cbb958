from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "matching.funding"
    label = "funding"
    verbose_name = "资金与账本"
    default_auto_field = "django.db.models.BigAutoField"
