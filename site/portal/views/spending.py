"""Spending lines in the organisation portal: from a disbursement on the project's money page, itemise what it bought
and link each line to the delivery record or progress report that proves it (with receipts and photos).

Thin views over matching.outcomes.services.spending; the project is looked up among the caller's organisations and
the disbursement and line within it (anything else is a 404), and every refusal is the service's message.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from matching.form_errors import form_add_service_errors
from matching.funding import screen_selectors
from matching.funding.models import Disbursement
from matching.money import Money
from matching.outcomes.models import SpendingLine
from matching.outcomes.selectors.spending import spend_for_owner, spending_proof_options
from matching.outcomes.services.spending import SpendingFields, spending_line_add, spending_line_update
from matching.selectors.catalogue import project_has_ledger_page
from matching.uploads import uploads_from
from portal.spending_forms import SpendingLineForm
from portal.views.helpers import portal_login_required


def _disbursement(request, pk, d_id) -> Disbursement:
    project = screen_selectors.project_for_member(user=request.user, pk=pk)
    return get_object_or_404(
        Disbursement.objects.select_related("project__organisation", "need"), pk=d_id, project=project
    )


def _form(request, d: Disbursement, **kwargs) -> SpendingLineForm:
    deliveries, reports = spending_proof_options(disbursement=d)
    posted = request.method == "POST"
    return SpendingLineForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        deliveries=deliveries,
        reports=reports,
        **kwargs,
    )


def _fields(request, form: SpendingLineForm) -> SpendingFields:
    data = form.cleaned_data
    return SpendingFields(
        what=data["what"],
        amount=data["amount"],
        beneficiaries=data["beneficiaries"],
        photos=uploads_from(request.FILES, "photos"),
        documents=uploads_from(request.FILES, "documents"),
        **form.proof_objects(),
    )


def _save(request, form, operation) -> bool:
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        operation(_fields(request, form))
    except (ValidationError, PermissionDenied) as exc:
        form_add_service_errors(form, exc)
        return False
    return True


@portal_login_required
def spending_lines(request, pk, d_id):
    """One disbursement's spending lines with their evidence state, and the form to add one."""
    d = _disbursement(request, pk, d_id)
    form = _form(request, d)
    if _save(request, form, lambda fields: spending_line_add(disbursement=d, fields=fields, user=request.user)):
        messages.success(request, _("已添加支出明细"))
        return redirect("portal:spending_lines", pk=d.project_id, d_id=d.pk)
    spend = spend_for_owner(disbursement=d)
    itemised = sum(line.amount for line in spend.lines if line.line is not None)
    return render(
        request,
        "portal/money/spending.html",
        {
            "project": d.project,
            "ledger_page": project_has_ledger_page(d.project),
            "disbursement": d,
            "lines": spend.lines,
            "due_on": spend.due_on,
            "form": form,
            "itemised": Money(itemised, d.currency),
            "left": Money(d.amount - itemised, d.currency),
            "may_add": d.status != Disbursement.Status.REJECTED,
        },
        status=400 if request.method == "POST" else 200,
    )


@portal_login_required
def spending_line_edit(request, pk, d_id, line_id):
    """Correct a line, or link its evidence (and add receipts or photos to that evidence)."""
    d = _disbursement(request, pk, d_id)
    line = get_object_or_404(SpendingLine, pk=line_id, disbursement=d)
    form = _form(request, d, initial=SpendingLineForm.initial_for(line))
    if _save(request, form, lambda fields: spending_line_update(line=line, fields=fields, user=request.user)):
        messages.success(request, _("已保存支出明细"))
        return redirect("portal:spending_lines", pk=d.project_id, d_id=d.pk)
    return render(
        request,
        "portal/money/form.html",
        {
            "project": d.project,
            "form": form,
            "title": _("修改支出明细"),
            "submit": _("保存"),
            "intro": _("拨付 #%(number)s（%(amount)s）给“%(need)s”")
            % {"number": d.pk, "amount": Money(d.amount, d.currency), "need": d.need.title},
            "back_url": reverse("portal:spending_lines", args=[d.project_id, d.pk]),
        },
        status=400 if request.method == "POST" else 200,
    )
