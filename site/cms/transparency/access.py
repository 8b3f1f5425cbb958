"""Who may see the staff dashboard: civil-affairs staff (a region scope) or national staff/superusers."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from matching.permissions import staff_region_codes


def staff_scope_or_deny(request):
    """The region codes the signed-in staff member covers (None = nationwide); anyone else is refused."""
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    codes = staff_region_codes(request.user)
    if codes == []:
        raise PermissionDenied("只有民政工作人员可以查看工作台")
    return codes, None
