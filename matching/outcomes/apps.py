from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "matching.outcomes"
    label = "outcomes"
    verbose_name = "成效与回音"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from matching.outcomes import cache

        cache.connect()
