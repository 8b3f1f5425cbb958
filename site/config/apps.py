from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project's own checks (config/checks.py); no models."""

    name = "config"
    label = "bangfu_config"

    def ready(self):
        from config import checks  # noqa: F401  (registers the deploy checks)
