"""Endpoints for organisations, authenticated by a per-organisation token with scopes.

Every query starts from the token's organisation, so another organisation's ids are 404.
Writes go through the same services as the portal.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.permissions import TokenScope
from api.serializers import (
    ErrorSerializer,
    MatchAcceptSerializer,
    MatchDeclineSerializer,
    MatchDeliverSerializer,
    MatchProposeSerializer,
    MatchSerializer,
    OwnOrganisationSerializer,
    OwnProjectSerializer,
    ProjectNeedsQuerySerializer,
    ProjectStatusSerializer,
    ProjectWriteSerializer,
    RankedNeedsSerializer,
    SignupSerializer,
)
from matching.models import Match, Organisation, Project, VolunteerSignup
from matching.selectors.needs import needs_public
from matching.services.matches import match_accept, match_decline, match_deliver
from matching.services.project_lifecycle import ProjectFields, project_create, project_set_status, project_update
from search.self_proposals import match_propose_own_project, project_needs_ranked

ID_REGEX = r"[0-9]{1,18}"


def _fields(data) -> ProjectFields:
    return ProjectFields(
        title=data["title"],
        summary=data["summary"],
        description=data["description"],
        categories=tuple(data["categories"]),
        service_regions=tuple(data["service_regions"]),
        skills=tuple(data["skills"]),
        budget_available=data["budget_available"],
        volunteer_slots=data["volunteer_slots"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
    )


class OwnOrganisationView(generics.GenericAPIView):
    permission_classes = [TokenScope]
    required_scopes: dict = {}
    serializer_class = OwnOrganisationSerializer
    queryset = Organisation.objects.none()

    @extend_schema(summary="令牌所属组织（含审核状态）/ The token's organisation", tags=["organisation"])
    def get(self, request):
        return Response(self.get_serializer(request.auth.organisation).data)


def _own(request):
    # drf-spectacular builds the schema without a token
    return None if request is None or request.auth is None else request.auth.organisation


@extend_schema(tags=["organisation"])
class OwnProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [TokenScope]
    required_scopes = {"GET": "projects:read", "*": "projects:write"}
    serializer_class = OwnProjectSerializer
    queryset = Project.objects.none()  # for the schema; requests use get_queryset
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return (
            Project.objects.filter(organisation=_own(self.request))
            .select_related("organisation")
            .prefetch_related("categories", "service_regions", "skills")
            .order_by("-created_at", "-id")
        )

    @extend_schema(
        summary="新建项目（草稿）/ Create a project",
        request=ProjectWriteSerializer,
        responses={201: OwnProjectSerializer},
    )
    def create(self, request):
        data = ProjectWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        project = project_create(
            user=request.user, organisation=request.auth.organisation, fields=_fields(data.validated_data)
        )
        return Response(OwnProjectSerializer(project).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="修改项目 / Update a project", request=ProjectWriteSerializer, responses={200: OwnProjectSerializer}
    )
    def update(self, request, pk=None, partial=False):
        project = self.get_object()
        payload = request.data
        if partial:
            # A PATCH changes only the fields it names: the rest keep their current values.
            current = OwnProjectSerializer(project).data
            writable = ProjectWriteSerializer().fields
            sent = {
                name: (
                    request.data.getlist(name)
                    if hasattr(request.data, "getlist") and hasattr(writable[name], "child")
                    else request.data[name]
                )
                for name in writable
                if name in request.data
            }
            payload = {name: current[name] for name in writable} | sent
        data = ProjectWriteSerializer(data=payload)
        data.is_valid(raise_exception=True)
        project = project_update(user=request.user, project=project, fields=_fields(data.validated_data))
        return Response(OwnProjectSerializer(project).data)

    @extend_schema(
        summary="修改项目的部分字段 / Update some fields of a project",
        request=ProjectWriteSerializer,
        responses={200: OwnProjectSerializer},
    )
    def partial_update(self, request, pk=None):
        return self.update(request, pk=pk, partial=True)

    @extend_schema(
        summary="启动、暂停、完成或取消项目 / Change a project's status",
        request=ProjectStatusSerializer,
        responses={200: OwnProjectSerializer},
    )
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, pk=None):
        project = self.get_object()
        data = ProjectStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        project = project_set_status(user=request.user, project=project, status=data.validated_data["status"])
        return Response(OwnProjectSerializer(project).data)

    @extend_schema(
        summary="项目应优先响应的需求（匹配结果与理由）/ Open needs this project should take first",
        parameters=[ProjectNeedsQuerySerializer],
        responses={200: RankedNeedsSerializer, 409: ErrorSerializer, 503: ErrorSerializer},
    )
    @action(detail=True, methods=["get"])
    def needs(self, request, pk=None):
        project = self.get_object()
        query = ProjectNeedsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        ranked = project_needs_ranked(project=project, limit=query.validated_data["limit"])
        return Response(RankedNeedsSerializer({"results": ranked}).data)


@extend_schema(tags=["organisation"])
class OwnMatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [TokenScope]
    required_scopes = {"GET": "matches:read", "*": "matches:write"}
    serializer_class = MatchSerializer
    queryset = Match.objects.none()
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return (
            Match.objects.filter(project__organisation=_own(self.request))
            .select_related("need", "project")
            .order_by("-created_at", "-id")
        )

    @extend_schema(
        summary="以本组织进行中的项目申请响应需求（自荐）/ Propose an own project for a need",
        request=MatchProposeSerializer,
        responses={201: MatchSerializer},
    )
    def create(self, request):
        data = MatchProposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ref = data.validated_data["need"]
        need = needs_public().filter(ref=ref).first()
        if need is None:
            raise exceptions.NotFound(f"需求“{ref}”不存在或未公开 / Need not found")
        project = (
            Project.objects.filter(organisation=_own(request), pk=data.validated_data["project"])
            .select_related("organisation")
            .first()
        )
        if project is None:
            raise exceptions.NotFound("本组织没有该项目 / Project not found")
        match = match_propose_own_project(
            user=request.user, need=need, project=project, note=data.validated_data["note"]
        )
        return Response(MatchSerializer(match).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="接受匹配 / Accept a match", request=MatchAcceptSerializer, responses={200: MatchSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        match = self.get_object()
        data = MatchAcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        match = match_accept(user=request.user, match=match, note=data.validated_data["note"])
        return Response(MatchSerializer(match).data)

    @extend_schema(
        summary="婉拒匹配（须说明理由）/ Decline a match",
        request=MatchDeclineSerializer,
        responses={200: MatchSerializer},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        match = self.get_object()
        data = MatchDeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        match = match_decline(user=request.user, match=match, reason=data.validated_data["reason"])
        return Response(MatchSerializer(match).data)

    @extend_schema(
        summary="标记已接受的匹配为已交付 / Mark an accepted match delivered",
        request=MatchDeliverSerializer,
        responses={200: MatchSerializer},
    )
    @action(detail=True, methods=["post"])
    def deliver(self, request, pk=None):
        match = self.get_object()
        data = MatchDeliverSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        match = match_deliver(user=request.user, match=match, note=data.validated_data["note"])
        return Response(MatchSerializer(match).data)


@extend_schema(tags=["organisation"])
class OwnSignupViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [TokenScope]
    required_scopes = {"GET": "signups:read"}
    serializer_class = SignupSerializer
    queryset = VolunteerSignup.objects.none()

    def get_queryset(self):
        return (
            VolunteerSignup.objects.filter(project__organisation=_own(self.request))
            .select_related("volunteer")
            .order_by("-created_at", "-id")
        )
