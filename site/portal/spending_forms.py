"""The form of a spending line: what was bought, for how much, whom it reached (a count), and what proves it.

The proof is chosen from the disbursement's own evidence (spending_proof_options): a value that is not on the list
is refused here, and the service checks again through the permission module.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.transparency.forms import MultipleFileField
from matching.fields import YuanFormField
from matching.funding.money_forms import AMOUNT_HELP


class SpendingLineForm(forms.Form):
    what = forms.CharField(
        label=_("购买内容"),
        max_length=200,
        help_text=_("公开显示，例如：不锈钢扶手 12 套；只写物品和数量，不写受益人姓名"),
    )
    amount = YuanFormField(label=_("金额（元）"), help_text=AMOUNT_HELP)
    beneficiaries = forms.IntegerField(label=_("受益人数"), min_value=0, initial=0, help_text=_("只填人数，不填姓名"))
    proof = forms.ChoiceField(
        label=_("佐证"),
        required=False,
        help_text=_("本项目对该需求的交付记录，或本项目的进展报告；其中的收据和照片会公开显示"),
    )
    photos = MultipleFileField(
        label=_("补充照片（JPEG/PNG）"), help_text=_("保存在所选佐证下；上传后会去除拍摄位置等元数据")
    )
    documents = MultipleFileField(label=_("补充收据或文件（PDF）"), help_text=_("保存在所选佐证下，会公开显示"))

    def __init__(self, *args, deliveries, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.proofs = {f"delivery-{d.pk}": d for d in deliveries} | {f"report-{r.pk}": r for r in reports}
        choices = [("", _("——暂无佐证——"))]
        choices += [
            (
                f"delivery-{d.pk}",
                _("交付记录 %(day)s：%(what)s") % {"day": f"{d.delivered_on:%Y-%m-%d}", "what": d.what[:40]},
            )
            for d in deliveries
        ]
        choices += [
            (
                f"report-{r.pk}",
                (_("结项报告 %(start)s–%(end)s") if r.is_final else _("进展报告 %(start)s–%(end)s"))
                % {"start": f"{r.period_start:%Y-%m-%d}", "end": f"{r.period_end:%Y-%m-%d}"},
            )
            for r in reports
        ]
        self.fields["proof"].choices = choices

    @staticmethod
    def initial_for(line) -> dict:
        proof = (
            f"delivery-{line.delivery_id}" if line.delivery_id else f"report-{line.report_id}" if line.report_id else ""
        )
        return {"what": line.what, "amount": line.amount, "beneficiaries": line.beneficiaries, "proof": proof}

    def proof_objects(self) -> dict:
        """{"delivery": …, "report": …} for the chosen proof (both None when none was chosen)."""
        chosen = self.proofs.get(self.cleaned_data.get("proof") or "")
        kind = (self.cleaned_data.get("proof") or "").split("-", 1)[0]
        return {"delivery": chosen if kind == "delivery" else None, "report": chosen if kind == "report" else None}
