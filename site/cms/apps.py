from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "网站页面"

    def ready(self) -> None:
        from cms import spreadsheet_exports

        spreadsheet_exports.connect()
