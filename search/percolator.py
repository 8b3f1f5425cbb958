"""Standing profiles on Elasticsearch: a percolator index holding one stored query per profile.

A newly published need is percolated (``build_percolate``) and every hit is a profile it fits. The
stored query says exactly what ``search.standing_profiles.rules.profile_fits`` says on the embedded engine:
covering region, shared category, minimum urgency (as a terms filter on the urgencies at or above
it) and, if given, any one keyword as a phrase in the title or the description. Pure builders;
unit-tested with ``to_dict()``.
"""

from __future__ import annotations

from elasticsearch.dsl import Index, Keyword, Percolator, Q, Search, Text

from search.backends.chinese_analyzers import chinese_analyzer
from search.standing_profiles.rules import URGENCY_RANK, ProfileSpec

NEED_FIELDS = ("region_path", "categories", "urgency", "title", "description")


def percolator_index_name(prefix: str) -> str:
    return f"{prefix}-profiles"


def percolator_index_body(analyzer_name: str = "cjk", *, replicas: int = 0) -> dict:
    """Mappings of the percolator index: the need fields the stored queries read, the query itself,
    and the profile's id and organisation."""
    zh, search_zh = chinese_analyzer(analyzer_name)
    index = Index("template")
    index.settings(number_of_shards=1, number_of_replicas=replicas)
    index.analyzer(zh)
    body = index.to_dict()
    body["mappings"] = {
        "properties": {
            "query": Percolator().to_dict(),
            "profile_id": Keyword().to_dict(),
            "organisation": Keyword().to_dict(),
            "region_path": Keyword().to_dict(),
            "categories": Keyword().to_dict(),
            "urgency": Keyword().to_dict(),
            "title": Text(analyzer=zh, search_analyzer=search_zh).to_dict(),
            "description": Text(analyzer=zh, search_analyzer=search_zh).to_dict(),
        }
    }
    return body


def profile_query(spec: ProfileSpec) -> Q:
    """The stored query of one profile (filter context only: a profile fits or it does not)."""
    filters = []
    if spec.regions:
        filters.append(Q("terms", region_path=list(spec.regions)))
    if spec.categories:
        filters.append(Q("terms", categories=list(spec.categories)))
    floor = URGENCY_RANK.get(spec.min_urgency, 0)
    if floor > 0:
        filters.append(Q("terms", urgency=[u for u, rank in URGENCY_RANK.items() if rank >= floor]))
    if spec.keywords:
        phrases = [Q("match_phrase", **{name: word}) for word in spec.keywords for name in ("title", "description")]
        filters.append(Q("bool", should=phrases, minimum_should_match=1))
    return Q("bool", filter=filters) if filters else Q("match_all")


def profile_percolator_document(*, profile_id: int, organisation: str, spec: ProfileSpec) -> dict:
    """The document stored in the percolator index for one profile."""
    return {"profile_id": str(profile_id), "organisation": organisation, "query": profile_query(spec).to_dict()}


def build_percolate(index: str, need: dict, *, size: int = 1000) -> Search:
    """The search that returns every profile the need fits."""
    document = {name: need.get(name) for name in NEED_FIELDS if need.get(name) not in (None, "", [])}
    return (
        Search(index=index)
        .query(Q("percolate", field="query", document=document))
        .source(["profile_id", "organisation"])
        .extra(size=size)
    )
