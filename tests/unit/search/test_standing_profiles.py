"""Standing profiles: the pure fit rule, its index keys, and the Elasticsearch percolator bodies."""

import pytest

from search.percolator import build_percolate, percolator_index_body, profile_percolator_document, profile_query
from search.standing_profiles.rules import ProfileSpec, need_lookup_keys, profile_fits, profile_keys, split_keywords

NEED = {
    "ref": "need-1",
    "title": "莲花县某乡敬老院卫浴改造",
    "description": "老人洗澡不便",
    "categories": ["elderly_care"],
    "region_path": ["360321", "360300", "360000", "000000"],
    "urgency": "urgent",
}


@pytest.mark.parametrize(
    "spec, fits",
    [
        (ProfileSpec(categories=("elderly_care",)), True),
        (ProfileSpec(categories=("children",)), False),
        (ProfileSpec(regions=("360300",)), True),  # a prefecture covers its counties
        (ProfileSpec(regions=("000000",)), True),  # nationwide covers all
        (ProfileSpec(regions=("360800",)), False),
        (ProfileSpec(keywords=("敬老院", "助学")), True),  # any one keyword
        (ProfileSpec(keywords=("助学",)), False),
        (ProfileSpec(categories=("elderly_care",), min_urgency="urgent"), True),
        (ProfileSpec(categories=("elderly_care",), min_urgency="critical"), False),
        (ProfileSpec(categories=("elderly_care",), regions=("360800",)), False),  # every condition must hold
    ],
)
def test_profile_fits(spec, fits):
    assert profile_fits(spec, NEED) is fits


def test_keys_index_profiles_by_region_and_category_with_any():
    assert profile_keys(ProfileSpec(categories=("children",))) == [("region", "*"), ("category", "children")]
    keys = need_lookup_keys(NEED)
    assert "360300" in keys["region"] and "*" in keys["region"] and keys["category"] == ["elderly_care", "*"]


def test_split_keywords():
    assert split_keywords(" 敬老院，助浴  护理、敬老院 ") == ["敬老院", "助浴", "护理"]


def test_percolator_query_states_the_same_conditions():
    query = profile_query(
        ProfileSpec(categories=("elderly_care",), regions=("360300",), keywords=("敬老院",), min_urgency="urgent")
    ).to_dict()

    filters = query["bool"]["filter"]
    assert {"terms": {"region_path": ["360300"]}} in filters
    assert {"terms": {"categories": ["elderly_care"]}} in filters
    assert {"terms": {"urgency": ["urgent", "critical"]}} in filters
    assert {"match_phrase": {"title": "敬老院"}} in filters[3]["bool"]["should"]
    assert filters[3]["bool"]["minimum_should_match"] == 1
    assert profile_query(ProfileSpec(regions=("000000",))).to_dict() == {
        "bool": {"filter": [{"terms": {"region_path": ["000000"]}}]}
    }


def test_percolate_search_and_index_mapping():
    body = build_percolate("bangfu-profiles", NEED).to_dict()

    document = body["query"]["percolate"]["document"]
    assert body["query"]["percolate"]["field"] == "query"
    assert document["region_path"] == NEED["region_path"] and "ref" not in document
    mapping = percolator_index_body("cjk")["mappings"]["properties"]
    assert mapping["query"] == {"type": "percolator"} and mapping["region_path"] == {"type": "keyword"}
    stored = profile_percolator_document(profile_id=7, organisation="org-1", spec=ProfileSpec(categories=("x",)))
    assert stored["profile_id"] == "7" and stored["query"]["bool"]["filter"] == [{"terms": {"categories": ["x"]}}]
