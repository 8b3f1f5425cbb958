"""Money in the organisation portal: a project's money, own funds, pledges, disbursements and their approval,
and the paperwork owed for emergency advances.

Thin views over matching.funding services; every project is looked up among the caller's organisations
(another organisation's project id is a 404), and every refusal is shown as the service's message.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from matching.form_errors import form_add_service_errors
from matching.funding import screen_selectors
from matching.funding.models import Disbursement, FundSource, Pledge
from matching.funding.money_forms import (
    DisbursementForm,
    DocumentForm,
    OwnFundsForm,
    PaperworkForm,
    PledgeForm,
)
from matching.funding.selectors import (
    advance_paperwork,
    advances_for_organisation,
    project_funding,
)
from matching.funding.services.disbursements import (
    advance_paperwork_check,
    advance_paperwork_submit,
    disbursement_approve,
    disbursement_reject,
)
from matching.funding.services.documents import document_attach_and
from matching.funding.services.grants import (
    grant_record,
    pledge_commit,
    pledge_create,
    pledge_fulfil,
)
from matching.funding.services.match_disbursements import disbursement_create_matched
from matching.money import Money
from matching.permissions import is_org_admin, leads_project
from matching.selectors.catalogue import project_has_ledger_page
from matching.selectors.overlap import overlap_attach
from matching.uploads import upload_from
from portal.views.helpers import organisation_view, portal_login_required


def _flash(request, exc) -> None:
    for m in getattr(exc, "messages", None) or [str(exc) or _("您没有该操作的权限")]:
        messages.error(request, m)


def _form_page(request, project, form, *, title, submit, intro=""):
    return render(
        request,
        "portal/money/form.html",
        {
            "project": project,
            "form": form,
            "title": title,
            "submit": submit,
            "intro": intro,
        },
        status=400 if request.method == "POST" else 200,
    )


@portal_login_required
def project_money(request, pk):
    project = screen_selectors.project_for_member(user=request.user, pk=pk)
    disbursements = list(screen_selectors.project_disbursements(project=project))
    overlap_attach(
        [d for d in disbursements if d.status == Disbursement.Status.PENDING_APPROVAL],
        need_id=lambda d: d.need_id,
        organisation_id=lambda d: project.organisation_id,
    )
    return render(
        request,
        "portal/money/project.html",
        {
            "project": project,
            "ledger_page": project_has_ledger_page(project),
            "figures": project_funding(project=project),
            "is_admin": is_org_admin(request.user, project.organisation),
            "leads": leads_project(request.user, project),
            "lines": screen_selectors.project_ledger(project=project),
            "disbursements": disbursements,
            "pledges": screen_selectors.project_pledges(project=project),
            "document_form": DocumentForm(),
            "threshold": Money(settings.FUNDING_DISBURSEMENT_APPROVAL_THRESHOLD),
        },
    )


@portal_login_required
def own_funds_new(request, pk):
    project = screen_selectors.project_for_member(user=request.user, pk=pk)
    form = OwnFundsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            document_attach_and(
                upload=upload_from(request.FILES, "document"),
                title=f"自有资金凭证：{project.title}",
                user=request.user,
                operation=lambda doc: grant_record(
                    project=project,
                    source=FundSource.OWN_FUNDS,
                    amount=d["amount"],
                    source_detail=d["source_detail"],
                    document=doc,
                    user=request.user,
                ),
            )
        except (ValidationError, PermissionDenied) as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("已录入自有资金 %(amount)s") % {"amount": Money(d["amount"])})
            return redirect("portal:project_money", pk=project.pk)
    return _form_page(request, project, form, title=_("录入自有资金"), submit=_("录入"))


@portal_login_required
def pledge_new(request, pk):
    project = screen_selectors.project_for_member(user=request.user, pk=pk)
    form = PledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            pledge_create(
                project=project, pledger=d["pledger"], source=d["source"], amount=d["amount"], user=request.user
            )
        except (ValidationError, PermissionDenied) as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("已登记认捐：%(pledger)s %(amount)s") % {"pledger": d["pledger"], "amount": Money(d["amount"])},
            )
            return redirect("portal:project_money", pk=project.pk)
    return _form_page(
        request,
        project,
        form,
        title=_("登记认捐"),
        submit=_("登记"),
        intro=_("认捐在上传承诺协议后成为承诺，资金到账并上传凭证后才计入项目账户。"),
    )


def _pledge_step(request, pk, pledge_id, service, done: str):
    project = screen_selectors.project_for_member(user=request.user, pk=pk)
    pledge = get_object_or_404(Pledge, pk=pledge_id, project=project)
    try:
        document_attach_and(
            upload=upload_from(request.FILES, "document"),
            title=f"认捐材料：{pledge.pledger}",
            user=request.user,
            operation=lambda doc: service(pledge=pledge, document=doc, user=request.user),
        )
    except (ValidationError, PermissionDenied) as exc:
        _flash(request, exc)
    else:
        messages.success(request, done)
    return redirect("portal:project_money", pk=project.pk)


@require_POST
@portal_login_required
def pledge_commit_view(request, pk, pledge_id):
    return _pledge_step(request, pk, pledge_id, pledge_commit, _("认捐已转为承诺"))


@require_POST
@portal_login_required
def pledge_fulfil_view(request, pk, pledge_id):
    return _pledge_step(request, pk, pledge_id, pledge_fulfil, _("认捐资金已到账，计入项目"))


@portal_login_required
def disbursement_new(request, pk):
    project = screen_selectors.project_for_member(user=request.user, pk=pk)
    form = DisbursementForm(
        request.POST or None, request.FILES or None, needs=screen_selectors.needs_matched_with(project=project)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            created = document_attach_and(
                upload=upload_from(request.FILES, "receipt"),
                field="receipt",
                title=f"拨付收据：{d['need'].title}",
                user=request.user,
                operation=lambda doc: disbursement_create_matched(
                    project=project,
                    need=d["need"],
                    amount=d["amount"],
                    purpose=d["purpose"],
                    receipt=doc,
                    user=request.user,
                ),
            )
        except (ValidationError, PermissionDenied) as exc:
            form_add_service_errors(form, exc)
        else:
            reason = getattr(created, "approval_reason", "")
            messages.success(
                request,
                _("已发起拨付 %(amount)s，状态：%(status)s")
                % {"amount": Money(created.amount), "status": created.get_status_display()}
                + (f"（{reason}）" if reason else ""),
            )
            return redirect("portal:project_money", pk=project.pk)
    threshold = Money(settings.FUNDING_DISBURSEMENT_APPROVAL_THRESHOLD)
    return _form_page(
        request,
        project,
        form,
        title=_("拨付给需求"),
        submit=_("发起拨付"),
        intro=_(
            "只能拨付给本项目已接受匹配的需求；超过 %(threshold)s 需另一位管理员审批；"
            "资金到位后由需求所在地民政部门确认。"
        )
        % {"threshold": threshold},
    )


def _disbursement(request, pk, d_id) -> Disbursement:
    project = screen_selectors.project_for_member(user=request.user, pk=pk)
    return get_object_or_404(Disbursement.objects.select_related("project", "need"), pk=d_id, project=project)


@require_POST
@portal_login_required
def disbursement_approve_view(request, pk, d_id):
    d = _disbursement(request, pk, d_id)
    try:
        disbursement_approve(disbursement=d, user=request.user)
    except (ValidationError, PermissionDenied) as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("已审批拨付 #%(number)s，等待需求所在地民政部门确认") % {"number": d.pk})
    return redirect("portal:project_money", pk=d.project_id)


@require_POST
@portal_login_required
def disbursement_reject_view(request, pk, d_id):
    d = _disbursement(request, pk, d_id)
    try:
        disbursement_reject(disbursement=d, user=request.user, reason=request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied) as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("已驳回拨付 #%(number)s，预留资金已退回项目") % {"number": d.pk})
    return redirect("portal:project_money", pk=d.project_id)


@organisation_view()
def advances(request, organisation, membership):
    """急难先行救助: every advance paid from the organisation's projects, with its paperwork's due date and state."""
    return render(
        request,
        "portal/money/advances.html",
        {
            "organisation": organisation,
            "rows": advances_for_organisation(organisation=organisation),
            "is_admin": membership.role == membership.Role.ADMIN,
            "paperwork_days": settings.FUNDING_EMERGENCY_PAPERWORK_DAYS,
        },
    )


@organisation_view(admin=True)
def advance_paperwork_view(request, organisation, membership, d_id):
    """Hand in an advance's paperwork: admins only (members get 403, other organisations 404)."""
    advance = screen_selectors.advance_of_organisation(organisation=organisation, pk=d_id)
    posted = request.method == "POST"  # an empty POST is still a submission, and gets its error
    form = PaperworkForm(request.POST if posted else None, request.FILES if posted else None)
    try:
        advance_paperwork_check(disbursement=advance, user=request.user)
        refusal = None
    except ValidationError as exc:  # already received: say so, before anyone uploads anything
        refusal = exc
    if posted:
        if refusal is not None:
            form_add_service_errors(form, refusal)
        elif form.is_valid():
            try:
                document_attach_and(
                    upload=upload_from(request.FILES, "document"),
                    title=f"先行救助材料 #{advance.pk}：{advance.need.title}",
                    user=request.user,
                    operation=lambda doc: advance_paperwork_submit(
                        disbursement=advance, document=doc, user=request.user
                    ),
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("已补交先行救助 #%(number)s 的材料") % {"number": advance.pk})
                return redirect("portal:advances", org_id=organisation.pk)
    return render(
        request,
        "portal/money/advance_paperwork.html",
        {
            "organisation": organisation,
            "advance": advance,
            "form": form,
            "row": advance_paperwork(advance, today=timezone.localdate()),
        },
        status=400 if posted else 200,
    )
