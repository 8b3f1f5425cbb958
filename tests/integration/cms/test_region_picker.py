"""Every region choice offers the three levels and shows the current choice (docs/design.md, Regions)."""

import re

import pytest
from django import forms

from matching.models import Region
from matching.region_fields import RegionChoiceField, RegionMultipleChoiceField, region_options_html
from tests.factories import MembershipFactory, ProjectFactory, make_need

pytestmark = pytest.mark.django_db


def _options(html: str) -> dict[str, str]:
    return dict(re.findall(r'<option value="(\d{6})"[^>]*>([^<]*)</option>', html))


def test_the_public_needs_filter_offers_every_level_and_shows_the_chosen_county(client):
    make_need(county="360321", title="莲花县某乡敬老院卫浴改造")
    body = client.get("/needs/?region=360321").content.decode()
    select = re.search(r'<select[^>]*name="region".*?</select>', body, re.S).group(0)
    options = _options(select)
    regions = Region.objects.exclude(code="000000")
    placeholders = regions.filter(
        level="prefecture", name__in=("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
    )
    assert len(options) == regions.count() - placeholders.count() > 3000
    assert {"360000", "360300", "360321"} <= options.keys()  # province, prefecture, county
    assert re.search(r'<option value="360321" selected>\s*莲花县</option>', select)
    assert '<optgroup label="江西省">' in select and "data-region-picker" in select
    assert "莲花县某乡敬老院卫浴改造" in body


def test_a_county_filter_narrows_the_list_and_a_province_takes_in_its_counties(client):
    make_need(county="360321", title="莲花县的需求")
    make_need(county="360827", title="遂川县的需求")
    county = client.get("/needs/?region=360321").content.decode()
    province = client.get("/needs/?region=360000").content.decode()
    assert "莲花县的需求" in county and "遂川县的需求" not in county
    assert "莲花县的需求" in province and "遂川县的需求" in province


def test_the_portal_service_regions_offer_counties_and_keep_a_saved_county(client):
    membership = MembershipFactory(role="admin")
    project = ProjectFactory(organisation=membership.organisation, service_regions=["360321", "360300"])
    client.force_login(membership.user)
    body = client.get(f"/portal/projects/{project.pk}/edit/").content.decode()
    select = re.search(r'<select[^>]*name="service_regions".*?</select>', body, re.S).group(0)
    assert "multiple" in select and 'data-region-picker="multiple"' in select
    assert re.search(r'<option value="360321" selected>', select) and re.search(
        r'<option value="360300" selected>', select
    )
    assert re.search(r'<option value="000000"[^>]*>全国</option>', select)
    assert len(_options(select)) > 3000


class _Form(forms.Form):
    one = RegionChoiceField(levels=("county",), required=False)
    many = RegionMultipleChoiceField(required=False)


def test_region_fields_take_codes_at_the_allowed_levels_only():
    good = _Form(data={"one": "360321", "many": ["360000", "360321", "000000"]})
    assert good.is_valid(), good.errors
    assert good.cleaned_data == {"one": "360321", "many": ["360000", "360321", "000000"]}
    bad = _Form(data={"one": "360300", "many": ["999999"]})
    assert not bad.is_valid()
    assert "360300" in bad.errors["one"][0] and "999999" in bad.errors["many"][0]


def test_options_can_be_limited_to_some_counties_with_their_ancestors_as_headings():
    html = region_options_html(levels=("county",), only=["360321", "360827"])
    options = _options(html)
    assert set(options) == {"360000", "360300", "360321", "360800", "360827"}
    assert re.search(r'<option value="360300" disabled>', html)
    assert not re.search(r'<option value="360321"[^>]*disabled', html)
