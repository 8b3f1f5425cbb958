"""Public read endpoints: live needs, public projects, verified organisations, regions."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from api.filters import NeedFilter, OrganisationFilter, ProjectFilter, RegionFilter
from api.serializers import NeedSerializer, OrganisationSerializer, ProjectSerializer, RegionSerializer
from matching.models import NeedPage, Organisation, Project, Region
from matching.selectors.catalogue import catalogue_count, organisations_public, projects_public
from matching.selectors.needs import (
    NEED_CURSOR_FIELDS,
    PUBLIC_ORDER,
    need_cursor,
    needs_after,
    needs_public,
    needs_public_count,
)

REF_REGEX = r"[A-Za-z0-9_-]{1,64}"


@extend_schema_view(
    list=extend_schema(summary="需求列表 / Needs", tags=["public"]),
    retrieve=extend_schema(summary="需求 / Need", tags=["public"]),
)
class NeedViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = NeedSerializer
    queryset = NeedPage.objects.none()  # for the schema; requests use get_queryset
    filterset_class = NeedFilter
    lookup_field = "ref"
    lookup_value_regex = REF_REGEX
    authentication_classes: list = []

    def get_queryset(self):
        return needs_public().prefetch_related("skills").order_by(*PUBLIC_ORDER)

    def list_count(self, queryset) -> int:
        params = self.request.query_params
        return needs_public_count(queryset=queryset, **{k: params.get(k, "") for k in NeedFilter.Meta.fields})

    def keyset_after(self, queryset, cursor: str):
        return needs_after(queryset, cursor)

    def keyset_cursor(self, need) -> str:
        return need_cursor(need)

    keyset_fields = NEED_CURSOR_FIELDS


@extend_schema_view(
    list=extend_schema(summary="项目列表 / Projects", tags=["public"]),
    retrieve=extend_schema(summary="项目 / Project", tags=["public"]),
)
class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProjectSerializer
    queryset = Project.objects.none()
    filterset_class = ProjectFilter
    lookup_field = "ref"
    lookup_value_regex = REF_REGEX
    authentication_classes: list = []

    def get_queryset(self):
        return projects_public().prefetch_related("skills")

    def list_count(self, queryset) -> int:
        params = self.request.query_params
        return catalogue_count(
            queryset, kind="projects", filters={k: params.get(k, "") for k in ProjectFilter.Meta.fields}
        )


@extend_schema_view(
    list=extend_schema(summary="已认证的社会组织 / Verified organisations", tags=["public"]),
    retrieve=extend_schema(summary="社会组织 / Organisation", tags=["public"]),
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.none()
    filterset_class = OrganisationFilter
    lookup_field = "ref"
    lookup_value_regex = REF_REGEX
    authentication_classes: list = []

    def get_queryset(self):
        return organisations_public().prefetch_related("service_regions")

    def list_count(self, queryset) -> int:
        params = self.request.query_params
        return catalogue_count(
            queryset, kind="organisations", filters={k: params.get(k, "") for k in OrganisationFilter.Meta.fields}
        )


@extend_schema_view(
    list=extend_schema(summary="行政区划 / Regions", tags=["public"]),
    retrieve=extend_schema(summary="行政区划 / Region", tags=["public"]),
)
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RegionSerializer
    filterset_class = RegionFilter
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{6}"
    authentication_classes: list = []

    def get_queryset(self):
        return Region.objects.order_by("code")
