from django.shortcuts import render

from matching.services.volunteers import volunteer_for_user
from portal.selectors import memberships_for_user
from portal.views.helpers import portal_login_required


@portal_login_required
def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "memberships": memberships_for_user(user=request.user),
            "volunteer": volunteer_for_user(request.user),
        },
    )
