"""The need editor's messages: an approved need says it was published, not merely "updated"."""
from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from matching.models import NeedPage


@hooks.register("after_edit_page")
def need_approval_says_published(request, page):
    if not (isinstance(page.specific, NeedPage) and request.POST.get("workflow-action-name") == "approve"):
        return
    page = page.specific_class.objects.get(pk=page.pk)
    if not page.live:
        return
    # Wagtail queued "页面已被更新" during this request; replace it rather than show both.
    queued = messages.get_messages(request)._queued_messages
    queued[:] = [m for m in queued if m.level != messages.SUCCESS]
    messages.success(request, _("需求“%(title)s”已审核通过并发布，公众现在可以看到它。") % {"title": page.title})
    return
