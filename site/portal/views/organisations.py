from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from matching.form_errors import form_add_service_errors
from matching.models import Membership
from matching.selectors.overlap import overlap_attach
from matching.services.membership import member_set_role
from portal.forms import InviteForm, OrganisationRegisterForm, RoleForm
from portal.selectors import (
    hours_pending_for_organisation,
    matches_to_deliver,
    matches_waiting,
    projects_for_organisation,
    signups_for_organisation,
)
from portal.services.invitations import invitation_accept, invitation_create
from portal.services.registration import OrganisationFields, organisation_register
from portal.views.helpers import organisation_view, portal_login_required


@portal_login_required
def organisation_register_view(request):
    form = OrganisationRegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = OrganisationFields(
            name=data["name"],
            uscc=data["uscc"],
            org_type=data["org_type"],
            registration_authority=data["registration_authority"],
            description=data["description"],
            service_regions=tuple(data["service_regions"]),
            categories=tuple(data["categories"]),
        )
        try:
            org = organisation_register(user=request.user, fields=fields, certificate=data["certificate"])
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("登记已提交，民政部门审核后会通过邮件和本平台通知您。"))
            return redirect("portal:org_dashboard", org_id=org.pk)
    return render(
        request, "portal/organisation_register.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@organisation_view()
def organisation_dashboard(request, organisation, membership):
    return render(
        request,
        "portal/organisation_dashboard.html",
        {
            "organisation": organisation,
            "membership": membership,
            "projects": projects_for_organisation(organisation=organisation),
            "matches": overlap_attach(
                matches_waiting(organisation=organisation),
                need_id=lambda m: m.need_id,
                organisation_id=lambda m: organisation.pk,
            ),
            "to_deliver": matches_to_deliver(organisation=organisation)[:100],
            "signups": signups_for_organisation(organisation=organisation)[:100],
            "hours": hours_pending_for_organisation(organisation=organisation)[:100],
        },
    )


@organisation_view()
def organisation_members(request, organisation, membership):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(
                user=request.user,
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=request.build_absolute_uri("/")[:-1],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, _("邀请已发送。"))
            return redirect("portal:org_members", org_id=organisation.pk)
    members = organisation.memberships.select_related("user").order_by("role", "user__username")
    return render(
        request,
        "portal/organisation_members.html",
        {
            "organisation": organisation,
            "membership": membership,
            "members": members,
            "form": form,
            "invitations": organisation.invitations.filter(accepted_at__isnull=True),
            "role_form": RoleForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


@organisation_view(admin=True)
def member_role(request, organisation, membership, member_id):
    member = get_object_or_404(Membership, pk=member_id, organisation=organisation)
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_set_role(user=request.user, organisation=organisation, member=member, role=form.cleaned_data["role"])
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, _("角色已更新。"))
    elif request.method == "POST":
        messages.error(request, _("请选择有效的角色。"))
    return redirect("portal:org_members", org_id=organisation.pk)


@portal_login_required
def invitation_accept_view(request, token):
    if request.method == "POST":
        membership = invitation_accept(user=request.user, token=token)
        messages.success(request, _("您已加入%(name)s。") % {"name": membership.organisation.name})
        return redirect("portal:org_dashboard", org_id=membership.organisation_id)
    return render(request, "portal/invitation_accept.html", {"token": token})
