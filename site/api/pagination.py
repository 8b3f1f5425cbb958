from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from cms.pagination import CountedPaginator, Keyset


class Pagination(PageNumberPagination):
    """Page numbers; a page_size that is not a whole number from 1 to 100 is refused, not ignored.

    A view with a keyset (``keyset_after(queryset, cursor)`` and ``keyset_cursor(row)``) also takes
    ``?after=<cursor>``: the page after the row the cursor names, found by an index range scan however deep
    it is; its ``next`` link (and the ``next`` link of every numbered page) carries the cursor, so a client
    that follows ``next`` never pays for an offset. With ``keyset_fields`` (what ``keyset_cursor`` reads
    besides the pk), a typed deep ``?page=`` starts from the list's nearest kept boundary."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    cursor_query_param = "after"

    def paginate_queryset(self, queryset, request, view=None):
        # A view may count its list more cheaply than COUNT(*) over it (a kept count): ``list_count``.
        self._list_count = getattr(view, "list_count", None)
        self._keyset = view if hasattr(view, "keyset_after") else None
        self._next_cursor = None
        self.request = request
        cursor = request.query_params.get(self.cursor_query_param) if self._keyset else None
        if cursor is None:
            rows = super().paginate_queryset(queryset, request, view)
            self._cursor_mode = False
            if rows and self.page.has_next() and self._keyset:
                self._next_cursor = self._keyset.keyset_cursor(rows[-1])
            return rows
        if self.page_query_param in request.query_params:
            raise ValidationError({self.cursor_query_param: [_("after 与 page 不能同时使用")]})
        try:
            after = self._keyset.keyset_after(queryset, cursor)
        except ValueError:
            raise ValidationError({self.cursor_query_param: [_("after 不是本列表给出的位置")]}) from None
        size = self.get_page_size(request)
        rows = list(after[: size + 1])
        self._cursor_mode, self._queryset = True, queryset
        if len(rows) > size:
            rows = rows[:size]
            self._next_cursor = self._keyset.keyset_cursor(rows[-1])
        return rows

    def _cursor_link(self):
        if self._next_cursor is None:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, self._next_cursor)

    def get_next_link(self):
        return self._cursor_link() if self._keyset else super().get_next_link()

    def get_paginated_response(self, data):
        if not self._cursor_mode:
            return super().get_paginated_response(data)
        counter = self._list_count
        count = counter(self._queryset) if counter else self._queryset.count()
        return Response({"count": count, "next": self._cursor_link(), "previous": None, "results": data})

    def django_paginator_class(self, queryset, page_size):
        counter = getattr(self, "_list_count", None)
        view = getattr(self, "_keyset", None)
        # A typed deep page starts from the nearest kept boundary of the list (cms/deep_pages.py).
        keyset = (
            Keyset(after=view.keyset_after, before=None, cursor=view.keyset_cursor, fields=view.keyset_fields)
            if hasattr(view, "keyset_fields")
            else None
        )
        count = (lambda: counter(queryset)) if counter else None
        return CountedPaginator(queryset, page_size, count=count, keyset=keyset)

    def get_page_size(self, request):
        raw = request.query_params.getlist(self.page_size_query_param)
        if not raw:
            return self.page_size
        value = raw[-1]
        if len(raw) > 1 or not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [f"每页条数应为1到{self.max_page_size}之间的整数"]})
        return int(value)

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        for param in params:
            if param["name"] == self.page_size_query_param:
                param["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
            if param["name"] == self.page_query_param:
                param["schema"] = {"type": "integer", "minimum": 1}
        if hasattr(view, "keyset_after"):
            params.append(
                {
                    "name": self.cursor_query_param,
                    "required": False,
                    "in": "query",
                    "description": "上一页 next 链接给出的位置：从它之后继续（不用 page）",
                    "schema": {"type": "string"},
                }
            )
        return params
