"""A panel at the top of the need editor with the staff's actions on the need as visible buttons."""

from wagtail.admin.panels import Panel


class NeedActionsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "matching/admin/need_actions_panel.html"

        def is_shown(self):
            need = self.instance
            if need is None or not need.pk or self.request is None:
                return False
            from matching.permissions.pages import can_publish_need  # the page models import this panel

            return can_publish_need(self.request.user, need)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["need"] = self.instance
            return context
