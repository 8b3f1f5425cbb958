import threading
import time

import pytest
from django.core import mail
from django.db import close_old_connections, connection
from django.test import Client

from matching.errors import error_codes
from matching.funding.error_codes import FundingErrorCode
from matching.funding.models import Donation, LedgerEntry, LedgerTransaction, PaymentEvent
from matching.funding.selectors import project_funding
from tests.stripe_server import stripe_event, stripe_signature

pytestmark = [pytest.mark.django_db, pytest.mark.stripe]


def _succeeded(post_event, donation, event_id="evt_paid_1"):
    return post_event(
        event_id, "payment_intent.succeeded", {"id": donation.provider_payment_id, "object": "payment_intent"}
    )


def test_verified_payment_event_moves_the_ledger_and_sends_a_receipt(paid_donation, post_event, project):
    response = _succeeded(post_event, paid_donation)

    assert response.status_code == 200
    paid_donation.refresh_from_db()
    assert paid_donation.status == "succeeded"
    assert project_funding(project=project).raised.fen == 10_000
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0].body
    assert "¥100.00" in receipt and project.title in receipt and f"/projects/{project.ref}/" in receipt


def test_bad_signature_is_refused_and_nothing_written(paid_donation, post_event):
    response = post_event(
        "evt_forged", "payment_intent.succeeded", {"id": paid_donation.provider_payment_id}, secret="whsec_attacker"
    )
    assert response.status_code == 400
    assert not PaymentEvent.objects.exists() and not LedgerTransaction.objects.exists()


def test_stale_timestamp_is_refused_as_a_replay(paid_donation, post_event):
    response = post_event(
        "evt_old",
        "payment_intent.succeeded",
        {"id": paid_donation.provider_payment_id},
        timestamp=int(time.time()) - 3600,
    )
    assert response.status_code == 400
    assert not PaymentEvent.objects.exists() and not LedgerTransaction.objects.exists()


