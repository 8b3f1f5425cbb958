from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "bangfu_search"
    verbose_name = "搜索与匹配"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import signals, tasks
        from search.outbox import outbox_kind_register, outbox_scheduler_register
        from search.standing_profiles.services import PROFILE_KIND, profiles_apply

        signals.connect()
        outbox_kind_register(PROFILE_KIND, profiles_apply)
        outbox_scheduler_register(tasks.outbox_drain.delay)
