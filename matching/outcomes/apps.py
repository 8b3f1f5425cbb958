from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "matching.outcomes"
    label = "outcomes"
    verbose_name = "成效与回音"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from matching.events import rows_bulk_saved
        from matching.models import NeedPage
        from matching.outcomes import cache
        from matching.outcomes.tasks import figures_refresh_soon

        cache.connect()
        rows_bulk_saved.connect(cache.bump, dispatch_uid="transparency-bump-bulk")
        rows_bulk_saved.connect(figures_refresh_soon, sender=NeedPage, dispatch_uid="outcomes.figures.bulk")
        # A boundary, like the cache bump: writes that change the kept figures queue their refresh.
        for sender in ("funding.LedgerTransaction", "matching.NeedPage"):
            post_save.connect(figures_refresh_soon, sender=sender, dispatch_uid=f"outcomes.figures.{sender}")