def test_tampered_body_with_an_old_valid_signature_is_refused(paid_donation, client, settings):
    body = stripe_event("evt_t", "payment_intent.succeeded", {"id": paid_donation.provider_payment_id})
    header = stripe_signature(body, settings.STRIPE_WEBHOOK_SECRET)
    response = client.post(
        "/funding/webhooks/stripe/",
        data=body.replace(b"evt_t", b"evt_u"),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
    assert response.status_code == 400
    assert not PaymentEvent.objects.exists()


def test_missing_signature_header_is_refused(client, stripe_local):
    response = client.post("/funding/webhooks/stripe/", data=b"{}", content_type="application/json")
    assert response.status_code == 400


def test_same_event_100_times_moves_the_ledger_once(paid_donation, post_event, project, capsys):
    started = time.perf_counter()
    timings = []
    for _ in range(100):
        t0 = time.perf_counter()
        assert _succeeded(post_event, paid_donation).status_code == 200
        timings.append(time.perf_counter() - t0)
    total = time.perf_counter() - started

    assert LedgerTransaction.objects.filter(kind="donation").count() == 1
    assert PaymentEvent.objects.get().deliveries == 100
    assert project_funding(project=project).raised.fen == 10_000
    assert len(mail.outbox) == 1
    with capsys.disabled():
        print(
            f"\n[figure] webhook: first delivery {timings[0] * 1000:.1f} ms, "
            f"duplicates median {sorted(timings[1:])[49] * 1000:.1f} ms, 100 deliveries {total:.2f} s"
        )


def test_different_events_for_the_same_payment_still_move_it_once(paid_donation, post_event):
    _succeeded(post_event, paid_donation, "evt_a")
    _succeeded(post_event, paid_donation, "evt_b")
    assert PaymentEvent.objects.count() == 2
    assert LedgerTransaction.objects.filter(kind="donation").count() == 1


def test_unknown_payment_is_stored_but_moves_nothing(stripe_local, post_event):
    response = post_event("evt_x", "payment_intent.succeeded", {"id": "pi_doesnotexist"})
    assert PaymentEvent.objects.get(event_id="evt_x").outcome.startswith("refused")
    assert response.status_code == 200
    assert not LedgerTransaction.objects.exists()


def _refund_event(post_event, donation, event_id):
    return post_event(
        event_id, "charge.refunded", {"id": "ch_x", "object": "charge", "payment_intent": donation.provider_payment_id}
    )


def test_partial_then_full_refund_become_reversals(paid_donation, post_event, project, org_admin):
    from matching.funding.services.donations import donation_refund

    _succeeded(post_event, paid_donation)
    donation_refund(donation=paid_donation, amount=3_000, user=org_admin)
    _refund_event(post_event, paid_donation, "evt_r1")
    paid_donation.refresh_from_db()
    assert paid_donation.status == "partially_refunded"
    assert project_funding(project=project).raised.fen == 7_000

    donation_refund(donation=paid_donation, amount=7_000, user=org_admin)
    _refund_event(post_event, paid_donation, "evt_r2")
    _refund_event(post_event, paid_donation, "evt_r2")  # duplicate

    paid_donation.refresh_from_db()
    assert paid_donation.status == "refunded"
    refunds = LedgerTransaction.objects.filter(kind="refund")
    assert refunds.count() == 2 and all(r.reverses.kind == "donation" for r in refunds)
    assert project_funding(project=project).raised.fen == 0


def test_refund_over_the_payment_is_refused_and_nothing_written(paid_donation, post_event, org_admin):
    from django.core.exceptions import ValidationError

    from matching.funding.services.donations import donation_refund

    _succeeded(post_event, paid_donation)
    before = LedgerEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        donation_refund(donation=paid_donation, amount=10_001, user=org_admin)
    assert error_codes(refused.value) == {FundingErrorCode.REFUND_EXCEEDS_PAYMENT}
    assert LedgerEntry.objects.count() == before


def test_refund_event_arriving_before_the_payment_event_records_both(paid_donation, post_event, stripe_local, project):
    from matching.funding.providers import get_provider

    get_provider().refund(payment_id=paid_donation.provider_payment_id, amount=2_500, idempotency_key="early")
    _refund_event(post_event, paid_donation, "evt_refund_first")
    _succeeded(post_event, paid_donation, "evt_paid_late")

    assert LedgerTransaction.objects.filter(kind="donation").count() == 1
    assert LedgerTransaction.objects.filter(kind="refund").count() == 1
    assert project_funding(project=project).raised.fen == 7_500


def test_refund_of_money_already_spent_is_owed_back_not_negative(
    paid_donation, post_event, project, need, org_admin, document
):
    from matching.funding.models import Account
    from matching.funding.providers import get_provider
    from matching.funding.services.disbursements import disbursement_create
    from matching.funding.services.ledger import account_balance

    _succeeded(post_event, paid_donation)
    disbursement_create(project=project, need=need, amount=8_000, purpose="购置被褥", receipt=document, user=org_admin)
    get_provider().refund(payment_id=paid_donation.provider_payment_id, amount=5_000, idempotency_key="spent")
    _refund_event(post_event, paid_donation, "evt_r_spent")

    project_account = Account.objects.get(kind="project", project=project)
    recovery = Account.objects.get(kind="recovery")
    assert account_balance(account=project_account) == 0
    assert account_balance(account=recovery) == -3_000


def _dispute(post_event, dispute_id, donation, event_id, type_, status, amount=10_000):
    return post_event(
        event_id,
        type_,
        {
            "id": dispute_id,
            "object": "dispute",
            "amount": amount,
            "currency": "cny",
            "payment_intent": donation.provider_payment_id,
            "status": status,
        },
    )


def test_dispute_takes_the_money_back_and_a_won_dispute_restores_it(paid_donation, post_event, project, stripe_local):
    dp = stripe_local.create_dispute(payment_intent=paid_donation.provider_payment_id, amount=10_000)
    _succeeded(post_event, paid_donation)
    _dispute(post_event, dp, paid_donation, "evt_d1", "charge.dispute.created", "needs_response")
    assert project_funding(project=project).raised.fen == 0
    paid_donation.refresh_from_db()
    assert paid_donation.status == "disputed"

    stripe_local.update_dispute(dp, status="won")
    _dispute(post_event, dp, paid_donation, "evt_d2", "charge.dispute.closed", "won")
    _dispute(post_event, dp, paid_donation, "evt_d2", "charge.dispute.closed", "won")

    assert project_funding(project=project).raised.fen == 10_000
    won = LedgerTransaction.objects.get(kind="dispute_won")
    assert won.reverses.kind == "dispute" and won.origin_kind == "donation"


def test_dispute_closed_before_created_is_handled_in_any_order(paid_donation, post_event, project, stripe_local):
    dp = stripe_local.create_dispute(payment_intent=paid_donation.provider_payment_id, amount=10_000, status="lost")
    _dispute(post_event, dp, paid_donation, "evt_c", "charge.dispute.closed", "lost")
    _dispute(post_event, dp, paid_donation, "evt_o", "charge.dispute.created", "needs_response")
    _succeeded(post_event, paid_donation)

    assert LedgerTransaction.objects.filter(kind="dispute").count() == 1
    assert project_funding(project=project).raised.fen == 0


def test_dispute_over_the_payment_is_refused(paid_donation, post_event, stripe_local):
    dp = stripe_local.create_dispute(payment_intent=paid_donation.provider_payment_id, amount=10_001)
    _dispute(post_event, dp, paid_donation, "evt_big", "charge.dispute.created", "needs_response", amount=10_001)
    event = PaymentEvent.objects.get(event_id="evt_big")
    assert event.outcome.startswith("refused") and "超过可退金额" in event.outcome
    assert not LedgerTransaction.objects.filter(kind="dispute").exists()


def test_a_signed_dispute_event_the_provider_does_not_hold_changes_nothing(paid_donation, post_event, project):
    """Issue 11, item 7: a forged charge.dispute.created (valid signature) was booked as -¥300."""
    _succeeded(post_event, paid_donation)

    response = _dispute(
        post_event,
        "dp_forged0000001",
        paid_donation,
        "evt_forged_d",
        "charge.dispute.created",
        "needs_response",
        amount=10_000,
    )

    assert response.status_code == 200  # stored, so the provider stops retrying; refused when processed
    assert PaymentEvent.objects.get(event_id="evt_forged_d").outcome.startswith("refused")
    assert not LedgerTransaction.objects.filter(kind="dispute").exists()
    assert project_funding(project=project).raised.fen == 10_000
    paid_donation.refresh_from_db()
    assert paid_donation.status == "succeeded"


def test_a_dispute_event_takes_the_providers_amount_not_the_events(paid_donation, post_event, project, stripe_local):
    dp = stripe_local.create_dispute(payment_intent=paid_donation.provider_payment_id, amount=2_500)
    _succeeded(post_event, paid_donation)

    _dispute(post_event, dp, paid_donation, "evt_inflated", "charge.dispute.created", "needs_response", amount=10_000)

    assert project_funding(project=project).raised.fen == 7_500


def test_a_forged_refund_event_records_only_the_providers_refunds(paid_donation, post_event, project):
    _succeeded(post_event, paid_donation)

    post_event(
        "evt_forged_r",
        "charge.refunded",
        {
            "id": "ch_forged",
            "object": "charge",
            "amount_refunded": 10_000,
            "payment_intent": paid_donation.provider_payment_id,
        },
    )

    assert not LedgerTransaction.objects.filter(kind="refund").exists()
    assert project_funding(project=project).raised.fen == 10_000


def test_webhooks_are_refused_while_no_secret_is_configured(paid_donation, client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    body = stripe_event("evt_nosecret", "payment_intent.succeeded", {"id": paid_donation.provider_payment_id})

    response = client.post(
        "/funding/webhooks/stripe/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signature(body, ""),
    )

    assert response.status_code == 503
    assert "STRIPE_WEBHOOK_SECRET" in response.content.decode()
    assert not PaymentEvent.objects.exists()


def test_the_local_default_secret_is_refused_outside_a_local_test_server(paid_donation, client, settings):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_bangfu_local"
    settings.STRIPE_API_BASE = ""
    body = stripe_event("evt_default", "payment_intent.succeeded", {"id": paid_donation.provider_payment_id})

    response = client.post(
        "/funding/webhooks/stripe/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signature(body, "whsec_bangfu_local"),
    )

    assert response.status_code == 503
    assert not PaymentEvent.objects.exists()


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs PostgreSQL for concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_same_event_10_times_at_once_moves_the_ledger_once(paid_donation, project, settings):
    body = stripe_event("evt_concurrent", "payment_intent.succeeded", {"id": paid_donation.provider_payment_id})
    barrier = threading.Barrier(10)
    codes = []

    def deliver():
        try:
            barrier.wait()
            response = Client().post(
                "/funding/webhooks/stripe/",
                data=body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=stripe_signature(body, settings.STRIPE_WEBHOOK_SECRET),
            )
            codes.append(response.status_code)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert codes == [200] * 10
    assert LedgerTransaction.objects.filter(kind="donation").count() == 1
    assert PaymentEvent.objects.get().deliveries == 10
    assert project_funding(project=project).raised.fen == 10_000
    assert Donation.objects.get(pk=paid_donation.pk).status == "succeeded"


def test_the_receipt_links_to_the_configured_site_not_localhost(stripe_local, need, post_event, settings):
    """Issue 10, item 8: e-mail links pointed at localhost while the site was served elsewhere."""
    from matching.funding.services.donations import donation_start

    settings.SITE_URL = "http://127.0.0.1:8102"
    donation, _ = donation_start(need=need, amount=5_000, donor_name="韩梅梅", email="hmm@example.org")
    _succeeded(post_event, donation, event_id="evt_need_paid")

    receipt = mail.outbox[-1].body
    assert f"http://127.0.0.1:8102{need.get_url_parts()[2]}" in receipt
    assert "localhost" not in receipt
