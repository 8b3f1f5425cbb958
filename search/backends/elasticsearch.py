"""The Elasticsearch backend, with ``elasticsearch.dsl``.

- Typed documents for needs, projects, volunteers and organisations; Chinese analysis chosen by
  the ``ANALYZER`` setting: ``ik`` (ik_max_word / ik_smart plugin), ``smartcn`` (plugin) or
  ``cjk`` (built in: CJK bigrams, works on any cluster).
- Hard filters in filter context (cached, no scoring); text relevance from ``match`` clauses;
  ``function_score`` adds a gauss decay on dates, field values and weight boosts for policy tags
  and urgency. The matcher policy then re-ranks the top-N exactly as on the embedded engine.
- Versioned indices ``<prefix>-<kind>-<version>`` behind the alias ``<prefix>-<kind>``; a rebuild
  fills a new index and moves the alias in one ``update_aliases`` call.

Query bodies are built by pure functions (``build_search``, ``build_candidates``) so they are
unit-tested with ``Search.to_dict()`` without a cluster.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Iterable

from elasticsearch.dsl import (
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Object,
    Q,
    Search,
    SF,
    Text,
    analyzer,
    token_filter,
)

from search.backends.base import (
    STORED_DATES,
    DATE_FIELDS,
    KEYWORD_FIELDS,
    BaseSearchBackend,
    CandidateQuery,
    Hit,
    SearchPage,
    SearchQueryError,
    SearchUnavailable,
    check_kind,
)
from search.matcher import FEATURES_KEY

ES_FEATURES = "features"  # names starting with "_" are reserved in Elasticsearch
TEXT_FIELDS = {"title": 2.0, "summary": 1.5, "description": 1.0, "organisation_name": 0.5}
ANALYZERS = ("ik", "smartcn", "cjk")


def chinese_analyzer(name: str):
    """The index-time analyzer and the search-time analyzer name for a setting value."""
    if name == "ik":
        return analyzer("zh", tokenizer="ik_max_word", filter=["lowercase"]), "ik_smart"
    if name == "smartcn":
        return analyzer("zh", tokenizer="smartcn_tokenizer", filter=["lowercase"]), "zh"
    if name == "cjk":
        bigram = token_filter("zh_bigram", type="cjk_bigram", output_unigrams=False)
        return analyzer("zh", tokenizer="standard", filter=["cjk_width", "lowercase", bigram]), "zh"
    raise SearchQueryError(f"未知的中文分词器：{name}（可选：{'、'.join(ANALYZERS)}）")


@lru_cache(maxsize=None)
def document_class(kind: str, analyzer_name: str) -> type[Document]:
    """A typed Document class for ``kind`` with the chosen Chinese analyzer."""
    zh, search_zh = chinese_analyzer(analyzer_name)
    attrs = {name: Keyword() for name in KEYWORD_FIELDS}
    attrs.update({name: Date() for name in DATE_FIELDS})
    attrs.update({name: Text(analyzer=zh, search_analyzer=search_zh) for name in TEXT_FIELDS})
    attrs.update({
        "region_tags": Keyword(), "org_type": Keyword(), "beneficiaries": Integer(),
        "amount_requested": Long(), "budget_available": Long(), "volunteer_slots": Integer(),
        "volunteers_needed": Integer(), "hours_per_month": Integer(), "first_response_on": Date(),
        "available_from": Date(), "available_until": Date(), "availability": Keyword(),
        ES_FEATURES: Object(enabled=False),
    })
    name = {"need": "NeedDocument", "project": "ProjectDocument", "volunteer": "VolunteerDocument",
            "organisation": "OrganisationDocument"}[kind]
    return type(name, (Document,), attrs)


def index_body(kind: str, analyzer_name: str) -> dict:
    """Settings and mappings of a new versioned index."""
    from elasticsearch.dsl import Index

    index = Index("template")
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(document_class(kind, analyzer_name))
    return index.to_dict()


def _filter_clauses(filters: dict) -> list:
    clauses = []
    for name, value in (filters or {}).items():
        if name in DATE_FIELDS and isinstance(value, dict):
            bounds = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in value.items()
                      if k in ("gte", "lte")}
            if not bounds:
                raise SearchQueryError(f"日期筛选条件无效：{name}")
            rng = Q("range", **{name: bounds})
            # A missing end date never ends.
            open_ended = "gte" in bounds and name in ("ends_on", "deadline")
            clauses.append(rng | ~Q("exists", field=name) if open_ended else rng)
        elif name in KEYWORD_FIELDS:
            values = list(value) if isinstance(value, (list, tuple, set)) else [value]
            clauses.append(Q("terms", **{name: [str(v) for v in values]}))
        else:
            raise SearchQueryError(f"不支持的筛选字段：{name}")
    return clauses


def build_search(search: Search, query: str, filters: dict, facets: Iterable[str], offset: int,
                 limit: int) -> Search:
    must = []
    if query:
        must.append(Q("multi_match", query=query[:200], operator="and",
                      fields=[f"{f}^{b}" for f, b in TEXT_FIELDS.items()]))
    s = search.query(Q("bool", must=must or [Q("match_all")], filter=_filter_clauses(filters)))
    for name in facets:
        if name not in KEYWORD_FIELDS:
            raise SearchQueryError(f"不支持的分面字段：{name}")
        s.aggs.bucket(name, "terms", field=name, size=200)
    if query:
        s = s.highlight("title", "description", "summary", pre_tags=["<mark>"], post_tags=["</mark>"],
                        fragment_size=120, number_of_fragments=1)
    return s.source(excludes=[ES_FEATURES])[offset:offset + limit]


def build_candidates(search: Search, kind: str, query: CandidateQuery, today: dt.date) -> Search:
    """Hard filters in filter context, weighted terms and category boosts as should clauses,
    and function_score for dates, field values and policy boosts."""
    should = []
    for term, weight in sorted(query.terms.items(), key=lambda kv: -kv[1])[:24]:
        should.append(Q("multi_match", query=term, fields=["title^2", "summary^1.5", "description"],
                        boost=round(float(weight), 4)))
    for category, boost in query.category_boosts.items():
        should.append(Q("constant_score", filter=Q("term", categories=category), boost=round(float(boost), 4)))
    base = Q("bool", filter=_filter_clauses(query.filters), should=should)
    functions = []
    if kind == "need":
        functions += [
            SF("gauss", deadline={"origin": today.isoformat(), "scale": "90d", "offset": "7d", "decay": 0.5},
               weight=0.5),
            SF("gauss", published_on={"origin": (today - dt.timedelta(days=365)).isoformat(), "scale": "180d",
                                      "decay": 0.5}, weight=0.3),
            SF({"filter": Q("terms", region_tags=["deep_poverty", "designated_county"]), "weight": 1.0}),
            SF({"filter": Q("terms", urgency=["urgent", "critical"]), "weight": 1.0}),
            SF("field_value_factor", field="beneficiaries", modifier="log1p", factor=0.1, missing=0),
        ]
    elif kind == "project":
        functions += [
            SF("field_value_factor", field="budget_available", modifier="log1p", factor=0.00001, missing=0),
            SF("field_value_factor", field="volunteer_slots", modifier="log1p", factor=0.1, missing=0),
            SF("gauss", ends_on={"origin": today.isoformat(), "scale": "365d", "offset": "30d", "decay": 0.5},
               weight=0.2),
        ]
    q = Q("function_score", query=base, functions=functions, score_mode="sum", boost_mode="sum") \
        if functions else base
    return search.query(q)[:query.limit]


def _to_source(doc: dict) -> dict:
    out = {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in doc.items()
           if k != FEATURES_KEY}
    if FEATURES_KEY in doc:
        out[ES_FEATURES] = doc[FEATURES_KEY]
    return out


def _from_source(source: dict) -> dict:
    doc = dict(source)
    if ES_FEATURES in doc:
        doc[FEATURES_KEY] = doc.pop(ES_FEATURES)
    for name in STORED_DATES:
        if isinstance(doc.get(name), str) and doc[name]:
            doc[name] = dt.date.fromisoformat(doc[name][:10])
    return doc


class ElasticsearchBackend(BaseSearchBackend):
    name = "elasticsearch"
    supports_percolation = True

    def __init__(self, params: dict):
        super().__init__(params)
        self.url = params.get("URL") or ""
        self.prefix = params.get("INDEX_PREFIX") or "bangfu"
        self.analyzer = params.get("ANALYZER") or "cjk"
        chinese_analyzer(self.analyzer)  # fail early on a bad setting
        self._client = None

    @property
    def client(self):
        if self._client is None:
            from elasticsearch import Elasticsearch

            if not self.url:
                raise SearchUnavailable("未配置 Elasticsearch 地址（ELASTICSEARCH_URL）")
            self._client = Elasticsearch(self.url, request_timeout=10, max_retries=1, retry_on_timeout=True)
        return self._client

    def alias(self, kind: str, suffix: str = "") -> str:
        check_kind(kind)
        return f"{self.prefix}-{kind}{suffix}"

    def _call(self, fn, *args, **kwargs):
        from elasticsearch import ApiError, TransportError

        try:
            return fn(*args, **kwargs)
        except (TransportError, ApiError) as exc:
            raise SearchUnavailable(f"Elasticsearch 不可用：{exc.__class__.__name__}", cause=exc) from exc

    def _ensure(self, kind: str) -> None:
        alias = self.alias(kind)
        if not self._call(self.client.indices.exists_alias, name=alias):
            name = f"{alias}-{dt.datetime.now(dt.timezone.utc):%Y%m%d%H%M%S%f}"
            self._call(self.client.indices.create, index=name, body=index_body(kind, self.analyzer))
            self._call(self.client.indices.put_alias, index=name, name=alias)

    def _write_aliases(self, kind: str) -> list[str]:
        aliases = [self.alias(kind)]
        if self._call(self.client.indices.exists_alias, name=self.alias(kind, "-building")):
            aliases.append(self.alias(kind, "-building"))
        return aliases

    def _bulk(self, actions) -> None:
        from elasticsearch.helpers import BulkIndexError, bulk

        try:
            self._call(bulk, self.client, actions, refresh="wait_for")
        except BulkIndexError as exc:
            raise SearchUnavailable(f"写入 Elasticsearch 失败：{len(exc.errors)} 条", cause=exc) from exc

    def index(self, kind: str, docs: list[dict]) -> int:
        docs = list(docs)
        if not docs:
            return 0
        self._ensure(kind)
        for alias in self._write_aliases(kind):
            self._bulk({"_op_type": "index", "_index": alias, "_id": d["ref"], "_source": _to_source(d)}
                       for d in docs)
        return len(docs)

    def delete(self, kind: str, refs: list[str]) -> int:
        refs = list(refs)
        if not refs:
            return 0
        self._ensure(kind)
        from elasticsearch.helpers import BulkIndexError, bulk

        for alias in self._write_aliases(kind):
            try:
                self._call(bulk, self.client, ({"_op_type": "delete", "_index": alias, "_id": r} for r in refs),
                           refresh="wait_for", raise_on_error=False)
            except BulkIndexError:
                pass  # already gone
        return len(refs)

    def rebuild(self, kind: str, docs: Iterable[dict], *, progress=None) -> str:
        from elasticsearch.helpers import bulk

        alias, building = self.alias(kind), self.alias(kind, "-building")
        name = f"{alias}-{dt.datetime.now(dt.timezone.utc):%Y%m%d%H%M%S%f}"
        self._call(self.client.indices.create, index=name, body=index_body(kind, self.analyzer))
        self._call(self.client.indices.put_alias, index=name, name=building)

        def actions():
            for d in docs:
                if progress is not None:
                    progress(1)
                yield {"_op_type": "index", "_index": name, "_id": d["ref"], "_source": _to_source(d)}

        self._call(bulk, self.client, actions())
        self._call(self.client.indices.refresh, index=name)
        old = []
        if self._call(self.client.indices.exists_alias, name=alias):
            old = list(self._call(self.client.indices.get_alias, name=alias).keys())
        swap = [{"remove": {"index": i, "alias": alias}} for i in old]
        swap += [{"add": {"index": name, "alias": alias}}, {"remove": {"index": name, "alias": building}}]
        self._call(self.client.indices.update_aliases, actions=swap)
        for index in old:
            self._call(self.client.indices.delete, index=index, ignore_unavailable=True)
        return name

    def clear(self) -> None:
        self._call(self.client.indices.delete, index=f"{self.prefix}-*", ignore_unavailable=True)

    # --- standing profiles: a percolator index (search/percolator.py) ---
    def _profiles_index(self, *, create: bool = True) -> str:
        from search.percolator import percolator_index_body, percolator_index_name

        name = percolator_index_name(self.prefix)
        if create and not self._call(self.client.indices.exists, index=name):
            self._call(self.client.indices.create, index=name, body=percolator_index_body(self.analyzer))
        return name

    def profiles_put(self, docs: list[dict]) -> int:
        docs = list(docs)
        if docs:
            index = self._profiles_index()
            self._bulk({"_op_type": "index", "_index": index, "_id": d["profile_id"], "_source": d} for d in docs)
        return len(docs)

    def profiles_delete(self, profile_ids: list[str]) -> int:
        from elasticsearch.helpers import bulk

        ids = [str(i) for i in profile_ids]
        if ids:
            index = self._profiles_index()
            self._call(bulk, self.client, ({"_op_type": "delete", "_index": index, "_id": i} for i in ids),
                       refresh="wait_for", raise_on_error=False)
        return len(ids)

    def profiles_rebuild(self, docs: Iterable[dict]) -> int:
        index = self._profiles_index(create=False)
        self._call(self.client.indices.delete, index=index, ignore_unavailable=True)
        return self.profiles_put(list(docs))

    def percolate(self, need: dict) -> list[str]:
        from search.percolator import build_percolate

        search = build_percolate(self._profiles_index(), need).using(self.client)
        return [str(hit.profile_id) for hit in self._call(lambda: list(search.scan()))]

    def _search(self, kind, query, filters, facets, offset, limit) -> SearchPage:
        self._ensure(kind)
        s = build_search(Search(using=self.client, index=self.alias(kind)), query, filters, facets, offset, limit)
        s = s.extra(track_total_hits=True)
        response = self._call(s.execute)
        hits = []
        for h in response.hits:
            doc = _from_source(h.to_dict())
            highlights = {k: " … ".join(v) for k, v in getattr(h.meta, "highlight", {}).to_dict().items()} \
                if hasattr(h.meta, "highlight") else {}
            hits.append(Hit(doc["ref"], float(h.meta.score or 0.0), doc, highlights))
        facet_counts = {name: {b.key: b.doc_count for b in response.aggregations[name].buckets}
                        for name in facets}
        return SearchPage(hits, int(response.hits.total.value), facet_counts, 1, limit)

    def match_candidates(self, kind: str, query: CandidateQuery) -> list[dict]:
        from search.documents import today_reference

        self._ensure(kind)
        today = query.filters.get("ends_on", {}).get("gte") if isinstance(query.filters.get("ends_on"), dict) \
            else None
        s = build_candidates(Search(using=self.client, index=self.alias(kind)), kind, query,
                             today or today_reference())
        out = []
        for h in self._call(s.execute).hits:
            doc = _from_source(h.to_dict())
            doc["_text_score"] = float(h.meta.score or 0.0)
            out.append(doc)
        return out

    def get(self, kind: str, ref: str) -> dict | None:
        from elasticsearch import NotFoundError

        self._ensure(kind)
        try:
            res = self.client.get(index=self.alias(kind), id=ref)
        except NotFoundError:
            return None
        except Exception as exc:  # transport errors
            raise SearchUnavailable(cause=exc) from exc
        return _from_source(res["_source"])

    def count(self, kind: str) -> int:
        self._ensure(kind)
        return int(self._call(self.client.count, index=self.alias(kind))["count"])

    def health(self) -> dict:
        try:
            state = self._call(self.client.cluster.health)
            indexes = {}
            for kind in ("need", "project", "volunteer", "organisation"):
                if self._call(self.client.indices.exists_alias, name=self.alias(kind)):
                    names = list(self._call(self.client.indices.get_alias, name=self.alias(kind)).keys())
                    indexes[kind] = {"version": names[0] if names else "", "docs": self.count(kind)}
        except SearchUnavailable as exc:
            return {"ok": False, "backend": self.name, "indexes": {}, "error": str(exc)}
        return {"ok": state["status"] in ("green", "yellow"), "backend": self.name, "indexes": indexes,
                "error": "" if state["status"] != "red" else "集群状态为 red"}
