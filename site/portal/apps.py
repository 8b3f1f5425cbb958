from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "组织与志愿者自助服务"
