from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from matching.models import Organisation
from matching.permissions import require_org_member

portal_login_required = login_required(login_url="account_login")


def organisation_view(admin: bool = False):
    """Resolve <org_id> to one of the caller's organisations (404 otherwise)."""

    def decorator(view):
        @portal_login_required
        @wraps(view)
        def wrapper(request, org_id, *args, **kwargs):
            organisation = get_object_or_404(Organisation, pk=org_id)
            membership = require_org_member(user=request.user, organisation=organisation, admin=admin)
            return view(request, organisation, membership, *args, **kwargs)

        return wrapper

    return decorator


__all__ = ["Http404", "PermissionDenied", "organisation_view", "portal_login_required"]
