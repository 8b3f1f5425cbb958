from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState


class RegionApprovalTask(Task):
    """Approval by civil-affairs staff who may publish in the need's region (not the submitter's peers elsewhere)."""

    def _can_publish(self, obj, user) -> bool:
        from matching.permissions.pages import can_publish_need  # the models load before the permission package

        return can_publish_need(user, getattr(obj, "specific", obj))  # superusers publish everywhere

    def user_can_access_editor(self, obj, user):
        return self._can_publish(obj, user)

    def locked_for_user(self, obj, user):
        return not self._can_publish(obj, user)

    def get_actions(self, obj, user):
        if self._can_publish(obj, user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("revision")
        if user.is_superuser:
            return states
        ids = [s.pk for s in states if s.revision and self._can_publish(s.revision.content_object, user)]
        return TaskState.objects.filter(pk__in=ids)

    @classmethod
    def get_description(cls):
        return "由需求所在地区具有发布权限的民政干部审核"

    class Meta:
        verbose_name = "地区民政审核"
        verbose_name_plural = "地区民政审核"
