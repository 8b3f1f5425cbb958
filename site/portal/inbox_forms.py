from django import forms
from django.utils.translation import gettext_lazy as _

from matching.notifications.models import NotificationPreference


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("邮件提醒方式"),
        choices=NotificationPreference.Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择提醒方式"), "invalid_choice": _("请选择即时邮件或每日汇总邮件")},
    )
