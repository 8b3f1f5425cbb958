"""Staff live in the Wagtail admin: link them to their inbox from its menu."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return MenuItem("我的通知", reverse("notifications:inbox"), icon_name="mail", order=260)
