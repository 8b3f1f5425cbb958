"""Every API error is `{"error": {"code", "message", "fields", "reasons"}}` with a stable code.

``code`` says what kind of error it is (``invalid``, ``not_found``…); ``reasons`` lists the stable codes of the
refusals behind an ``invalid`` (a domain's error code such as ``status_step_not_allowed``, or a field
validator's such as ``required``), so a program can tell refusals apart without reading the Chinese message."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from matching.errors import error_codes
from search.backends.base import SearchUnavailable
from search.services import UnknownRef

logger = logging.getLogger(__name__)


class NotMatchable(exceptions.APIException):
    """The object exists but the matcher cannot use it now (a draft project, an unverified organisation)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "该对象当前不能匹配 / Not matchable"


class SearchDown(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "搜索服务暂时不可用，请稍后再试 / Search is temporarily unavailable"


CODES = {
    exceptions.ParseError: ("parse_error", "请求内容无法解析 / Malformed request body"),
    exceptions.AuthenticationFailed: ("authentication_failed", "身份验证失败 / Authentication failed"),
    exceptions.NotAuthenticated: ("not_authenticated", "需要提供接口令牌 / An API token is required"),
    exceptions.PermissionDenied: ("permission_denied", "没有执行此操作的权限 / Permission denied"),
    exceptions.NotFound: ("not_found", "未找到 / Not found"),
    exceptions.MethodNotAllowed: ("method_not_allowed", "不支持该请求方法 / Method not allowed"),
    exceptions.NotAcceptable: ("not_acceptable", "无法提供所请求的格式 / Not acceptable"),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", "不支持的内容类型 / Unsupported media type"),
    exceptions.Throttled: ("throttled", "请求过于频繁，请稍后再试 / Too many requests"),
    exceptions.ValidationError: ("invalid", "提交的数据有误 / Invalid input"),
    NotMatchable: ("not_matchable", NotMatchable.default_detail),
    SearchDown: ("search_unavailable", SearchDown.default_detail),
}


def _flatten(detail) -> str:
    if isinstance(detail, list):
        return "；".join(_flatten(d) for d in detail)
    if isinstance(detail, dict):
        return "；".join(_flatten(v) for v in detail.values())
    return str(detail)


def _fields(detail) -> dict:
    if isinstance(detail, dict):
        return {
            str(k): [str(x) for x in (v if isinstance(v, list) else [v])] if not isinstance(v, dict) else _fields(v)
            for k, v in detail.items()
        }
    return {}


def _detail_codes(codes) -> set[str]:
    """Every code of a DRF ValidationError's ``get_codes()`` (nested lists and dicts)."""
    if isinstance(codes, dict):
        return {c for v in codes.values() for c in _detail_codes(v)}
    if isinstance(codes, list):
        return {c for v in codes for c in _detail_codes(v)}
    return {str(codes)} if codes else set()


def error_body(code: str, message: str, fields: dict | None = None, reasons: set[str] | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}, "reasons": sorted(reasons or ())}}


def exception_handler(exc, context):
    reasons: set[str] = set()
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, DjangoValidationError):
        reasons = error_codes(exc)
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, UnknownRef):
        exc = NotMatchable(str(exc))
    elif isinstance(exc, SearchUnavailable):
        # The engine's own message can name paths and hosts; callers get the fixed one.
        logger.warning("API: search unavailable: %s", exc)
        exc = SearchDown()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code, message = next(((c, m) for cls, (c, m) in CODES.items() if isinstance(exc, cls)), ("error", str(exc)))
    fields = {}
    if isinstance(exc, exceptions.ValidationError):
        reasons = reasons or _detail_codes(exc.get_codes())
        fields = _fields(exc.detail) or {"non_field_errors": [_flatten(exc.detail)]}
        if "non_field_errors" in fields and len(fields) == 1:
            message = f"{message}：{fields['non_field_errors'][0]}"
    elif not isinstance(exc, exceptions.Throttled) and exc.detail and str(exc.detail) != str(exc.default_detail):
        message = _flatten(exc.detail)
    response.data = error_body(code, message, fields, reasons)
    return response


def json_404(request, exception=None):
    return Response(error_body("not_found", "未找到 / Not found"), status=status.HTTP_404_NOT_FOUND)
