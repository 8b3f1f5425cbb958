"""Building and sending notification emails. Pure formatting first; sending is one call."""

from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail

SUBJECT_PREFIX = "[帮扶] "


def absolute_url(url: str) -> str:
    """A link for an e-mail sent outside a request: on SITE_URL (one configured address), never a guess."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return urljoin(settings.SITE_URL.rstrip("/") + "/", url.lstrip("/"))


def format_one(*, title: str, body: str, url: str) -> tuple[str, str]:
    lines = [title, ""]
    if body:
        lines += [body, ""]
    if url:
        lines += [f"查看详情 / Details: {absolute_url(url)}", ""]
    lines += ["您可以在“我的通知”中修改提醒方式。 / Change how you are notified in your inbox settings."]
    return SUBJECT_PREFIX + title, "\n".join(lines)


def format_digest(*, items: list[tuple[str, str, str]]) -> tuple[str, str]:
    """items: (title, body, url). One email that lists them all."""
    subject = f"{SUBJECT_PREFIX}今日通知汇总（{len(items)} 条） / Daily digest"
    lines = [f"您有 {len(items)} 条新通知：", ""]
    for i, (title, body, url) in enumerate(items, 1):
        lines.append(f"{i}. {title}")
        if body:
            lines.append(f"   {body}")
        if url:
            lines.append(f"   {absolute_url(url)}")
    lines += ["", "您可以在“我的通知”中修改提醒方式。 / Change how you are notified in your inbox settings."]
    return subject, "\n".join(lines)


def deliver(*, to: str, subject: str, text: str) -> None:
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
