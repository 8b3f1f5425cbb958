"""A person's own declarations of interest: declare, see the history, withdraw. Staff reach it from the admin,
organisation members from the portal home; nobody else sees these declarations here."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from matching.form_errors import form_add_service_errors
from matching.models import InterestDeclaration
from matching.selectors.interests import declarations_of, memberships_of
from matching.services.interests import (
    interest_declare,
    interest_withdraw,
    organisation_for_declaration,
)
from portal.views.helpers import portal_login_required


class DeclarationForm(forms.Form):
    organisation = forms.CharField(label=_("社会组织"), max_length=200, help_text=_("填写组织的全称或统一社会信用代码"))
    kind = forms.ChoiceField(label=_("关系类型"), choices=InterestDeclaration.Kind.choices)
    reason = forms.CharField(
        label=_("说明"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：配偶在该组织任项目主管（2024年起）"),
    )


@portal_login_required
def interests(request):
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_for_declaration(text=form.cleaned_data["organisation"])
            interest_declare(
                user=request.user,
                organisation=organisation,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("已申报与“%(name)s”的利益关系。涉及该组织的决定将由其他人员作出。") % {"name": organisation.name},
            )
            return redirect("portal:interests")
    return render(
        request,
        "portal/interests.html",
        {
            "form": form,
            "declarations": declarations_of(user=request.user),
            "memberships": memberships_of(user=request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@portal_login_required
def interest_withdraw_view(request, pk):
    try:
        declaration = interest_withdraw(user=request.user, declaration_id=pk, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("已撤回对“%(name)s”的申报，记录仍保留。") % {"name": declaration.organisation.name})
    return redirect("portal:interests")
