from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "帮扶业务"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from matching import signals
        from matching.page_contexts import page_contexts_register

        signals.connect()
        page_contexts_register()
