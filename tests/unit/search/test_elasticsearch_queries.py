"""Elasticsearch query bodies and index settings, checked without a cluster (Search.to_dict())."""

import datetime as dt

import pytest
from elasticsearch.dsl import Search

from search.analysis import document_text
from search.backends.base import CandidateQuery, SearchQueryError
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    _to_source,
    build_candidates,
    build_search,
    index_body,
)

TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(
    "name, tokenizer", [("cjk", "standard"), ("ik", "ik_max_word"), ("smartcn", "smartcn_tokenizer")]
)
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


def test_public_search_scores_jieba_tokens_filters_in_filter_context_with_facets_and_escaped_highlights():
    body = build_search(
        Search(index="bangfu-need"),
        "敬老院 改造",
        {"status": "open", "region_path": "360300"},
        ["categories", "urgency"],
        20,
        10,
    ).to_dict()

    query = body["query"]["bool"]
    # One must clause per query word, each satisfied by the word or its search-mode pieces,
    # in the title (boosted twice) or the body: the embedded engine's query.
    assert len(query["must"]) == 2
    first = query["must"][0]["bool"]["should"]
    assert {"term": {"title_seg": {"value": "敬老院", "boost": 2.0}}} in first
    assert {"term": {"body_seg": {"value": "敬老院", "boost": 1.0}}} in first
    assert {"term": {"body_seg": {"value": "敬老", "boost": 1.0}}} in first
    assert {"terms": {"status": ["open"]}} in query["filter"]
    assert {"terms": {"region_path": ["360300"]}} in query["filter"]
    assert set(body["aggs"]) == {"categories", "urgency"}
    assert body["highlight"]["encoder"] == "html"
    assert body["highlight"]["pre_tags"] == ["<mark>"] and set(body["highlight"]["fields"]) == {
        "title",
        "description",
        "summary",
    }
    assert (body["from"], body["size"]) == (20, 10)
    assert body["_source"] == {"excludes": ["features", "title_seg", "body_seg"]}


def test_a_punctuation_only_query_finds_nothing():
    body = build_search(Search(), "，。！", {}, [], 0, 10).to_dict()

    assert body["query"]["bool"]["must"] == [{"match_none": {}}]


def test_documents_carry_the_same_jieba_tokens_as_the_embedded_engine():
    mapping = index_body("need", "cjk")["mappings"]["properties"]

    assert mapping["title_seg"] == {"type": "text", "analyzer": "whitespace"}
    source = _to_source({"ref": "n1", "title": "莲花县敬老院", "description": "卫浴改造", "deadline": TODAY})
    assert source["title_seg"] == document_text({"title": "莲花县敬老院"})[0]
    assert "敬老院" in source["title_seg"].split() and "改造" in source["body_seg"].split()
    assert source["deadline"] == "2026-11-29"


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


def test_candidates_filter_without_score_and_weigh_tokens_as_the_embedded_engine():
    query = CandidateQuery(
        filters={
            "status": "active",
            "organisation_status": "verified",
            "ends_on": {"gte": TODAY},
            "service_regions": ["360321", "360300", "360000", "000000"],
        },
        terms={"敬老院": 0.8, "扶手": 0.3},
        category_boosts={"elderly_care": 1.0},
        limit=150,
    )

    body = build_candidates(Search(), "project", query).to_dict()

    q = body["query"]["bool"]
    assert {"terms": {"service_regions": ["360321", "360300", "360000", "000000"]}} in q["filter"]
    assert {"term": {"title_seg": {"value": "敬老院", "boost": 1.6}}} in q["should"]
    assert {"term": {"body_seg": {"value": "扶手", "boost": 0.3}}} in q["should"]
    assert {"constant_score": {"filter": {"term": {"categories": "elderly_care"}}, "boost": 1.0}} in q["should"]
    assert "function_score" not in str(body)
    assert body["size"] == 150


def test_a_cluster_that_cannot_be_reached_is_a_clear_message():
    backend = ElasticsearchBackend({"URL": "http://127.0.0.1:9", "ANALYZER": "cjk"})

    health = backend.health()

    assert health["ok"] is False and "Elasticsearch 不可用" in health["error"]
