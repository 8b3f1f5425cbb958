from django import forms
from django.utils.translation import gettext_lazy as _

from matching.fields import YuanFormField
from matching.money import CURRENCIES


class DonationForm(forms.Form):
    amount = YuanFormField(label=_("捐赠金额（元）"), help_text=_("例如 100 或 100.50"))
    currency = forms.CharField(label=_("币种"), initial="CNY", widget=forms.HiddenInput)
    donor_name = forms.CharField(label=_("捐赠人姓名"), max_length=100, required=False)
    is_anonymous = forms.BooleanField(label=_("匿名捐赠"), required=False)
    email = forms.EmailField(label=_("收据邮箱"), required=False, help_text=_("用于接收电子收据，可不填"))

    def clean_currency(self):
        currency = (self.cleaned_data.get("currency") or "CNY").upper()
        if currency not in CURRENCIES:
            raise forms.ValidationError(_("不支持的币种：%(currency)s") % {"currency": currency})
        return currency

    def clean(self):
        data = super().clean()
        if data.get("amount") is not None and data["amount"] <= 0:
            self.add_error("amount", _("金额必须大于零"))
        if not data.get("is_anonymous") and not (data.get("donor_name") or "").strip():
            self.add_error("donor_name", _("请填写捐赠人姓名，或选择匿名捐赠"))
        return data
