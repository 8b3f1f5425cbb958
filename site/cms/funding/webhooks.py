"""The provider's webhook: verify, store once, process after commit. Thin by design.

The 200 means "stored": processing faults are retried and swept (matching/funding/tasks.py)."""

import logging

from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from matching.funding.providers import WebhookInvalid, get_provider
from matching.funding.services.events import payment_event_store
from matching.funding.stripe_keys import webhook_secret
from matching.funding.tasks import payment_event_dispatch

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not webhook_secret():
        logger.error("webhook refused: STRIPE_WEBHOOK_SECRET is not configured")
        return HttpResponse(
            "Webhook 未配置密钥（STRIPE_WEBHOOK_SECRET），不接收事件 / "
            "webhooks are refused until STRIPE_WEBHOOK_SECRET is configured",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    provider = get_provider()
    try:
        event = provider.verify_webhook(payload=request.body, signature=request.headers.get("Stripe-Signature", ""))
    except WebhookInvalid as exc:
        logger.warning("webhook refused: %s", exc)
        return HttpResponseBadRequest("签名无效或已过期 / invalid signature", content_type="text/plain; charset=utf-8")
    with transaction.atomic():
        stored, created = payment_event_store(provider=provider.name, event=event)
        if stored.processed_at is None:
            transaction.on_commit(lambda: payment_event_dispatch(stored.pk))
    return HttpResponse("ok" if created else "duplicate", content_type="text/plain")
