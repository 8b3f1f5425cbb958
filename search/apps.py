from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "bangfu_search"
    verbose_name = "搜索与匹配"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import signals

        signals.connect()
