"""What the API shows. Public serializers carry public fields only: no BeneficiaryRecord, ever."""

from rest_framework import serializers

from matching.models import Match, NeedPage, Organisation, Project, Region, VolunteerSignup
from matching.services.project_lifecycle import MAX_BUDGET_FEN
from matching.taxonomy import CATEGORIES, SKILLS


class CodeListField(serializers.ListField):
    child = serializers.CharField(max_length=40)


CATEGORY_CODES = list(CATEGORIES)
SKILL_CODES = list(SKILLS)
MAX_ID = 2**63 - 1  # a bigint primary key; anything larger is refused, not sent to the database


def _codes(related) -> list[str]:
    return [obj.code for obj in related.all()]


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", allow_null=True, read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent", "tags"]


class NeedSerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county_id", allow_null=True, read_only=True)
    county_name = serializers.CharField(source="county.name", allow_null=True, read_only=True, default=None)
    categories = serializers.SerializerMethodField()
    skills = serializers.SerializerMethodField()
    amount_requested = serializers.IntegerField(read_only=True, help_text="分 / fen")
    url = serializers.SerializerMethodField()

    class Meta:
        model = NeedPage
        fields = [
            "ref",
            "title",
            "url",
            "county",
            "county_name",
            "categories",
            "circle",
            "urgency",
            "status",
            "beneficiaries",
            "amount_requested",
            "currency",
            "volunteers_needed",
            "skills",
            "deadline",
            "published_on",
            "first_response_at",
        ]

    def get_categories(self, obj) -> list[str]:
        return [c.code for c in obj.categories.all()]

    def get_skills(self, obj) -> list[str]:
        return [s.code for s in obj.skills.all()]

    def get_url(self, obj) -> str:
        return obj.url or ""


class OrganisationSerializer(serializers.ModelSerializer):
    org_type = serializers.CharField(read_only=True, help_text="social_group / foundation / social_service_agency / …")
    categories = serializers.SerializerMethodField()
    service_regions = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "ref",
            "name",
            "uscc",
            "org_type",
            "registration_authority",
            "description",
            "categories",
            "service_regions",
        ]

    def get_categories(self, obj) -> list[str]:
        return _codes(obj.categories)

    def get_service_regions(self, obj) -> list[str]:
        return _codes(obj.service_regions)


class OwnOrganisationSerializer(OrganisationSerializer):
    class Meta(OrganisationSerializer.Meta):
        fields = OrganisationSerializer.Meta.fields + ["status", "vetting_note"]


class ProjectSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.ref", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    categories = serializers.SerializerMethodField()
    service_regions = serializers.SerializerMethodField()
    skills = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "ref",
            "title",
            "summary",
            "description",
            "organisation",
            "organisation_name",
            "categories",
            "service_regions",
            "skills",
            "budget_available",
            "currency",
            "volunteer_slots",
            "starts_on",
            "ends_on",
            "status",
        ]

    def get_categories(self, obj) -> list[str]:
        return _codes(obj.categories)

    def get_service_regions(self, obj) -> list[str]:
        return _codes(obj.service_regions)

    def get_skills(self, obj) -> list[str]:
        return _codes(obj.skills)


class OwnProjectSerializer(ProjectSerializer):
    class Meta(ProjectSerializer.Meta):
        fields = ["id"] + ProjectSerializer.Meta.fields


class ProjectWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    categories = serializers.ListField(
        child=serializers.ChoiceField(choices=CATEGORY_CODES), min_length=1, max_length=20
    )
    service_regions = serializers.ListField(
        child=serializers.RegexField(r"^[0-9]{6}$", max_length=6),
        min_length=1,
        max_length=200,
        help_text="行政区划代码 / GB/T 2260 codes",
    )
    skills = serializers.ListField(
        child=serializers.ChoiceField(choices=SKILL_CODES), max_length=20, required=False, default=list
    )
    budget_available = serializers.IntegerField(
        min_value=0, max_value=MAX_BUDGET_FEN, required=False, default=0, help_text="分 / fen"
    )
    volunteer_slots = serializers.IntegerField(min_value=0, max_value=100000, required=False, default=0)
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)


class ProjectStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["active", "paused", "completed", "cancelled"])


class MatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    need = serializers.CharField(source="need.ref")
    need_title = serializers.CharField(source="need.title")
    project = serializers.IntegerField(source="project_id")
    score = serializers.FloatField()
    reasons = serializers.JSONField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class MatchAcceptSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class MatchDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class MatchProposeSerializer(serializers.Serializer):
    need = serializers.RegexField(r"^[A-Za-z0-9_-]{1,64}$", max_length=64, help_text="需求编号 / need ref")
    project = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="本组织进行中的项目 id / own active project"
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class MatchDeliverSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ProjectNeedsQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=1,
        max_value=50,
        required=False,
        default=10,
        help_text="返回条数 1–50，默认10 / how many, 1–50, default 10",
    )

    def to_internal_value(self, data):
        # Like the filters: given twice or given empty is an error, not silently the default.
        values = data.getlist("limit") if hasattr(data, "getlist") else []
        if len(values) > 1 or values == [""]:
            raise serializers.ValidationError({"limit": ["limit 只能给一次，且不能为空 / give limit once, not empty"]})
        return super().to_internal_value(data)


class RankedNeedSerializer(serializers.Serializer):
    need = serializers.CharField(source="need.ref", help_text="需求编号 / need ref")
    title = serializers.CharField(source="need.title")
    region = serializers.CharField(source="need.county_id", allow_null=True, help_text="县级行政区划代码")
    region_name = serializers.CharField(source="need.county.name", allow_null=True, default=None)
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    match_status = serializers.ChoiceField(
        choices=Match.Status.choices,
        allow_null=True,
        help_text="本项目与该需求已有匹配的状态，没有则为 null / this project's match with the need, if any",
    )


class RankedNeedsSerializer(serializers.Serializer):
    results = RankedNeedSerializer(many=True)


class SignupSerializer(serializers.ModelSerializer):
    volunteer = serializers.CharField(source="volunteer.display_name", read_only=True)
    project = serializers.IntegerField(source="project_id", read_only=True)

    class Meta:
        model = VolunteerSignup
        fields = ["id", "project", "volunteer", "status", "message", "decision_note", "created_at", "decided_at"]


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.JSONField())


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()
