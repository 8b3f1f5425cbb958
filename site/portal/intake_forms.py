"""Forms parse input; the checks themselves are `fields.report_errors`, shared with the CSV import."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from matching.intake.fields import URGENCIES, ContactFields, ReportFields
from matching.intake.models import IntakeReport, Referral
from matching.region_fields import RegionSelect
from matching.taxonomy import CATEGORIES, category_label

REQUIRED = {"required": _("此项必填")}


def _category_choices():
    lang = "en" if (get_language() or "").startswith("en") else "zh"
    return [(code, category_label(code, lang)) for code in CATEGORIES]


class ReportForm(forms.Form):
    county_code = forms.ChoiceField(
        label=_("县（区）"), error_messages={**REQUIRED, "invalid_choice": _("请从列表中选择您负责的县（区）")}
    )
    township = forms.CharField(label=_("乡镇（街道）"), max_length=60, error_messages=REQUIRED)
    category = forms.ChoiceField(
        label=_("困难类别"),
        choices=_category_choices,
        error_messages={**REQUIRED, "invalid_choice": _("请从列表中选择困难类别")},
    )
    description = forms.CharField(
        label=_("反映情况"), widget=forms.Textarea(attrs={"rows": 5}), error_messages=REQUIRED
    )
    urgency = forms.ChoiceField(
        label=_("紧急程度"),
        choices=[(k, _(v)) for k, v in URGENCIES.items()],
        initial="normal",
        error_messages={**REQUIRED, "invalid_choice": _("紧急程度应为：一般、紧急或危急")},
    )
    source = forms.ChoiceField(
        label=_("来源"),
        choices=IntakeReport.Source.choices,
        initial="hotline",
        error_messages={**REQUIRED, "invalid_choice": _("来源不正确")},
    )
    reporter_name = forms.CharField(label=_("反映人姓名（保密）"), max_length=60, required=False)
    reporter_phone = forms.CharField(label=_("反映人电话（保密）"), max_length=20, required=False)
    person_name = forms.CharField(label=_("当事人姓名（保密）"), max_length=60, required=False)
    person_phone = forms.CharField(label=_("当事人电话（保密）"), max_length=20, required=False)
    person_id_number = forms.CharField(
        label=_("当事人身份证号（保密）"),
        max_length=18,
        required=False,
        error_messages={"max_length": _("身份证号应为18位（最后一位可为X）")},
    )

    def __init__(self, *args, counties=(), **kwargs):
        """``counties``: the regions the person may file for (intake_counties_for); one is chosen for them."""
        super().__init__(*args, **kwargs)
        choices = [(c.code, f"{c.name}（{c.code}）") for c in counties]
        self.fields["county_code"].choices = choices if len(choices) == 1 else [("", _("请选择县（区）"))] + choices
        if len(choices) == 1:
            self.fields["county_code"].initial = choices[0][0]
        else:  # many counties (prefecture, province or national staff): the grouped, searchable region list
            self.fields["county_code"].widget = RegionSelect(
                levels=("county",), only=[c for c, _label in choices], empty_label=_("请选择县（区）")
            )

    def report_fields(self) -> ReportFields:
        d = self.cleaned_data
        return ReportFields(
            county_code=d["county_code"].strip(),
            township=d["township"],
            category=d["category"],
            description=d["description"],
            urgency=d["urgency"],
            source=d["source"],
        )

    def contact_fields(self) -> ContactFields:
        d = self.cleaned_data
        return ContactFields(**{k: d.get(k, "") for k in ContactFields.__dataclass_fields__})


class DraftNeedForm(forms.Form):
    title = forms.CharField(
        label=_("公开标题"), max_length=255, required=False, help_text=_("不填则自动生成；不得含个人信息")
    )
    description = forms.CharField(label=_("公开描述"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReferForm(forms.Form):
    department = forms.ChoiceField(
        label=_("转办部门"),
        choices=Referral.Department.choices,
        error_messages={**REQUIRED, "invalid_choice": _("请选择转办部门")},
    )
    note = forms.CharField(label=_("转办说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    due_days = forms.IntegerField(
        label=_("答复期限（天）"),
        min_value=1,
        max_value=90,
        required=False,
        error_messages={
            "min_value": _("答复期限应在1到90天之间"),
            "max_value": _("答复期限应在1到90天之间"),
            "invalid": _("请填写天数"),
        },
    )


class AcknowledgeForm(forms.Form):
    acknowledged_by = forms.CharField(label=_("签收人"), max_length=60, error_messages=REQUIRED)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED)


class MonitoringUploadForm(forms.Form):
    file = forms.FileField(label=_("监测预警名单（CSV，UTF-8）"), error_messages={**REQUIRED, "empty": _("文件是空的")})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("请上传 .csv 文件"))
        if upload.size > settings.INTAKE_UPLOAD_MAX_BYTES:
            limit_mb = settings.INTAKE_UPLOAD_MAX_BYTES // 1024 // 1024
            raise forms.ValidationError(_("文件超过 %(mb)s MB") % {"mb": limit_mb})
        return upload


class CloseForm(forms.Form):
    closed_reason = forms.CharField(
        label=_("办结说明"), widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED
    )
