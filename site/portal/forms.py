"""Portal forms. They parse input; the services decide. Labels Chinese first."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from matching.fields import IsoDateInput, YuanFormField
from matching.models import Category, Membership, Skill
from matching.region_fields import RegionMultipleChoiceField
from matching.taxonomy import ORG_TYPES
from matching.uploads import MAX_CERTIFICATE_BYTES
from matching.uscc import uscc_errors


def org_type_choices():
    en = (get_language() or "").startswith("en")
    return [("", _("请选择"))] + [(k, v[1] if en else v[0]) for k, v in ORG_TYPES.items()]


def category_choices():
    return [(c.code, c.label) for c in Category.objects.order_by("code")]


def skill_choices():
    return [(s.code, s.label) for s in Skill.objects.order_by("code")]


class OrganisationRegisterForm(forms.Form):
    name = forms.CharField(label=_("组织名称"), max_length=200)
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=40, help_text=_("18位，见登记证书"))
    org_type = forms.ChoiceField(label=_("组织类型"), choices=org_type_choices)
    registration_authority = forms.CharField(label=_("登记管理机关"), max_length=120, required=False)
    description = forms.CharField(
        label=_("简介"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )
    service_regions = RegionMultipleChoiceField(label=_("服务地区"))
    categories = forms.MultipleChoiceField(label=_("服务类别"), widget=forms.CheckboxSelectMultiple)
    certificate = forms.FileField(
        label=_("登记证书"),
        help_text=format_lazy(_("PDF、PNG 或 JPEG，不超过 {} MB"), MAX_CERTIFICATE_BYTES // 1024 // 1024),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = category_choices()

    def clean_uscc(self):
        value = self.cleaned_data["uscc"].strip().upper()
        if errors := uscc_errors(value):
            raise ValidationError(errors)
        return value


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("项目名称"), max_length=200)
    summary = forms.CharField(label=_("摘要"), max_length=500, required=False)
    description = forms.CharField(
        label=_("项目说明"), widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=20000
    )
    categories = forms.MultipleChoiceField(label=_("类别"), widget=forms.CheckboxSelectMultiple)
    service_regions = RegionMultipleChoiceField(label=_("服务地区"))
    skills = forms.MultipleChoiceField(label=_("所需技能"), widget=forms.CheckboxSelectMultiple, required=False)
    budget_available = YuanFormField(label=_("可用资金（元）"), required=False)
    volunteer_slots = forms.IntegerField(label=_("志愿者名额"), min_value=0, max_value=100000, initial=0)
    starts_on = forms.DateField(label=_("开始日期"), required=False, widget=IsoDateInput())
    ends_on = forms.DateField(label=_("结束日期"), required=False, widget=IsoDateInput())
    lead = forms.TypedChoiceField(
        label=_("项目负责人"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "本组织的一位成员；新建项目时不指定即为创建人。项目负责人不能审批本项目的拨付，须由其他管理员审批。"
        ),
    )

    def __init__(self, *args, leads=(), **kwargs):
        """`leads`: (user id, name) of the people who may lead the project (its members, and its current lead)."""
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = category_choices()
        self.fields["skills"].choices = skill_choices()
        self.fields["lead"].choices = [("", _("（未指定）"))] + list(leads)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("邮箱"))
    role = forms.ChoiceField(label=_("角色"), choices=Membership.Role.choices)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=Membership.Role.choices)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("婉拒理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("将公开显示在需求的响应记录中"),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("决定"), choices=[("approve", _("通过")), ("reject", _("不通过"))])
    note = forms.CharField(label=_("说明"), max_length=1000, required=False)


class VolunteerProfileForm(forms.Form):
    display_name = forms.CharField(label=_("显示名"), max_length=60)
    skills = forms.MultipleChoiceField(label=_("技能"), widget=forms.CheckboxSelectMultiple, required=False)
    service_regions = RegionMultipleChoiceField(label=_("服务地区"))
    hours_per_month = forms.IntegerField(label=_("每月可服务小时"), min_value=0, max_value=300)
    weekdays = forms.BooleanField(label=_("工作日白天可服务"), required=False)
    weekends = forms.BooleanField(label=_("周末可服务"), required=False)
    evenings = forms.BooleanField(label=_("晚间可服务"), required=False)
    available_from = forms.DateField(label=_("可服务起始日期"), required=False, widget=IsoDateInput())
    available_until = forms.DateField(label=_("可服务截止日期"), required=False, widget=IsoDateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = skill_choices()


class SignupForm(forms.Form):
    message = forms.CharField(
        label=_("报名留言"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class HoursForm(forms.Form):
    served_on = forms.DateField(label=_("服务日期"), widget=IsoDateInput())
    hours = forms.DecimalField(label=_("服务时长（小时）"), min_value=0.5, max_value=24, decimal_places=1, max_digits=4)
    description = forms.CharField(label=_("服务内容"), max_length=300)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("令牌名称"), max_length=80)
    scopes = forms.MultipleChoiceField(label=_("权限范围"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        from api.models import ApiToken

        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = ApiToken.Scope.choices
