from rest_framework import exceptions
from rest_framework.permissions import BasePermission


class TokenScope(BasePermission):
    """The request carries an organisation token with the scope the view asks for this method."""

    def has_permission(self, request, view):
        token = request.auth
        if token is None:
            raise exceptions.NotAuthenticated()
        scope = view.required_scopes.get(request.method, view.required_scopes.get("*"))
        if scope and not token.has_scope(scope):
            raise exceptions.PermissionDenied(f"令牌缺少权限范围 {scope} / Token lacks scope {scope}")
        return True
