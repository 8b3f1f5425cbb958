"""Deployment checks: `manage.py check --deploy` fails while any development default is in force.

Base settings default to what one machine needs (SQLite, a local-memory cache, the local Stripe test
server's keys, console e-mail, a published SECRET_KEY). Each is fine for `make run` and wrong in
production; each check below names the variable that fixes it (docs/deployment.md lists them all).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0", "testserver"}
WEAK_SECRET_PREFIXES = ("dev-only", "django-insecure", "change-me", "secret", "xxxx")
DEV_CACHES = ("LocMemCache", "DummyCache", "FileBasedCache")
DEV_MAIL = ("console.EmailBackend", "locmem.EmailBackend", "filebased.EmailBackend", "dummy.EmailBackend")


def _error(n: int, msg: str, hint: str) -> Error:
    return Error(msg, hint=hint, id=f"bangfu.E{n:03d}")


def _secret_weak(key: str) -> bool:
    return len(key) < 50 or len(set(key)) < 10 or key.lower().startswith(WEAK_SECRET_PREFIXES)


def _core_errors() -> list[Error]:
    errors = []
    if settings.DEBUG:
        errors.append(_error(1, "DEBUG is on.", "Use config.settings.production, which forces DEBUG off."))
    if _secret_weak(settings.SECRET_KEY):
        errors.append(
            _error(
                2,
                "SECRET_KEY is a development default or too weak.",
                "Set SECRET_KEY to 50+ random characters (e.g. `python -c 'import secrets; "
                "print(secrets.token_urlsafe(64))'`).",
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        errors.append(_error(3, "The database is SQLite.", "Set DATABASE_URL=postgres://…"))
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(DEV_CACHES):
        errors.append(
            _error(4, f"The cache is {backend.rsplit('.', 1)[-1]} (one process only).", "Set CACHE_URL=redis://…")
        )
    if settings.EMAIL_BACKEND.endswith(DEV_MAIL):
        errors.append(
            _error(
                5,
                f"E-mail is not sent ({settings.EMAIL_BACKEND}); sign-up could never be verified.",
                "Set EMAIL_URL=smtp+tls://user:password@host:587",
            )
        )
    if not getattr(settings, "CELERY_BROKER_URL", ""):
        errors.append(
            _error(6, "No task broker: tasks would run inside web requests.", "Set CELERY_BROKER_URL=redis://…")
        )
    return errors


def _site_errors() -> list[Error]:
    errors = []
    site = urlsplit(getattr(settings, "SITE_URL", ""))
    if site.scheme != "https" or (site.hostname or "") in LOCAL_HOSTS:
        errors.append(
            _error(
                10,
                f"SITE_URL is {settings.SITE_URL!r}; e-mailed links would not reach the site.",
                "Set SITE_URL=https://your.host",
            )
        )
    if any(host in LOCAL_HOSTS or host == "*" for host in settings.ALLOWED_HOSTS):
        errors.append(_error(11, "ALLOWED_HOSTS holds a local or wildcard host.", "Set ALLOWED_HOSTS=your.host"))
    if not getattr(settings, "AXES_ENABLED", True):
        errors.append(_error(12, "Login lockout (axes) is off.", "Remove AXES_ENABLED=false."))
    if not getattr(settings, "BANGFU_REQUIRE_SECOND_FACTOR", False):
        errors.append(
            _error(
                13,
                "The second factor is not required for staff who publish, vet or move money.",
                "config.settings.production forces BANGFU_REQUIRE_SECOND_FACTOR on; do not override it.",
            )
        )
    if getattr(settings, "MEDIA_SERVE_PUBLIC", False):
        errors.append(_error(14, "Uploaded media are served under a public URL.", "Remove MEDIA_SERVE_PUBLIC."))
    return errors


def _payment_errors() -> list[Error]:
    from matching.funding.stripe_keys import LOCAL_STRIPE_SECRET_KEY, LOCAL_WEBHOOK_SECRET

    errors = []
    key = getattr(settings, "STRIPE_SECRET_KEY", "")
    if not key or key == LOCAL_STRIPE_SECRET_KEY:
        errors.append(
            _error(
                20,
                "STRIPE_SECRET_KEY is missing or the local test server's default.",
                "Set STRIPE_SECRET_KEY to the account's secret key (sk_live_… or sk_test_…).",
            )
        )
    secret = getattr(settings, "STRIPE_WEBHOOK_SECRET", "")
    if not secret or secret == LOCAL_WEBHOOK_SECRET:
        errors.append(
            _error(
                21,
                "STRIPE_WEBHOOK_SECRET is missing or the published local default: anyone could sign payment events.",
                "Set STRIPE_WEBHOOK_SECRET to the endpoint's whsec_… secret.",
            )
        )
    if getattr(settings, "STRIPE_API_BASE", ""):
        errors.append(
            _error(
                22,
                f"STRIPE_API_BASE points payments at {settings.STRIPE_API_BASE} (a test server).",
                "Unset STRIPE_API_BASE.",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def production_defaults_check(app_configs, **kwargs) -> list[Error]:
    return _core_errors() + _site_errors() + _payment_errors()
