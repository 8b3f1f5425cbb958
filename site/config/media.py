"""Uploaded files under MEDIA_URL: only public images, and only on one machine (DEBUG).

Wagtail keeps documents (grant files, receipts, agreements, evidence) under ``documents/`` and
organisations' registration certificates sit under ``certificates/``: none of them is ever served by
path. Documents go through Wagtail's /documents/ view (collection restrictions) or the money view
(/funding/documents/<id>/, `money_document_visible`). Image renditions and originals are public.
In production the web server serves the same two folders and nothing else (docs/deployment.md).
"""

from django.conf import settings
from django.http import Http404
from django.views.static import serve

PUBLIC_MEDIA_FOLDERS = ("images/", "original_images/")


def public_media(request, path: str):
    if not settings.DEBUG or not path.startswith(PUBLIC_MEDIA_FOLDERS) or ".." in path.split("/"):
        raise Http404("not a public file")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
