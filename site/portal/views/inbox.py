"""The inbox: thin views over the notification services and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from matching.notifications import selectors, services
from matching.notifications.models import Notification
from portal.inbox_forms import PreferenceForm


@login_required
@require_GET
def inbox(request):
    page = Paginator(selectors.notifications_for_user(user=request.user), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page_obj": page,
            "unread_count": selectors.notifications_unread_count(user=request.user),
        },
    )


@login_required
@require_GET
def unread_count(request):
    return JsonResponse({"unread": selectors.notifications_unread_count(user=request.user)})


@login_required
@require_POST
def mark_read(request, pk: int):
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404(_("没有这条通知")) from None
    target = notification.url if request.POST.get("open") else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("已将 %(count)s 条通知标为已读") % {"count": count})
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            services.notification_preference_set(user=request.user, delivery=form.cleaned_data["delivery"])
            messages.success(request, _("提醒方式已保存"))
            return redirect("notifications:inbox")
    else:
        form = PreferenceForm(initial={"delivery": selectors.delivery_for_user(user_id=request.user.pk)})
    return render(request, "notifications/preferences.html", {"form": form})
