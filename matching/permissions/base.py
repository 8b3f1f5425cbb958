"""Who is asking: a signed-in person, an organisation's API token, or nobody; and the one way to refuse."""

from django.core.exceptions import PermissionDenied

DENIED = "您没有执行此操作的权限"


def signed_in(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def acting_organisation(user):
    """An API token acts as its organisation (its scopes are checked by the API layer)."""
    return getattr(user, "organisation", None) if getattr(user, "token", None) is not None else None


def is_token(user) -> bool:
    return getattr(user, "token", None) is not None


def actor_user(user):
    """The person to record as the actor: the user, or whoever created the API token."""
    token = getattr(user, "token", None)
    return token.created_by if token is not None else user


def is_superuser(user) -> bool:
    return signed_in(user) and not is_token(user) and bool(user.is_superuser)


def require(allowed: bool, message: str = DENIED) -> None:
    """Raise PermissionDenied (shown to people, so in Chinese) unless allowed."""
    if not allowed:
        raise PermissionDenied(message)
