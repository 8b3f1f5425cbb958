"""Region scoping, one definition (Region.objects.under / under_q / covering / serving_q), checked against
the region tree of the shipped GB/T 2260 dataset."""

from collections import defaultdict

import pytest

from matching.models import NeedPage, Project, Region
from matching.selectors.needs import needs_filtered
from tests.factories import ProjectFactory, make_need

pytestmark = pytest.mark.django_db


def test_under_by_code_prefix_is_the_region_tree_for_every_region():
    children = defaultdict(set)
    for code, parent in Region.objects.values_list("code", "parent_id"):
        children[parent].add(code)

    def subtree(code):
        found = {code}
        for child in children[code]:
            found |= subtree(child)
        return found

    regions = list(Region.objects.exclude(level=Region.Level.COUNTY).values_list("code", flat=True))
    assert len(regions) > 300
    for code in regions:
        if code == "000000":
            continue
        assert set(Region.objects.under([code]).values_list("code", flat=True)) == subtree(code), code


def test_under_q_scopes_rows_through_a_relation():
    lianhua, lean = make_need(county="360321", ref="need-lianhua"), make_need(county="360827", ref="need-jian")

    def refs(codes):
        scoped = NeedPage.objects.filter(Region.objects.under_q(codes, via="county"))
        return sorted(scoped.values_list("ref", flat=True))

    assert refs(["360000"]) == ["need-jian", "need-lianhua"]
    assert refs(["360300"]) == [lianhua.ref]
    assert refs(["360827", "110000"]) == [lean.ref]
    assert refs([]) == []
    assert refs(None) == ["need-jian", "need-lianhua"]
    assert [n.ref for n in needs_filtered(region="360300")] == [lianhua.ref]


def test_covering_and_serving():
    assert sorted(Region.objects.covering("360321").values_list("code", flat=True)) == sorted(
        c for c in ("000000", "360000", "360300", "360321") if Region.objects.filter(code=c).exists()
    )
    county, province, elsewhere = (ProjectFactory(title=t) for t in ("县里的项目", "省里的项目", "外省的项目"))
    county.service_regions.set(["360321"])
    province.service_regions.set(["360000"])
    elsewhere.service_regions.set(["110000"])
    serving = Project.objects.filter(
        Region.objects.serving_q(["360300"], via="service_regions"), pk__in=[county.pk, province.pk, elsewhere.pk]
    ).distinct()
    assert sorted(p.title for p in serving) == sorted(["县里的项目", "省里的项目"])
