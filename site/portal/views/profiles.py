"""Portal: an organisation's standing profiles (关注条件): list, add, delete. Admins write."""
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from matching.taxonomy import CATEGORIES
from portal.views.helpers import apply_errors, organisation_view
from search.models import StandingProfile
from search.profile_services import standing_profile_delete, standing_profile_save
from search.profiles import split_keywords

URGENCY_CHOICES = [("normal", "一般及以上"), ("urgent", "紧急及以上"), ("critical", "仅危急")]


class StandingProfileForm(forms.Form):
    name = forms.CharField(label="名称", max_length=60, error_messages={"required": "请填写名称"})
    categories = forms.MultipleChoiceField(
        label="类别（不选为任意）", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(code, zh) for code, (zh, _en) in CATEGORIES.items()],
        error_messages={"invalid_choice": "未知的类别：%(value)s"})
    regions = forms.CharField(label="地区代码（多个用空格或逗号分隔，不填为任意）", required=False, max_length=500,
                              help_text="例如 360300（萍乡市，含其下各县）、360321（莲花县）、000000（全国）")
    keywords = forms.CharField(label="关键词（任一出现即提醒）", required=False, max_length=500,
                               help_text="例如：敬老院 助浴 留守儿童")
    min_urgency = forms.ChoiceField(label="紧急程度", choices=URGENCY_CHOICES, initial="normal")


@organisation_view()
def standing_profiles(request, organisation, membership):
    form = StandingProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            standing_profile_save(user=request.user, organisation=organisation, name=data["name"],
                                  categories=data["categories"], regions=split_keywords(data["regions"]),
                                  keywords=split_keywords(data["keywords"]), min_urgency=data["min_urgency"])
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存关注条件：新发布的需求符合时，本组织成员会收到提醒。")
            return redirect("portal:standing_profiles", org_id=organisation.pk)
    profiles = StandingProfile.objects.filter(organisation=organisation)
    return render(request, "portal/standing_profiles.html",
                  {"organisation": organisation, "membership": membership, "form": form, "profiles": profiles,
                   "category_labels": {c: zh for c, (zh, _en) in CATEGORIES.items()}},
                  status=400 if request.method == "POST" else 200)


@require_POST
@organisation_view()
def standing_profile_remove(request, organisation, membership, profile_id):
    profile = get_object_or_404(StandingProfile, pk=profile_id, organisation=organisation)
    try:
        standing_profile_delete(user=request.user, profile=profile)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已删除关注条件“{profile.name}”")
    return redirect("portal:standing_profiles", org_id=organisation.pk)
