"""Donation pages: thin views over the donation services."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from matching.funding.conf import server_side_test_payments
from matching.funding.forms import DonationForm
from matching.funding.models import Donation
from matching.funding.services.donations import donation_start
from matching.funding.services.receipts import donation_public_url
from matching.money import Money
from matching.models import NeedPage, Project


def _donate(request, *, project=None, need=None):
    target = project or need
    form = DonationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            donation, start = donation_start(
                project=project, need=need, amount=data["amount"], currency=data["currency"],
                donor_name=data["donor_name"], is_anonymous=data["is_anonymous"], email=data["email"],
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
                form.add_error(field if field in form.fields else None, messages)
        else:
            thanks = reverse("funding:thanks", args=[donation.ref])
            if server_side_test_payments():
                return redirect(thanks)
            return render(request, "funding/pay.html", {
                "donation": donation, "target": target, "client_secret": start.client_secret,
                "amount": Money(donation.amount, donation.currency),
                "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
                "return_url": request.build_absolute_uri(thanks),
            })
    return render(request, "funding/donate.html", {
        "form": form, "target": target, "project": project, "need": need,
        "test_mode": server_side_test_payments(),
    }, status=400 if request.method == "POST" else 200)


def donate_to_project(request, ref):
    return _donate(request, project=get_object_or_404(Project, ref=ref, status=Project.Status.ACTIVE))


def donate_to_need(request, ref):
    return _donate(request, need=get_object_or_404(NeedPage.objects.live(), ref=ref))


def thanks(request, ref):
    donation = get_object_or_404(Donation.objects.select_related("project", "need"), ref=ref)
    return render(request, "funding/thanks.html", {
        "donation": donation, "amount": Money(donation.amount, donation.currency),
        "target": donation.target, "url": donation_public_url(donation),
    })
