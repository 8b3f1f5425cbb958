"""Staff live in the Wagtail admin: link them to the intake queue from its menu."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from matching.permissions import is_intake_user


class IntakeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_intake_user(request.user)


@hooks.register("register_admin_menu_item")
def register_intake_menu_item():
    return IntakeMenuItem("一门受理", reverse("intake:report_list"), icon_name="clipboard-list", order=250)
