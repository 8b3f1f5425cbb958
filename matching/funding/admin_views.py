"""Staff money screens in the Wagtail admin: thin views over the funding services, scoped to the region."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from matching.form_errors import form_add_service_errors
from matching.funding import screen_selectors
from matching.funding.models import Disbursement, FundSource
from matching.funding.money_forms import AdvanceForm, GrantForm, RejectForm
from matching.funding.selectors import advance_paperwork
from matching.funding.services.disbursements import (
    advance_release,
    disbursement_confirm,
    disbursement_reject,
)
from matching.funding.services.documents import document_attach_and
from matching.funding.services.grants import grant_record
from matching.money import Money
from matching.permissions import OFFICER, can_record_grants, can_use_money_admin, interested_organisation_ids
from matching.selectors.overlap import overlap_attach
from matching.uploads import upload_from


def _require_staff(request) -> None:
    if not can_use_money_admin(request.user):
        raise PermissionDenied(_("只有民政工作人员可以使用资金管理"))


def grant_new(request):
    if not can_record_grants(request.user):
        raise PermissionDenied(_("只有民政干部可以录入政府补助"))
    form = GrantForm(
        request.POST or None,
        request.FILES or None,
        projects=screen_selectors.projects_for_staff(user=request.user, roles=(OFFICER,)),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            grant = document_attach_and(
                upload=upload_from(request.FILES, "document"),
                title=f"拨款文件：{d['project'].title}",
                user=request.user,
                operation=lambda doc: grant_record(
                    project=d["project"],
                    source=d["source"],
                    amount=d["amount"],
                    source_detail=d["source_detail"],
                    document=doc,
                    user=request.user,
                ),
            )
        except (ValidationError, PermissionDenied) as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("已录入%(source)s %(amount)s → %(project)s")
                % {
                    "source": FundSource(grant.source).label,
                    "amount": Money(grant.amount, grant.currency),
                    "project": grant.project.title,
                },
            )
            return redirect("funding_admin:ledger")
    return render(
        request,
        "funding/admin/form.html",
        {"form": form, "title": _("录入政府补助"), "submit": _("录入补助")},
        status=400 if request.method == "POST" else 200,
    )


def disbursements_pending(request):
    _require_staff(request)
    disbursements = overlap_attach(
        screen_selectors.disbursements_to_confirm(user=request.user),
        need_id=lambda d: d.need_id,
        organisation_id=lambda d: d.project.organisation_id,
    )
    return render(
        request,
        "funding/admin/disbursements.html",
        {
            "disbursements": disbursements,
            "reject_form": RejectForm(),
            "interested": interested_organisation_ids(request.user),
        },
    )


def _disbursement(request, pk) -> Disbursement:
    needs = screen_selectors.needs_for_staff(user=request.user).values("pk")
    return get_object_or_404(Disbursement.objects.filter(need__in=needs), pk=pk)


@require_POST
def disbursement_confirm_view(request, pk):
    _require_staff(request)
    d = _disbursement(request, pk)
    try:
        disbursement_confirm(disbursement=d, user=request.user)
    except (ValidationError, PermissionDenied) as exc:
        for m in getattr(exc, "messages", None) or [str(exc)]:
            messages.error(request, m)
    else:
        messages.success(
            request,
            _("已确认拨付 #%(number)s：%(amount)s 到达“%(title)s”")
            % {"number": d.pk, "amount": Money(d.amount, d.currency), "title": d.need.title},
        )
    return redirect("funding_admin:disbursements")


@require_POST
def disbursement_reject_view(request, pk):
    _require_staff(request)
    d = _disbursement(request, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写驳回理由"))
        return redirect("funding_admin:disbursements")
    try:
        disbursement_reject(disbursement=d, user=request.user, reason=form.cleaned_data["reason"])
    except (ValidationError, PermissionDenied) as exc:
        for m in getattr(exc, "messages", None) or [str(exc)]:
            messages.error(request, m)
    else:
        messages.success(request, _("已驳回拨付 #%(number)s，预留资金已退回项目") % {"number": d.pk})
    return redirect("funding_admin:disbursements")


def advance_new(request):
    _require_staff(request)
    cap = settings.FUNDING_EMERGENCY_ADVANCE_CAP
    form = AdvanceForm(
        request.POST or None,
        needs=screen_selectors.emergency_needs_for_staff(user=request.user),
        projects=screen_selectors.projects_for_staff(user=request.user, roles=(OFFICER,)),
        cap=cap,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            adv = advance_release(
                project=d["project"], need=d["need"], amount=d["amount"], purpose=d["purpose"], user=request.user
            )
        except (ValidationError, PermissionDenied) as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("已先行救助 %(amount)s，材料请于 %(due)s 前补交")
                % {"amount": Money(adv.amount, adv.currency), "due": adv.paperwork_due_on},
            )
            return redirect("funding_admin:advances_overdue")
    return render(
        request,
        "funding/admin/form.html",
        {
            "form": form,
            "title": _("急难先行救助"),
            "submit": _("立即拨付"),
            "intro": _(
                "对急难类需求，县（区）民政可先行救助，单笔不超过 %(cap)s，无需审批；材料须在 %(days)s 天内补交。"
            )
            % {"cap": Money(cap), "days": settings.FUNDING_EMERGENCY_PAPERWORK_DAYS},
        },
        status=400 if request.method == "POST" else 200,
    )


RECEIVED_SHOWN = 50


def advances_overdue_view(request):
    _require_staff(request)
    return render(
        request,
        "funding/admin/advances_overdue.html",
        {
            "advances": screen_selectors.advances_overdue_for_staff(user=request.user),
            "received": [
                advance_paperwork(a, today=timezone.localdate())
                for a in screen_selectors.advances_received_for_staff(user=request.user)[:RECEIVED_SHOWN]
            ],
            "received_shown": RECEIVED_SHOWN,
        },
    )


def ledger_view(request):
    _require_staff(request)
    page = Paginator(screen_selectors.ledger_for_staff(user=request.user), 50).get_page(request.GET.get("p"))
    return render(request, "funding/admin/ledger.html", {"page": page})
