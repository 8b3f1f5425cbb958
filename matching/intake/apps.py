from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "matching.intake"
    label = "intake"
    verbose_name = "一门受理"
    default_auto_field = "django.db.models.BigAutoField"
