"""Portal forms. They parse input; the services decide. Labels Chinese first."""
from django import forms
from django.core.exceptions import ValidationError

from matching.fields import IsoDateInput, YuanFormField
from matching.models import Category, Membership, Region, Skill
from matching.taxonomy import ORG_TYPES
from matching.uscc import uscc_errors
from portal.uploads import MAX_CERTIFICATE_BYTES


def region_choices():
    """Every province, prefecture and county: a saved service region must be among the choices, or an
    unchanged save drops it."""
    return [(r.code, f"{r.name}（{r.code}）") for r in Region.objects.order_by("code")]


def category_choices():
    return [(c.code, c.label) for c in Category.objects.order_by("code")]


def skill_choices():
    return [(s.code, s.label) for s in Skill.objects.order_by("code")]


class OrganisationRegisterForm(forms.Form):
    name = forms.CharField(label="组织名称 / Name", max_length=200)
    uscc = forms.CharField(label="统一社会信用代码 / Unified social credit code", max_length=40,
                           help_text="18位，见登记证书")
    org_type = forms.ChoiceField(label="组织类型 / Type", choices=[("", "请选择")] + [(k, v[0]) for k, v in ORG_TYPES.items()])
    registration_authority = forms.CharField(label="登记管理机关 / Registration authority", max_length=120,
                                             required=False)
    description = forms.CharField(label="简介 / About", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                  max_length=5000)
    service_regions = forms.MultipleChoiceField(label="服务地区 / Service regions")
    categories = forms.MultipleChoiceField(label="服务类别 / Categories", widget=forms.CheckboxSelectMultiple)
    certificate = forms.FileField(label="登记证书 / Registration certificate",
                                  help_text=f"PDF、PNG 或 JPEG，不超过 {MAX_CERTIFICATE_BYTES // 1024 // 1024} MB")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_regions"].choices = region_choices()
        self.fields["categories"].choices = category_choices()

    def clean_uscc(self):
        value = self.cleaned_data["uscc"].strip().upper()
        if errors := uscc_errors(value):
            raise ValidationError(errors)
        return value


class ProjectForm(forms.Form):
    title = forms.CharField(label="项目名称 / Title", max_length=200)
    summary = forms.CharField(label="摘要 / Summary", max_length=500, required=False)
    description = forms.CharField(label="项目说明 / Description", widget=forms.Textarea(attrs={"rows": 5}),
                                  required=False, max_length=20000)
    categories = forms.MultipleChoiceField(label="类别 / Categories", widget=forms.CheckboxSelectMultiple)
    service_regions = forms.MultipleChoiceField(label="服务地区 / Service regions")
    skills = forms.MultipleChoiceField(label="所需技能 / Skills", widget=forms.CheckboxSelectMultiple, required=False)
    budget_available = YuanFormField(label="可用资金（元）/ Funds available (yuan)", required=False)
    volunteer_slots = forms.IntegerField(label="志愿者名额 / Volunteer slots", min_value=0, max_value=100000,
                                         initial=0)
    starts_on = forms.DateField(label="开始日期 / Starts", required=False, widget=IsoDateInput())
    ends_on = forms.DateField(label="结束日期 / Ends", required=False, widget=IsoDateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_regions"].choices = region_choices()
        self.fields["categories"].choices = category_choices()
        self.fields["skills"].choices = skill_choices()


class InviteForm(forms.Form):
    email = forms.EmailField(label="邮箱 / Email")
    role = forms.ChoiceField(label="角色 / Role", choices=Membership.Role.choices)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="角色 / Role", choices=Membership.Role.choices)


class DeclineForm(forms.Form):
    reason = forms.CharField(label="婉拒理由 / Reason", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="将公开显示在需求的响应记录中")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="决定 / Decision", choices=[("approve", "通过"), ("reject", "不通过")])
    note = forms.CharField(label="说明 / Note", max_length=1000, required=False)


class VolunteerProfileForm(forms.Form):
    display_name = forms.CharField(label="显示名 / Display name", max_length=60)
    skills = forms.MultipleChoiceField(label="技能 / Skills", widget=forms.CheckboxSelectMultiple, required=False)
    service_regions = forms.MultipleChoiceField(label="服务地区 / Service regions")
    hours_per_month = forms.IntegerField(label="每月可服务小时 / Hours per month", min_value=0, max_value=300)
    weekdays = forms.BooleanField(label="工作日白天可服务 / Weekdays", required=False)
    weekends = forms.BooleanField(label="周末可服务 / Weekends", required=False)
    evenings = forms.BooleanField(label="晚间可服务 / Evenings", required=False)
    available_from = forms.DateField(label="可服务起始日期 / Available from", required=False,
                                     widget=IsoDateInput())
    available_until = forms.DateField(label="可服务截止日期 / Available until", required=False,
                                      widget=IsoDateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_regions"].choices = region_choices()
        self.fields["skills"].choices = skill_choices()


class SignupForm(forms.Form):
    message = forms.CharField(label="报名留言 / Message", max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class HoursForm(forms.Form):
    served_on = forms.DateField(label="服务日期 / Date", widget=IsoDateInput())
    hours = forms.DecimalField(label="服务时长（小时）/ Hours", min_value=0.5, max_value=24, decimal_places=1,
                               max_digits=4)
    description = forms.CharField(label="服务内容 / What you did", max_length=300)


class TokenForm(forms.Form):
    name = forms.CharField(label="令牌名称 / Token name", max_length=80)
    scopes = forms.MultipleChoiceField(label="权限范围 / Scopes", widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        from api.models import ApiToken

        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = ApiToken.Scope.choices
