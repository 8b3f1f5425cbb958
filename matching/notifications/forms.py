from django import forms

from matching.notifications.models import NotificationPreference


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(label="邮件提醒方式 / Email delivery", choices=NotificationPreference.Delivery.choices,
                                 widget=forms.RadioSelect,
                                 error_messages={"required": "请选择提醒方式", "invalid_choice": "请选择即时邮件或每日汇总邮件"})
