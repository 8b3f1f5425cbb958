"""Public transparency figures: platform headline figures, per-project money, per-region counts.

Thin: validate the query, call the selectors the public transparency pages use, serialise.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers_transparency import (
    PlatformFiguresSerializer,
    PlatformQuerySerializer,
    ProjectFundingSerializer,
    RegionFiguresSerializer,
)
from api.views_public import REF_REGEX
from matching.funding.selectors import project_funding, projects_funding
from matching.models import Project, Region
from matching.outcomes.selectors.transparency import platform_figures, region_figures
from matching.selectors.catalogue import projects_public

CURRENCY = "CNY"


class PlatformFiguresView(APIView):
    authentication_classes: list = []

    @extend_schema(
        summary="平台透明度总览 / Platform transparency figures",
        tags=["transparency"],
        parameters=[PlatformQuerySerializer],
        responses=PlatformFiguresSerializer,
    )
    def get(self, request):
        query = PlatformQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        since = query.validated_data.get("since")
        figures = platform_figures(since=since)
        data = {
            "since": since,
            "head": {
                **{
                    k: figures["head"][k]
                    for k in ("organisations", "projects", "needs", "answered", "fulfilled", "raised", "spent")
                },
                "currency": CURRENCY,
            },
            "by_category": [
                {"code": r.key, "label": r.label, "projects": r.values["projects"], "raised": r.values["raised"]}
                for r in figures["by_category"]
            ],
            "by_province": [
                {
                    "code": r.key,
                    "label": r.label,
                    "needs": r.values["needs"],
                    "fulfilled": r.values["fulfilled"],
                    "spent": r.values["spent"],
                }
                for r in figures["by_province"]
            ],
            "by_month": [
                {"month": r.key, "raised": r.values["raised"], "spent": r.values["spent"]} for r in figures["by_month"]
            ],
        }
        return Response(PlatformFiguresSerializer(data).data)


def _project_row(project: Project, figures) -> dict:
    return {
        "ref": project.ref,
        "title": project.title,
        "organisation": project.organisation.ref,
        "organisation_name": project.organisation.name,
        "status": project.status,
        "raised": figures.raised.fen,
        "allocated": figures.allocated.fen,
        "spent": figures.spent.fen,
        "currency": CURRENCY,
    }


class ProjectFundingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Raised, allocated and spent per public project, from the funding ledger."""

    serializer_class = ProjectFundingSerializer
    queryset = Project.objects.none()
    lookup_field = "ref"
    lookup_value_regex = REF_REGEX
    authentication_classes: list = []

    def get_queryset(self):
        return projects_public()

    @extend_schema(summary="各项目资金 / Money per project", tags=["transparency"])
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        figures = projects_funding(project_ids=[p.pk for p in page], currency=CURRENCY)
        return self.get_paginated_response([_project_row(p, figures[p.pk]) for p in page])

    @extend_schema(summary="项目资金 / Money of a project", tags=["transparency"])
    def retrieve(self, request, *args, **kwargs):
        project = self.get_object()
        return Response(_project_row(project, project_funding(project=project, currency=CURRENCY)))


class RegionFiguresView(APIView):
    authentication_classes: list = []

    @extend_schema(
        summary="地区透明度数据 / Figures of a region", tags=["transparency"], responses=RegionFiguresSerializer
    )
    def get(self, request, code):
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise NotFound()
        figures = region_figures(region=region)
        data = {
            "code": region.code,
            "name": region.name,
            "level": region.level,
            "needs": figures["needs"],
            "projects": figures["projects"],
            "organisations": figures["organisations"],
            "money": {**figures["money"], "currency": CURRENCY},
        }
        return Response(RegionFiguresSerializer(data).data)
