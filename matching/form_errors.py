"""Put a service's refusal on the form that asked for it: field errors on their fields, the rest on top."""
from django.core.exceptions import PermissionDenied


def form_add_service_errors(form, exc) -> None:
    if isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc) or "您没有该操作的权限")
    elif hasattr(exc, "error_dict"):
        for field, msgs in exc.message_dict.items():
            for m in msgs:
                form.add_error(field if field in form.fields else None, m)
    else:
        for m in exc.messages:
            form.add_error(None, m)
