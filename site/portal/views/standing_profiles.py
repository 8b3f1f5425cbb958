"""Portal: an organisation's standing profiles (关注条件): list, add, delete. Admins write."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from matching.form_errors import form_add_service_errors
from matching.region_fields import RegionMultipleChoiceField
from matching.taxonomy import CATEGORIES, category_label
from portal.views.helpers import organisation_view
from search.models import StandingProfile
from search.standing_profiles.rules import split_keywords
from search.standing_profiles.services import standing_profile_delete, standing_profile_save


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


URGENCY_CHOICES = [("normal", _("一般及以上")), ("urgent", _("紧急及以上")), ("critical", _("仅危急"))]


class StandingProfileForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=60, error_messages={"required": _("请填写名称")})
    categories = forms.MultipleChoiceField(
        label=_("类别（不选为任意）"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=lambda: [(code, category_label(code, _lang())) for code in CATEGORIES],
        error_messages={"invalid_choice": _("未知的类别：%(value)s")},
    )
    regions = RegionMultipleChoiceField(
        label=_("地区（不选为任意）"), required=False, help_text=_("选省或市即包括其下各县；可选多个")
    )
    keywords = forms.CharField(
        label=_("关键词（任一出现即提醒）"), required=False, max_length=500, help_text=_("例如：敬老院 助浴 留守儿童")
    )
    min_urgency = forms.ChoiceField(label=_("紧急程度"), choices=URGENCY_CHOICES, initial="normal")


@organisation_view()
def standing_profiles(request, organisation, membership):
    form = StandingProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            standing_profile_save(
                user=request.user,
                organisation=organisation,
                name=data["name"],
                categories=data["categories"],
                regions=data["regions"],
                keywords=split_keywords(data["keywords"]),
                min_urgency=data["min_urgency"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存关注条件：新发布的需求符合时，本组织成员会收到提醒。"))
            return redirect("portal:standing_profiles", org_id=organisation.pk)
    profiles = StandingProfile.objects.filter(organisation=organisation)
    return render(
        request,
        "portal/standing_profiles.html",
        {
            "organisation": organisation,
            "membership": membership,
            "form": form,
            "profiles": profiles,
            "category_labels": {c: category_label(c, _lang()) for c in CATEGORIES},
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@organisation_view()
def standing_profile_remove(request, organisation, membership, profile_id):
    profile = get_object_or_404(StandingProfile, pk=profile_id, organisation=organisation)
    try:
        standing_profile_delete(user=request.user, profile=profile)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已删除关注条件“%(name)s”") % {"name": profile.name})
    return redirect("portal:standing_profiles", org_id=organisation.pk)
