import time

import pytest
from django.core import mail

from matching.funding.models import Donation, LedgerTransaction
from matching.funding.selectors import project_funding

pytestmark = [pytest.mark.django_db, pytest.mark.stripe]


def _url(project):
    return f"/funding/donate/project/{project.ref}/"


def test_donation_page_renders_with_the_form(client, project, stripe_local):
    response = client.get(_url(project))
    assert response.status_code == 200
    assert "捐赠金额" in response.content.decode() and project.title in response.content.decode()


@pytest.mark.parametrize(
    "amount, message",
    [
        ("0", "大于零"),
        ("-5", "负数"),
        ("1.001", "两位小数"),
        ("999999999999999", "过大"),
        ("abc", "不是有效的数字"),
    ],
)
def test_bad_amounts_are_refused_with_a_message_and_nothing_written(client, project, stripe_local, amount, message):
    response = client.post(_url(project), {"amount": amount, "donor_name": "李雷", "currency": "CNY"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Donation.objects.exists()


def test_unknown_currency_is_refused(client, project, stripe_local):
    response = client.post(_url(project), {"amount": "10", "donor_name": "李雷", "currency": "USD"})
    assert response.status_code == 400 and "不支持的币种" in response.content.decode()
    assert not Donation.objects.exists()


def test_name_or_anonymous_is_required(client, project, stripe_local):
    response = client.post(_url(project), {"amount": "10", "currency": "CNY"})
    assert response.status_code == 400 and "匿名" in response.content.decode()
    assert not Donation.objects.exists()


def test_anonymous_donation_goes_to_the_thank_you_page_without_moving_the_ledger(client, project, stripe_local):
    response = client.post(_url(project), {"amount": "50.50", "is_anonymous": "on", "currency": "CNY"})

    donation = Donation.objects.get()
    assert response.status_code == 302 and response.url == f"/funding/thanks/{donation.ref}/"
    assert donation.amount == 5_050 and donation.public_donor == "匿名爱心人士"
    assert not LedgerTransaction.objects.exists()  # only a verified webhook moves money
    page = client.get(response.url).content.decode()
    assert "¥50.50" in page and f"/projects/{project.ref}/" in page


def test_donating_to_a_need(client, need, stripe_local):
    response = client.post(
        f"/funding/donate/need/{need.ref}/", {"amount": "20", "donor_name": "韩梅梅", "currency": "CNY"}
    )
    assert response.status_code == 302
    assert Donation.objects.get().need_id == need.pk


@pytest.mark.django_db(transaction=True)
def test_donor_pays_and_the_local_stripe_server_delivers_the_webhook(live_server, stripe_local, project, settings):
    """End to end: the page, the local Stripe server, its own webhook delivery to the running site."""
    from django.test import Client

    stripe_local.register_webhook(
        "bangfu", f"{live_server.url}/funding/webhooks/stripe/", settings.STRIPE_WEBHOOK_SECRET
    )
    try:
        response = Client().post(
            _url(project), {"amount": "88", "donor_name": "张三", "email": "zs@example.org", "currency": "CNY"}
        )
        assert response.status_code == 302
        # The webhook is handled on the live server's thread: the ledger line commits first and the receipt is
        # sent after it, so wait for both (on a busy machine the gap between them was seen to exceed a poll).
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not (
            LedgerTransaction.objects.filter(kind="donation").exists() and mail.outbox
        ):
            time.sleep(0.2)
    finally:
        stripe_local.register_webhook("bangfu", "http://127.0.0.1:9/", settings.STRIPE_WEBHOOK_SECRET)

    assert Donation.objects.get().status == "succeeded"
    assert project_funding(project=project).raised.fen == 8_800
    assert len(mail.outbox) == 1 and "¥88.00" in mail.outbox[0].body
