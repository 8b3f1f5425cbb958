from cms.pagination import CountedPaginator
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Page numbers; a page_size that is not a whole number from 1 to 100 is refused, not ignored."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        # A view may count its list more cheaply than COUNT(*) over it (a kept count): ``list_count``.
        self._list_count = getattr(view, "list_count", None)
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, queryset, page_size):
        counter = getattr(self, "_list_count", None)
        return CountedPaginator(queryset, page_size, count=(lambda: counter(queryset)) if counter else None)

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
        return params
