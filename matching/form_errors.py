"""Put a service's refusal on the form that asked for it: field errors on their fields, the rest on top.

The one helper every view (portal, public pages, intake, funding, the admin's own screens) uses to show a
service's ValidationError or PermissionDenied, so a refusal reads the same wherever it is met.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def form_add_service_errors(form, exc) -> None:
    if isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc) or _("您没有该操作的权限"))
    elif hasattr(exc, "error_dict"):
        for field, msgs in exc.message_dict.items():
            for m in msgs:
                form.add_error(field if field in form.fields else None, m)
    else:
        for m in exc.messages:
            form.add_error(None, m)
