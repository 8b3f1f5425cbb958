"""Forms for progress reports and delivery records. They parse; the services decide."""

import datetime

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from matching.fields import IsoDateInput
from matching.outcomes.models import BENEFICIARY_GROUPS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in items]


def _parse_milestones(text: str) -> list[tuple[str, datetime.date | None]]:
    """One milestone a line; a leading YYYY-MM-DD marks it achieved on that day."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        head, _, rest = line.partition(" ")
        try:
            out.append((rest.strip(), datetime.date.fromisoformat(head)))
        except ValueError:
            out.append((line, None))
    return out


class ReportForm(forms.Form):
    period_start = forms.DateField(label=_("报告期开始"), widget=IsoDateInput())
    period_end = forms.DateField(label=_("报告期结束"), widget=IsoDateInput())
    narrative = forms.CharField(label=_("进展说明"), widget=forms.Textarea(attrs={"rows": 6}))
    milestones = forms.CharField(
        label=_("里程碑"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个；已完成的在行首写完成日期，如 2026-05-01 完成卫浴改造"),
    )
    is_final = forms.BooleanField(label=_("这是结项报告"), required=False)
    photos = MultipleFileField(label=_("照片（JPEG/PNG）"), help_text=_("上传后会去除拍摄位置等元数据"))
    documents = MultipleFileField(label=_("文件（PDF）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        en = (get_language() or "").startswith("en")
        for field, label_zh, label_en in BENEFICIARY_GROUPS:
            self.fields[field] = forms.IntegerField(
                label=_("受益%(group)s（人数）") % {"group": label_en if en else label_zh},
                min_value=0,
                initial=0,
                help_text=_("只填人数"),
            )
        order = [
            "period_start",
            "period_end",
            "narrative",
            "milestones",
            *[f for f, _, _ in BENEFICIARY_GROUPS],
            "is_final",
            "photos",
            "documents",
        ]
        self.order_fields(order)

    def milestone_list(self):
        return _parse_milestones(self.cleaned_data.get("milestones", ""))


class DeliveryForm(forms.Form):
    what = forms.CharField(label=_("交付内容"), widget=forms.Textarea(attrs={"rows": 4}))
    delivered_on = forms.DateField(label=_("交付日期"), widget=IsoDateInput())
    project = forms.ChoiceField(label=_("承接项目"), required=False)
    photos = MultipleFileField(label=_("照片（JPEG/PNG）"))
    documents = MultipleFileField(label=_("文件（PDF）"))

    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [("", _("（民政部门直接交付）"))] + [(p.ref, p.title) for p in projects]
