"""Sign-in strength: who must use a second factor."""

from matching.models import Membership
from matching.permissions.base import is_token, signed_in
from matching.permissions.scope import staff_scopes


def can_enter_admin(user) -> bool:
    """May the user open the Wagtail admin (staff screens)? Superusers and staff whose groups grant it."""
    if not signed_in(user) or is_token(user):
        return False
    return bool(user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def requires_second_factor(user) -> bool:
    """Accounts that can publish needs, vet organisations or move money must sign in with a second factor.

    That is: superusers; anyone who may enter the Wagtail admin; civil-affairs staff of any role (a
    StaffScope group: officers publish, vet and record public money; clerks work in the same admin on the
    same records); organisation admins (they approve disbursements and release advances). Enforced by
    config.middleware.SecondFactorRequiredMiddleware when BANGFU_REQUIRE_SECOND_FACTOR is on (always in
    production).
    """
    if not signed_in(user) or is_token(user):
        return False
    if user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"):
        return True
    if staff_scopes(user):
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()
