import django_filters
from django.core.validators import RegexValidator

from matching.models import NeedPage, Organisation, Project, Region
from matching.taxonomy import CATEGORIES, ORG_TYPES

CATEGORY_CHOICES = [(k, v[0]) for k, v in CATEGORIES.items()]
region_code = RegexValidator(r"^\d{6}$", "行政区划代码应为6位数字")
ref_value = RegexValidator(r"^[A-Za-z0-9_-]{1,64}$", "编号只能包含字母、数字、下划线和连字符")


class StrictFilterSet(django_filters.FilterSet):
    """A filter given twice or given empty is an error, not silently ignored."""

    def is_valid(self):
        valid = super().is_valid()
        for name in self.filters:
            if name not in self.data:
                continue
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name)]
            if len(values) != 1 or values[0] in ("", None):
                self.form.add_error(name, "每个筛选参数只能给一次，且不能为空")
                valid = False
        return valid


class NeedFilter(StrictFilterSet):
    region = django_filters.CharFilter(
        method="filter_region", validators=[region_code], help_text="行政区划代码：该地区及其下级的需求"
    )
    # One category joins at most one row per need: no DISTINCT (it would sort the whole list on every page).
    category = django_filters.ChoiceFilter(field_name="categories__code", choices=CATEGORY_CHOICES, distinct=False)
    urgency = django_filters.ChoiceFilter(choices=NeedPage.Urgency.choices)
    circle = django_filters.ChoiceFilter(choices=NeedPage.Circle.choices)
    status = django_filters.ChoiceFilter(choices=[c for c in NeedPage.Status.choices if c[0] != "draft"])

    class Meta:
        model = NeedPage
        fields = ["region", "category", "urgency", "circle", "status"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(Region.objects.under_q([value], via="county"))


class ProjectFilter(StrictFilterSet):
    # As for needs: one category value joins one row per project, so no DISTINCT (over 100,000 projects it made
    # the count and the page sort every column of every match: 375 ms a page instead of tens).
    category = django_filters.ChoiceFilter(field_name="categories__code", choices=CATEGORY_CHOICES, distinct=False)
    organisation = django_filters.CharFilter(field_name="organisation__ref", validators=[ref_value])
    status = django_filters.ChoiceFilter(choices=[(s, s) for s in ("active", "paused", "completed")])

    class Meta:
        model = Project
        fields = ["category", "organisation", "status"]


class OrganisationFilter(StrictFilterSet):
    category = django_filters.ChoiceFilter(field_name="categories__code", choices=CATEGORY_CHOICES, distinct=False)
    org_type = django_filters.ChoiceFilter(choices=[(k, v[0]) for k, v in ORG_TYPES.items()])

    class Meta:
        model = Organisation
        fields = ["category", "org_type"]


class RegionFilter(StrictFilterSet):
    level = django_filters.ChoiceFilter(choices=Region.Level.choices)
    parent = django_filters.CharFilter(field_name="parent_id", validators=[region_code])

    class Meta:
        model = Region
        fields = ["level", "parent"]
