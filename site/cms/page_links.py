"""Links to pages from the ``url_path`` a list already loaded: what ``page.url`` gives, without its per-row
site lookup (a cache round trip per page) and ``reverse``."""

from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from wagtail.models import Site


def page_linker(request=None) -> Callable[[str], str | None]:
    """A function from a page's ``url_path`` to the URL ``page.get_url(request)`` gives (None: not routable).
    The site roots and the serving prefix are read once, so a list of rows costs one lookup, not one a row."""
    roots = Site.get_site_root_paths()
    several_sites = len({root.site_id for root in roots}) > 1
    current = Site.find_for_request(request) if request is not None and several_sites else None
    serve_prefix = reverse("wagtail_serve", args=("",))
    strip_slash = not getattr(settings, "WAGTAIL_APPEND_SLASH", True)

    def link(url_path: str) -> str | None:
        # get_site_root_paths puts the default site first, as Page.get_url_parts relies on.
        matches = [root for root in roots if url_path.startswith(root.root_path)]
        if not matches:
            return None
        chosen = next((root for root in matches if current is not None and root.site_id == current.pk), matches[0])
        path = serve_prefix + url_path[len(chosen.root_path) :]
        if strip_slash and path != "/":
            path = path.rstrip("/")
        if not several_sites or (current is not None and chosen.site_id == current.pk):
            return path
        return chosen.root_url + path

    return link
