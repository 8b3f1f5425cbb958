from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from api.services import api_token_issue, api_token_revoke
from matching.form_errors import form_add_service_errors
from portal.forms import TokenForm
from portal.views.helpers import organisation_view


@organisation_view(admin=True)
def tokens(request, organisation, membership):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _, new_key = api_token_issue(user=request.user, organisation=organisation, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            form = TokenForm()
    return render(
        request,
        "portal/tokens.html",
        {
            "organisation": organisation,
            "form": form,
            "new_key": new_key,
            "tokens": organisation.api_tokens.filter(revoked_at__isnull=True),
        },
        status=400 if request.method == "POST" and new_key is None else 200,
    )


@require_POST
@organisation_view(admin=True)
def token_revoke(request, organisation, membership, token_id):
    api_token_revoke(user=request.user, organisation=organisation, token_id=token_id)
    messages.success(request, _("令牌已吊销。"))
    return redirect("portal:tokens", org_id=organisation.pk)
