"""The Wagtail admin's generic model screens, scoped by matching.permissions.

Wagtail asks a model's permission policy before it shows a menu, a button or a view. `ScopedPolicy` answers
from the permission module only (never from Django's global model permissions, so a `change_organisation`
held by a county group grants nothing outside the county), and `ScopedModelViewSet` makes every screen ask it:
the list shows only what the user may see, and an edit, inspect, history, usage or delete URL of anything
else answers 404 (a guessed id reveals nothing).
"""

from collections.abc import Callable

from django.db.models import QuerySet
from django.http import Http404
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from matching.permissions import is_civil_staff

Rule = Callable[[object, object | None], bool]  # (user, instance or None for "any instance") -> allowed


class ScopedPolicy(BasePermissionPolicy):
    """`visible(user)`: what the user may see; `rules[action](user, obj)`: whether they may do `action`
    ("add", "change", "delete") to obj, or to some object when obj is None. No rule = nobody."""

    def __init__(self, model, *, visible: Callable[[object], QuerySet], rules: dict[str, Rule] | None = None):
        super().__init__(model)
        self.visible = visible
        self.rules = rules or {}

    def _allowed(self, user, action: str, instance) -> bool:
        if action == "view":
            return is_civil_staff(user)
        rule = self.rules.get(action)
        return bool(rule and rule(user, instance))

    def user_has_permission(self, user, action):
        return self._allowed(user, action, None)

    def user_has_any_permission(self, user, actions):
        return any(self._allowed(user, action, None) for action in actions)

    def visible_to(self, user) -> QuerySet:
        return self.model._default_manager.filter(pk__in=self.visible(user).values("pk"))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.visible_to(user).filter(pk=instance.pk).exists():
            return False
        return self._allowed(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        qs = self.visible_to(user)
        if "view" in actions:
            return qs
        return qs.filter(pk__in=[o.pk for o in qs if any(self._allowed(user, a, o) for a in actions)])

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_superuser=True, is_active=True)


class ScopedObjectMixin:
    """Any view of one object: 404 unless the policy lets this user do `object_action` to it."""

    object_action = "view"

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.object_action, obj
        ):
            raise Http404("not found")
        return obj


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.visible_to(self.request.user)

    def get_edit_url(self, instance):
        """A row links to its editor only when this user may change that object (an officer sees the
        organisations serving the county but edits only those registered there)."""
        if self.permission_policy.user_has_permission_for_instance(self.request.user, "change", instance):
            return super().get_edit_url(instance)
        return None


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    object_action = "change"


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    object_action = "delete"


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, UsageView):
    pass


class ScopedModelViewSet(ModelViewSet):
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
