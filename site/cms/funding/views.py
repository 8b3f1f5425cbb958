"""Donation pages and the download of documents behind money: thin views over the services and selectors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from cms.funding.forms import DonationForm
from matching.form_errors import form_add_service_errors
from matching.funding.models import Donation
from matching.funding.screen_selectors import money_document_for_user
from matching.funding.selectors import need_funding, project_funding
from matching.funding.services.donations import donation_start
from matching.funding.services.receipts import donation_public_path
from matching.funding.stripe_keys import server_side_test_payments
from matching.models import NeedPage, Project
from matching.money import Money

PRESET_YUAN = (50, 100, 200, 500, 1000)


def _preset(request) -> int | None:
    """?amount=100 (a preset link, works without JavaScript) fills the amount in."""
    raw = request.GET.get("amount", "")
    return int(raw) if raw.isdigit() and int(raw) in PRESET_YUAN else None


def _donate(request, *, project=None, need=None):
    target = project or need
    preset = _preset(request)
    form = DonationForm(request.POST or None, initial={"amount": preset * 100} if preset else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            donation, start = donation_start(
                project=project,
                need=need,
                amount=data["amount"],
                currency=data["currency"],
                donor_name=data["donor_name"],
                is_anonymous=data["is_anonymous"],
                email=data["email"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            thanks = reverse("funding:thanks", args=[donation.ref])
            if server_side_test_payments():
                return redirect(thanks)
            return render(
                request,
                "funding/pay.html",
                {
                    "donation": donation,
                    "target": target,
                    "client_secret": start.client_secret,
                    "amount": Money(donation.amount, donation.currency),
                    "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
                    "return_url": request.build_absolute_uri(thanks),
                },
            )
    figures = project_funding(project=project) if project else need_funding(need=need)
    return render(
        request,
        "funding/donate.html",
        {
            "form": form,
            "target": target,
            "project": project,
            "need": need,
            "figures": figures,
            "presets": PRESET_YUAN,
            "preset": preset,
            "test_mode": server_side_test_payments(),
        },
        status=400 if request.method == "POST" else 200,
    )


def donate_to_project(request, ref):
    return _donate(request, project=get_object_or_404(Project, ref=ref, status=Project.Status.ACTIVE))


def donate_to_need(request, ref):
    return _donate(request, need=get_object_or_404(NeedPage.objects.live(), ref=ref))


def thanks(request, ref):
    donation = get_object_or_404(Donation.objects.select_related("project", "need"), ref=ref)
    return render(
        request,
        "funding/thanks.html",
        {
            "donation": donation,
            "amount": Money(donation.amount, donation.currency),
            "target": donation.target,
            "url": donation_public_path(donation),
        },
    )


@require_safe
def money_document(request, pk):
    """A grant's file, a pledge's agreement or a disbursement's receipt, for those who deal with that money
    (`permissions.money_document_visible`); 404 for everyone else. Always a download under a neutral name:
    an old document's stored name may be the sender's, and the browser never renders it in our origin."""
    document = money_document_for_user(user=request.user, pk=pk)
    try:
        handle = document.file.open("rb")
    except OSError:
        raise Http404("document file missing") from None
    extension = document.file_extension.lower()
    if not (extension.isascii() and extension.isalnum()):
        extension = "bin"
    response = FileResponse(
        handle,
        as_attachment=True,
        content_type=document.content_type,
        filename=f"money-document-{document.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    patch_cache_control(response, private=True, no_store=True)
    return response
