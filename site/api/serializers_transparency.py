"""Transparency figures (public). Money is integer fen with a currency; counts are plain integers.

No personal data: the figures are aggregates of the ledger and of published needs and projects.
"""

from rest_framework import serializers

YEAR_MIN, YEAR_MAX = 2000, 2100


class PlatformQuerySerializer(serializers.Serializer):
    since = serializers.IntegerField(
        required=False,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        help_text="自该年1月1日起统计 / Count from 1 January of this year",
        error_messages={
            "invalid": "since 应为年份，例如 2025",
            "min_value": f"since 不能早于 {YEAR_MIN}",
            "max_value": f"since 不能晚于 {YEAR_MAX}",
        },
    )


class HeadlineSerializer(serializers.Serializer):
    organisations = serializers.IntegerField(help_text="有公开项目的已认证组织数")
    projects = serializers.IntegerField(help_text="公开项目数")
    needs = serializers.IntegerField(help_text="已发布需求数")
    answered = serializers.IntegerField(help_text="已响应的需求数（已匹配、实施中、已完成）")
    fulfilled = serializers.IntegerField(help_text="已完成的需求数")
    raised = serializers.IntegerField(help_text="到账资金（分）/ Money raised (fen)")
    spent = serializers.IntegerField(help_text="确认到达需求的资金（分）/ Money confirmed at needs (fen)")
    currency = serializers.CharField()


class CategoryFiguresSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    projects = serializers.IntegerField()
    raised = serializers.IntegerField(help_text="分 / fen")


class ProvinceFiguresSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    needs = serializers.IntegerField()
    fulfilled = serializers.IntegerField()
    spent = serializers.IntegerField(help_text="分 / fen")


class MonthFiguresSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    raised = serializers.IntegerField(help_text="分 / fen")
    spent = serializers.IntegerField(help_text="分 / fen")


class PlatformFiguresSerializer(serializers.Serializer):
    since = serializers.IntegerField(allow_null=True)
    head = HeadlineSerializer()
    by_category = CategoryFiguresSerializer(many=True)
    by_province = ProvinceFiguresSerializer(many=True)
    by_month = MonthFiguresSerializer(many=True)


class ProjectFundingSerializer(serializers.Serializer):
    ref = serializers.CharField()
    title = serializers.CharField()
    organisation = serializers.CharField(help_text="组织编号 / organisation ref")
    organisation_name = serializers.CharField()
    status = serializers.CharField()
    raised = serializers.IntegerField(help_text="筹得（分）/ raised (fen)")
    allocated = serializers.IntegerField(help_text="已划拨待确认（分）/ allocated, awaiting confirmation (fen)")
    spent = serializers.IntegerField(help_text="确认到达需求（分）/ spent at needs (fen)")
    currency = serializers.CharField()


class RegionNeedCountsSerializer(serializers.Serializer):
    open = serializers.IntegerField()
    answered = serializers.IntegerField()
    fulfilled = serializers.IntegerField()
    total = serializers.IntegerField()


class RegionMoneySerializer(serializers.Serializer):
    to_needs = serializers.IntegerField(help_text="确认到达本地区需求的资金（分）")
    donated_to_needs = serializers.IntegerField(help_text="直接捐给本地区需求的资金（分）")
    currency = serializers.CharField()


class RegionFiguresSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    needs = RegionNeedCountsSerializer()
    projects = serializers.IntegerField(help_text="服务本地区的进行中项目数")
    organisations = serializers.IntegerField()
    money = RegionMoneySerializer()
