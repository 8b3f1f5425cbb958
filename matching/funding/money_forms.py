"""Forms of the money screens (staff admin and organisation portal). Amounts are typed in yuan, cleaned to fen.

Choices of projects and needs are offered as a list, but what comes back is looked up again, scoped to the
caller, so a forged id gets a clear message instead of touching someone else's money.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from matching.fields import YuanFormField
from matching.funding.models import FundSource
from matching.money import Money

AMOUNT_HELP = _("单位：元，最多两位小数，例如 2000 或 2000.50")
DOC_HELP = _("PDF 或 JPEG、PNG 扫描件，不超过 10 MB")


def _label(obj) -> str:
    return str(getattr(obj, "title", obj))


class ScopedChoiceField(forms.CharField):
    """A select over a queryset; cleans to the object or refuses with the given message."""

    def __init__(self, *args, queryset=None, refused: str = "", **kwargs):
        self.queryset, self.refused = queryset, refused
        super().__init__(*args, **kwargs)
        self.widget = forms.Select(choices=[("", _("——请选择——"))] + [(o.pk, self.label_for(o)) for o in queryset])

    def label_for(self, obj) -> str:
        return _label(obj)

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return None
        try:
            return self.queryset.get(pk=int(value))
        except (self.queryset.model.DoesNotExist, ValueError, TypeError):
            raise forms.ValidationError(self.refused) from None


class NeedChoiceField(ScopedChoiceField):
    def label_for(self, obj) -> str:
        return _("%(title)s（%(county)s）") % {"title": obj.title, "county": obj.county.name if obj.county_id else ""}


def _amount(label=None, help_text=AMOUNT_HELP):
    return YuanFormField(label=label or _("金额（元）"), help_text=help_text)


def _document(label=None, required=False):
    return forms.FileField(label=label or _("凭证文件"), required=required, help_text=DOC_HELP)


class GrantForm(forms.Form):
    """Staff record a government grant into a project of their region."""

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"] = ScopedChoiceField(
            label=_("项目"), queryset=projects, refused=_("该项目不存在或不在您所辖地区，不能录入")
        )
        self.order_fields(["project", "source", "source_detail", "amount", "document"])

    source = forms.ChoiceField(
        label=_("资金来源"), choices=[c for c in FundSource.choices if c[0] != FundSource.OWN_FUNDS]
    )
    source_detail = forms.CharField(
        label=_("文号或说明"), max_length=200, required=False, help_text=_("例如：赣财社〔2026〕12号")
    )
    amount = _amount()
    document = _document(_("拨款文件"))


class OwnFundsForm(forms.Form):
    source_detail = forms.CharField(
        label=_("说明"), max_length=200, required=False, help_text=_("例如：2026 年理事会决议拨付")
    )
    amount = _amount()
    document = _document(_("凭证（决议、银行回单等）"))


class PledgeForm(forms.Form):
    pledger = forms.CharField(label=_("认捐方"), max_length=200)
    source = forms.ChoiceField(label=_("资金来源"), choices=FundSource.choices, initial=FundSource.OTHER)
    amount = _amount()


class DocumentForm(forms.Form):
    document = _document(_("协议或凭证"))


class DisbursementForm(forms.Form):
    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"] = NeedChoiceField(
            label=_("拨付给需求"), queryset=needs, refused=_("该需求不存在、未发布或未与本项目匹配，不能拨付")
        )
        self.order_fields(["need", "amount", "purpose", "receipt"])

    amount = _amount()
    purpose = forms.CharField(label=_("用途"), max_length=300)
    receipt = _document(_("收据或凭证"))


class AdvanceForm(forms.Form):
    def __init__(self, *args, needs, projects, cap: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"] = NeedChoiceField(
            label=_("急难需求"), queryset=needs, refused=_("该需求不存在、不是急难类或不在您所辖县（区）")
        )
        self.fields["project"] = ScopedChoiceField(
            label=_("从哪个项目垫付"), queryset=projects, refused=_("该项目不存在或不在您所辖地区")
        )
        self.fields["amount"].help_text = _("单笔上限 %(cap)s；%(help)s") % {"cap": Money(cap), "help": AMOUNT_HELP}
        self.order_fields(["need", "project", "amount", "purpose"])

    amount = _amount()
    purpose = forms.CharField(label=_("用途"), max_length=300)


class PaperworkForm(forms.Form):
    """The organisation hands in an emergency advance's paperwork (checked by content in the service)."""

    document = _document(_("补交材料（发放签收单、票据等）"))


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("驳回理由"), max_length=300)
