"""Elasticsearch query bodies and index settings, checked without a cluster (Search.to_dict())."""
import datetime as dt

import pytest
from elasticsearch.dsl import Search

from search.backends.base import CandidateQuery, SearchQueryError
from search.backends.elasticsearch import ElasticsearchBackend, build_candidates, build_search, index_body

TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize("name, tokenizer", [("cjk", "standard"), ("ik", "ik_max_word"),
                                             ("smartcn", "smartcn_tokenizer")])
def test_the_chinese_analyzer_follows_the_setting(name, tokenizer):
    body = index_body("need", name)

    assert body["settings"]["analysis"]["analyzer"]["zh"]["tokenizer"] == tokenizer
    title = body["mappings"]["properties"]["title"]
    assert title["type"] == "text" and title["analyzer"] == "zh"
    assert body["mappings"]["properties"]["status"] == {"type": "keyword"}
    assert body["mappings"]["properties"]["features"] == {"type": "object", "enabled": False}


def test_cjk_uses_bigrams_and_ik_searches_with_ik_smart():
    assert "zh_bigram" in index_body("project", "cjk")["settings"]["analysis"]["filter"]
    assert index_body("project", "ik")["mappings"]["properties"]["title"]["search_analyzer"] == "ik_smart"


def test_an_unknown_analyzer_is_refused_with_a_chinese_message():
    with pytest.raises(SearchQueryError, match="未知的中文分词器"):
        ElasticsearchBackend({"URL": "http://127.0.0.1:1", "ANALYZER": "klingon"})


def test_public_search_filters_in_filter_context_with_facets_highlights_and_paging():
    body = build_search(Search(index="bangfu-need"), "敬老院", {"status": "open", "region_path": "360300"},
                        ["categories", "urgency"], 20, 10).to_dict()

    query = body["query"]["bool"]
    assert query["must"][0]["multi_match"]["query"] == "敬老院"
    assert query["must"][0]["multi_match"]["operator"] == "and"
    assert {"terms": {"status": ["open"]}} in query["filter"]
    assert {"terms": {"region_path": ["360300"]}} in query["filter"]
    assert set(body["aggs"]) == {"categories", "urgency"}
    assert body["highlight"]["fields"]["title"]["pre_tags"] == ["<mark>"]
    assert (body["from"], body["size"]) == (20, 10)
    assert body["_source"] == {"excludes": ["features"]}


def test_an_empty_query_matches_all_and_an_open_ended_window_counts_as_open():
    body = build_search(Search(), "", {"ends_on": {"gte": TODAY}}, [], 0, 20).to_dict()

    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    should = body["query"]["bool"]["filter"][0]["bool"]["should"]
    assert {"range": {"ends_on": {"gte": "2026-11-29"}}} in should
    assert {"bool": {"must_not": [{"exists": {"field": "ends_on"}}]}} in should


def test_unknown_filters_and_facets_are_refused():
    with pytest.raises(SearchQueryError):
        build_search(Search(), "", {"full_name": "x"}, [], 0, 10)
    with pytest.raises(SearchQueryError):
        build_search(Search(), "", {}, ["id_number"], 0, 10)


def test_need_to_project_candidates_filter_score_and_limit():
    query = CandidateQuery(
        filters={"status": "active", "organisation_status": "verified", "ends_on": {"gte": TODAY},
                 "service_regions": ["360321", "360300", "360000", "000000"]},
        terms={"敬老院": 0.8, "扶手": 0.3}, category_boosts={"elderly_care": 1.0}, limit=150)

    body = build_candidates(Search(), "project", query, TODAY).to_dict()

    fs = body["query"]["function_score"]
    assert fs["boost_mode"] == "sum"
    assert {"terms": {"service_regions": ["360321", "360300", "360000", "000000"]}} in fs["query"]["bool"]["filter"]
    should = fs["query"]["bool"]["should"]
    assert should[0]["multi_match"]["query"] == "敬老院" and should[0]["multi_match"]["boost"] == 0.8
    assert {"constant_score": {"filter": {"term": {"categories": "elderly_care"}}, "boost": 1.0}} in should
    assert any("field_value_factor" in f and f["field_value_factor"]["field"] == "budget_available"
               for f in fs["functions"])
    assert body["size"] == 150


def test_project_to_need_candidates_tilt_toward_policy_tags_urgency_and_deadlines():
    query = CandidateQuery(filters={"status": "open", "region_path": ["360300"]}, terms={"敬老院": 1.0})

    fs = build_candidates(Search(), "need", query, TODAY).to_dict()["query"]["function_score"]

    assert any("gauss" in f and "deadline" in f["gauss"] for f in fs["functions"])
    assert {"filter": {"terms": {"region_tags": ["deep_poverty", "designated_county"]}}, "weight": 1.0} \
        in fs["functions"]
    assert {"filter": {"terms": {"urgency": ["urgent", "critical"]}}, "weight": 1.0} in fs["functions"]


def test_a_cluster_that_cannot_be_reached_is_a_clear_message():
    backend = ElasticsearchBackend({"URL": "http://127.0.0.1:9", "ANALYZER": "cjk"})

    health = backend.health()

    assert health["ok"] is False and "Elasticsearch 不可用" in health["error"]
