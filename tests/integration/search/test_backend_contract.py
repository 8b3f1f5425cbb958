"""The contract every search backend keeps (embedded always, Elasticsearch when configured)."""

import datetime as dt

import pytest

from search.backends.base import CandidateQuery, SearchQueryError

NEEDS = [
    {
        "ref": "need-a",
        "title": "莲花县某乡敬老院卫浴改造",
        "description": "敬老院卫生间没有扶手，老人洗澡不便。",
        "categories": ["elderly_care"],
        "region": "360321",
        "region_path": ["360321", "360300", "360000", "000000"],
        "urgency": "normal",
        "circle": "core",
        "status": "open",
        "published_on": dt.date(2026, 3, 1),
        "deadline": dt.date(2027, 6, 30),
    },
    {
        "ref": "need-b",
        "title": "留守儿童课后托管",
        "description": "村里留守儿童放学后无人照看，希望开设四点半课堂。",
        "categories": ["children"],
        "region": "360881",
        "region_path": ["360881", "360800", "360000", "000000"],
        "urgency": "urgent",
        "circle": "core",
        "status": "open",
        "published_on": dt.date(2026, 9, 1),
        "deadline": None,
    },
    {
        "ref": "need-c",
        "title": "重度残疾人护理补贴申领协助",
        "description": "协助重度残疾人申领护理补贴，上门评估。",
        "categories": ["disability"],
        "region": "513222",
        "region_path": ["513222", "513200", "510000", "000000"],
        "urgency": "critical",
        "circle": "low_income",
        "status": "matched",
        "published_on": dt.date(2026, 10, 1),
        "deadline": dt.date(2026, 12, 31),
    },
]


@pytest.fixture
def indexed(any_backend):
    any_backend.index("need", NEEDS)
    return any_backend


@pytest.mark.parametrize(
    "term, ref", [("敬老院", "need-a"), ("莲花县", "need-a"), ("留守儿童", "need-b"), ("护理补贴", "need-c")]
)
def test_chinese_terms_find_the_documents_that_contain_them(indexed, term, ref):
    results = indexed.search("need", term)

    assert [h.ref for h in results.hits] == [ref]
    assert "<mark>" in results.hits[0].highlights.get("title", "") + results.hits[0].highlights.get("description", "")


def test_a_word_nobody_wrote_finds_nothing(indexed):
    assert indexed.search("need", "核电站").total == 0


def test_empty_query_lists_everything_and_punctuation_only_finds_nothing(indexed):
    assert indexed.search("need", "").total == 3
    assert indexed.search("need", "！！？？").total == 0


def test_filters_and_facets(indexed):
    results = indexed.search(
        "need", "", filters={"status": "open", "region_path": "360000"}, facets=["categories", "urgency"]
    )

    assert sorted(h.ref for h in results.hits) == ["need-a", "need-b"]
    assert results.facets["categories"] == {"elderly_care": 1, "children": 1}
    assert results.facets["urgency"] == {"normal": 1, "urgent": 1}


def test_date_filter_treats_a_missing_deadline_as_open_ended(indexed):
    results = indexed.search("need", "", filters={"deadline": {"gte": dt.date(2027, 1, 1)}})

    assert sorted(h.ref for h in results.hits) == ["need-a", "need-b"]


def test_pages_and_slices(indexed):
    first = indexed.search("need", "", per_page=2, page=1)
    second = indexed.search("need", "", per_page=2, page=2)

    assert first.total == 3 and len(first.hits) == 2 and len(second.hits) == 1
    assert {h.ref for h in first.hits} | {h.ref for h in second.hits} == {"need-a", "need-b", "need-c"}
    assert len(first[1:3]) == 2


def test_unknown_filter_field_is_a_clear_error(indexed):
    with pytest.raises(SearchQueryError, match="不支持的筛选字段"):
        _ = indexed.search("need", "", filters={"id_number": "x"}).hits


def test_delete_removes_and_upsert_replaces(indexed):
    indexed.delete("need", ["need-a"])
    indexed.index("need", [{**NEEDS[1], "title": "留守儿童暑期夏令营"}])

    assert indexed.search("need", "敬老院").total == 0
    assert indexed.count("need") == 2
    assert indexed.get("need", "need-b")["title"] == "留守儿童暑期夏令营"


def test_retrieved_candidates_apply_hard_filters_and_carry_a_text_score(indexed):
    query = CandidateQuery(
        filters={"status": "open", "region_path": ["360300"]},
        terms={"敬老院": 0.9, "扶手": 0.4},
        category_boosts={"elderly_care": 0.5},
        limit=10,
    )

    candidates = indexed.retrieve_candidates("need", query)

    assert [c["ref"] for c in candidates] == ["need-a"]
    assert candidates[0]["_text_score"] > 0
    assert candidates[0]["published_on"] == dt.date(2026, 3, 1)


def test_rebuild_swaps_in_a_new_index_while_search_keeps_answering(indexed):
    seen_during_rebuild = []

    def docs():
        for doc in NEEDS[:2]:
            seen_during_rebuild.append(indexed.search("need", "护理补贴").total)
            yield doc

    indexed.rebuild("need", docs())

    assert seen_during_rebuild == [1, 1]  # the old index answered throughout
    assert indexed.search("need", "护理补贴").total == 0
    assert indexed.count("need") == 2


def test_health_reports_ok_and_document_counts(indexed):
    health = indexed.health()

    assert health["ok"] is True
    assert health["indexes"]["need"]["docs"] == 3


def test_percolation_finds_the_stored_profiles_a_need_fits(any_backend):
    """Standing profiles on an engine that percolates (Elasticsearch); others answer from the database."""
    from search.percolator import profile_percolator_document
    from search.standing_profiles.rules import ProfileSpec

    if not any_backend.supports_percolation:
        pytest.skip(f"{any_backend.name} 不支持 percolator：关注条件由数据库键索引回答")
    specs = {
        1: ProfileSpec(regions=("360300",), keywords=("敬老院",)),
        2: ProfileSpec(categories=("children",)),
        3: ProfileSpec(categories=("elderly_care",), min_urgency="critical"),
    }
    any_backend.profiles_put(
        [profile_percolator_document(profile_id=i, organisation=f"org-{i}", spec=s) for i, s in specs.items()]
    )
    assert any_backend.percolate(NEEDS[0]) == ["1"]
    assert any_backend.percolate(NEEDS[1]) == ["2"]
    any_backend.profiles_delete(["1"])
    assert any_backend.percolate(NEEDS[0]) == []
    assert any_backend.profiles_rebuild([]) == 0 and any_backend.percolate(NEEDS[1]) == []


def test_a_create_retried_after_a_timeout_finds_its_index_done_with_its_alias(live_backend):
    """On a busy cluster an index create can outlast the client's timeout; the client's retry (on
    another node) then finds the index the first request made: that is done, not an error, and the
    alias came with the index."""
    name, alias = f"{live_backend.prefix}-retried-create", f"{live_backend.prefix}-retried"
    body = {**live_backend._index_body("need"), "aliases": {alias: {}}}
    try:
        live_backend._create(name, body)
        live_backend._create(name, body)
        assert list(live_backend.client.indices.get_alias(name=alias)) == [name]
    finally:
        live_backend.client.indices.delete(index=name, ignore_unavailable=True)
