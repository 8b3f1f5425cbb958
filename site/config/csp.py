"""Content-Security-Policy on every HTML page (django-csp), with a looser policy for the Wagtail admin.

Our own templates need no inline script or style: scripts are static files (static/js/), data for them
travels in data- attributes or `json_script` blocks (not executed), styles are classes. The public policy
therefore allows scripts and styles from our origin only (plus Stripe.js on the payment page, which
Stripe requires to load from its own host). Wagtail's admin still writes inline styles and a few inline
scripts, so /admin/ gets the same policy with 'unsafe-inline' for those two and nothing else: its
frame, form and object rules stay as strict. The API's documentation pages allow inline styles only.
"""

from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

STRIPE_JS = "https://js.stripe.com"


def _stripe_origins() -> list[str]:
    base = getattr(settings, "STRIPE_API_BASE", "")
    local = urlsplit(base)
    return [f"{local.scheme}://{local.netloc}"] if base and local.scheme in ("http", "https") else []


def public_directives() -> dict:
    stripe = _stripe_origins()
    return {
        "default-src": [SELF],
        "script-src": [SELF, STRIPE_JS, *stripe],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF, "https://api.stripe.com", *stripe],
        "frame-src": [STRIPE_JS, "https://hooks.stripe.com", *stripe],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }


def admin_directives() -> dict:
    directives = public_directives()
    directives["script-src"] = [SELF, UNSAFE_INLINE]
    directives["style-src"] = [SELF, UNSAFE_INLINE]
    directives["img-src"] = [SELF, "data:", "blob:"]
    directives["frame-src"] = [SELF]  # the page editor's live preview
    directives["frame-ancestors"] = [SELF]
    return directives


def api_docs_directives() -> dict:
    """Swagger UI and Redoc (served from our static files by drf-spectacular-sidecar) run no inline script,
    but Redoc writes its styles into <style> elements at run time and works in a blob: worker."""
    directives = public_directives()
    directives["style-src"] = [SELF, UNSAFE_INLINE]
    directives["worker-src"] = [SELF, "blob:"]
    directives["img-src"] = [SELF, "data:"]
    return directives


def directives_for(path: str) -> dict:
    if path.startswith(getattr(settings, "ADMIN_CSP_PATH_PREFIX", "/admin/")):
        return admin_directives()
    if path.startswith(tuple(getattr(settings, "API_DOCS_CSP_PATH_PREFIXES", ()))):
        return api_docs_directives()
    return public_directives()


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the policy by path (`directives_for`)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None:
            parts.config = directives_for(request.path_info)
        return parts
