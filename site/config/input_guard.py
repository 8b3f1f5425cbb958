"""Hostile values in requests end in a clear 400 or 404, never a 500.

Refuse a NUL byte anywhere a stranger can put one: the path, the query string, form fields and
uploaded file names, JSON bodies. No text in the project may hold one, PostgreSQL refuses it in a string (the
query fails with a 500), and it hides text from filters and logs; so the request stops here with a
400 that says why, before any view, form or query sees it."""

import os
import traceback

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest, JsonResponse

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
MESSAGE = "请求中含有空字符（NUL），已拒绝 / The request contains a NUL character and was refused."


def _has_nul(*texts) -> bool:
    return any("\x00" in text for text in texts)


def _query_has_nul(query) -> bool:
    return any(_has_nul(key, *values) for key, values in query.lists())


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._refused(request):
            if request.path.startswith("/api/"):  # the API's one error shape (api/errors.py)
                return JsonResponse(
                    {"error": {"code": "nul_character", "message": MESSAGE, "fields": {}, "reasons": []}}, status=400
                )
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _refused(request) -> bool:
        if _has_nul(request.path, request.path_info) or _query_has_nul(request.GET):
            return True
        if request.method not in ("POST", "PUT", "PATCH"):
            return False
        if request.content_type in FORM_TYPES:
            if _query_has_nul(request.POST):
                return True
            return any(_has_nul(upload.name or "") for _field, uploads in request.FILES.lists() for upload in uploads)
        if request.content_type == "application/json":  # the API; PostgreSQL's jsonb refuses \u0000 as well
            return b"\x00" in request.body or b"\\u0000" in request.body
        return False


class LookupValueNotFoundMiddleware:
    """A path or query value that cannot be an id of the model it names (``abc`` or ``我`` for an integer
    key, a number past the column's range) means "no such object": 404, not a 500. Only errors raised
    while a model field converts a lookup value are turned into 404s; every other error stays an error.
    Third-party views (Wagtail's choosers take ``<str:pk>``) reach the ORM with such values."""

    CONVERTERS = ("get_prep_value", "to_python", "get_db_prep_value")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (ValueError, ValidationError, OverflowError)) and self._from_a_lookup(exception):
            raise Http404("不存在 / not found")

    @classmethod
    def _from_a_lookup(cls, exception) -> bool:
        frames = traceback.extract_tb(exception.__traceback__)
        in_lookup = any(f.name == "build_lookup" or f.name == "get_prep_lookup" for f in frames)
        converting = any(f.name in cls.CONVERTERS and f"django{os.sep}db{os.sep}models" in f.filename for f in frames)
        return in_lookup and converting
