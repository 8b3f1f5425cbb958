"""The Elasticsearch backend, with ``elasticsearch.dsl`` (bodies) and the cluster's own client
(``engine_client``: Elasticsearch in production, OpenSearch in development and CI).

- Typed documents for needs, projects, volunteers and organisations. Text is indexed twice: jieba
  tokens from ``search.analysis`` in whitespace-analysed ``title_seg`` / ``body_seg`` fields, which
  every search and candidate query scores, exactly as the embedded engine does (same tokens, same
  title boost, BM25 on both); and the raw text under the analyzer of the ``ANALYZER`` setting
  (``cjk`` bigrams, built in; or the ``ik`` / ``smartcn`` plugins) for highlights, escaped by the
  engine (``encoder: html``).
- Hard filters in filter context (cached, no scoring); the matcher policy re-ranks the candidates
  exactly as on the embedded engine, so the engine adds no boosts of its own (they made the
  candidate text scores, a matcher feature, differ between engines).
- Versioned indices ``<prefix>-<kind>-<version>`` behind the alias ``<prefix>-<kind>``; a rebuild
  fills a new index and moves the alias in one ``update_aliases`` call.

Query bodies are built by pure functions (``build_search``, ``build_candidates``) so they are
unit-tested with ``Search.to_dict()`` without a cluster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

from elasticsearch.dsl import (
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Object,
    Q,
    Search,
    Text,
)
from elasticsearch.dsl.response import Response

from search import analysis
from search.analysis import TITLE_BOOST
from search.backends.base import (
    DATE_FIELDS,
    DISPLAY_ONLY,
    KEYWORD_FIELDS,
    STORED_DATES,
    BaseSearchBackend,
    CandidateQuery,
    Hit,
    SearchPage,
    SearchQueryError,
    SearchUnavailable,
    check_kind,
)
from search.backends.chinese_analyzers import chinese_analyzer
from search.backends.engine_client import EngineClient, connect
from search.matcher import FEATURES_KEY
from search.matcher.features import FEATURES_VERSION
from search.percolator import build_percolate, percolator_index_body, percolator_index_name

ES_FEATURES = "features"  # names starting with "_" are reserved in Elasticsearch
TEXT_FIELDS = {"title": 2.0, "summary": 1.5, "description": 1.0, "organisation_name": 0.5}
SEG_TITLE, SEG_BODY = "title_seg", "body_seg"  # jieba tokens joined by spaces (search.analysis)
NOT_RETURNED = [ES_FEATURES, SEG_TITLE, SEG_BODY]
BULK_CHUNK = 1000  # documents per bulk request of a rebuild (about 1-2 MB of our documents)


@cache
def document_class(kind: str, analyzer_name: str) -> type[Document]:
    """A typed Document class for ``kind`` with the chosen Chinese analyzer."""
    zh, search_zh = chinese_analyzer(analyzer_name)
    attrs = {name: Keyword() for name in KEYWORD_FIELDS}
    attrs.update({name: Date() for name in DATE_FIELDS})
    attrs.update({name: Text(analyzer=zh, search_analyzer=search_zh) for name in TEXT_FIELDS})
    attrs.update(
        {
            "region_tags": Keyword(),
            "org_type": Keyword(),
            "beneficiaries": Integer(),
            "amount_requested": Long(),
            "budget_available": Long(),
            "volunteer_slots": Integer(),
            "volunteers_needed": Integer(),
            "hours_per_month": Integer(),
            "first_response_on": Date(),
            "available_from": Date(),
            "available_until": Date(),
            "availability": Keyword(),
            ES_FEATURES: Object(enabled=False),
            SEG_TITLE: Text(analyzer="whitespace"),
            SEG_BODY: Text(analyzer="whitespace"),
        }
    )
    name = {
        "need": "NeedDocument",
        "project": "ProjectDocument",
        "volunteer": "VolunteerDocument",
        "organisation": "OrganisationDocument",
    }[kind]
    return type(name, (Document,), attrs)


def index_body(kind: str, analyzer_name: str, *, shards: int = 1, replicas: int = 0) -> dict:
    """Settings and mappings of a new versioned index."""
    from elasticsearch.dsl import Index

    index = Index("template")
    index.settings(number_of_shards=shards, number_of_replicas=replicas)
    index.document(document_class(kind, analyzer_name))
    return index.to_dict()


def _filter_clauses(filters: dict) -> list:
    clauses = []
    for name, value in (filters or {}).items():
        if name in DATE_FIELDS and isinstance(value, dict):
            bounds = {
                k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in value.items() if k in ("gte", "lte")
            }
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


def _token(token: str, weight: float) -> list:
    """A token scored in the title (boosted) and in the body, as the embedded engine does."""
    return [
        Q("term", **{SEG_TITLE: {"value": token, "boost": round(weight * TITLE_BOOST, 6)}}),
        Q("term", **{SEG_BODY: {"value": token, "boost": round(weight, 6)}}),
    ]


def build_search(search: Search, query: str, filters: dict, facets: Iterable[str], offset: int, limit: int) -> Search:
    """Every word of the query must be found (as itself or one of its search-mode pieces);
    ``query_groups`` segments it the way the documents were."""
    groups = analysis.query_groups(query)
    must = [Q("bool", should=[c for token in group for c in _token(token, 1.0)]) for group in groups]
    if query and query.strip() and not groups:
        must = [Q("match_none")]  # punctuation only: finds nothing, as on the embedded engine
    s = search.query(Q("bool", must=must or [Q("match_all")], filter=_filter_clauses(filters)))
    for name in facets:
        if name not in KEYWORD_FIELDS:
            raise SearchQueryError(f"不支持的分面字段：{name}")
        s.aggs.bucket(name, "terms", field=name, size=200)
    if groups:
        words = " ".join(w for group in groups for w in group)
        s = s.highlight_options(
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            fragment_size=120,
            number_of_fragments=1,
            highlight_query=Q("multi_match", query=words, fields=["title", "summary", "description"]).to_dict(),
        ).highlight("title", "description", "summary")
    return s.source(excludes=NOT_RETURNED)[offset : offset + limit]


def build_candidates(search: Search, kind: str, query: CandidateQuery) -> Search:
    """Hard filters in filter context (no score); the matcher's weighted terms as jieba tokens and
    the category boosts as should clauses: the same query and scores as the embedded engine."""
    should = [c for token, weight in analysis.candidate_tokens(query.terms).items() for c in _token(token, weight)]
    for category, boost in query.category_boosts.items():
        should.append(Q("constant_score", filter=Q("term", categories=category), boost=round(float(boost), 6)))
    return search.query(Q("bool", filter=_filter_clauses(query.filters), should=should)).source(
        excludes=[SEG_TITLE, SEG_BODY, *sorted(DISPLAY_ONLY)]
    )[: query.limit]


def _to_source(doc: dict) -> dict:
    out = {
        k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in doc.items() if k != FEATURES_KEY
    }
    if FEATURES_KEY in doc:
        out[ES_FEATURES] = doc[FEATURES_KEY]
    out[SEG_TITLE], out[SEG_BODY] = analysis.document_text(doc)
    return out


def _from_source(source: dict) -> dict:
    doc = {k: v for k, v in source.items() if k not in (SEG_TITLE, SEG_BODY)}
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
        self.shards = int(params.get("SHARDS") or 1)
        self.replicas = int(params.get("REPLICAS") or 0)
        # How a write waits to be searchable: "wait_for" (the next scheduled refresh; production) or
        # "true" (refresh now: tests, where a 1 s wait per write would dominate).
        self.refresh = str(params.get("REFRESH") or "wait_for")
        # Seconds before a search (TIMEOUT) or a bulk write (WRITE_TIMEOUT) is given up (engine_client).
        self.timeouts = {
            "timeout": float(params.get("TIMEOUT") or 10),
            "write_timeout": float(params.get("WRITE_TIMEOUT") or 60),
        }
        chinese_analyzer(self.analyzer)  # fail early on a bad setting
        self._engine: EngineClient | None = None
        self._known: set[str] = set()  # aliases seen to exist

    @property
    def engine(self) -> EngineClient:
        """The client of the cluster's distribution, connected on first use (and again after the
        cluster was unreachable)."""
        if self._engine is None:
            if not self.url:
                raise SearchUnavailable("未配置 Elasticsearch 地址（ELASTICSEARCH_URL）")
            self._engine = connect(self.url, **self.timeouts)
        return self._engine

    @property
    def client(self):
        return self.engine.client

    @property
    def writer(self):
        """The client for bulk writes and index creation (longer timeout, see engine_client.connect)."""
        return self.engine.writer

    def _index_body(self, kind: str) -> dict:
        return index_body(kind, self.analyzer, shards=self.shards, replicas=self.replicas)

    def alias(self, kind: str, suffix: str = "") -> str:
        check_kind(kind)
        return f"{self.prefix}-{kind}{suffix}"

    def _call(self, fn, *args, **kwargs):
        errors = self.engine.errors
        try:
            return fn(*args, **kwargs)
        except errors as exc:
            raise SearchUnavailable(f"Elasticsearch 不可用：{exc.__class__.__name__}", cause=exc) from exc

    def _ensure(self, kind: str) -> None:
        alias = self.alias(kind)
        if alias in self._known:
            return  # one round trip less per request; clear() forgets
        if not self._call(self.client.indices.exists_alias, name=alias):
            name = f"{alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"
            # The alias is made with the index, in one request: never an index without its alias.
            self._create(name, {**self._index_body(kind), "aliases": {alias: {}}})
        self._known.add(alias)

    def _create(self, name: str, body: dict) -> None:
        """Create an index. One that already exists is done: on a busy cluster a create can outlast
        the client's timeout, and its retry (on another node) then finds the index the first made."""
        try:
            self._call(self.writer.indices.create, index=name, body=body)
        except SearchUnavailable as exc:
            if "resource_already_exists_exception" not in str(exc.cause):
                raise

    def _write_aliases(self, kind: str) -> list[str]:
        aliases = [self.alias(kind)]
        if self._call(self.client.indices.exists_alias, name=self.alias(kind, "-building")):
            aliases.append(self.alias(kind, "-building"))
        return aliases

    def _bulk(self, actions) -> None:
        try:
            self._call(self.engine.bulk, self.writer, actions, refresh=self.refresh)
        except self.engine.bulk_error as exc:
            raise SearchUnavailable(f"写入 Elasticsearch 失败：{len(exc.errors)} 条", cause=exc) from exc

    def index(self, kind: str, docs: list[dict]) -> int:
        docs = list(docs)
        if not docs:
            return 0
        self._ensure(kind)
        for alias in self._write_aliases(kind):
            self._bulk({"_op_type": "index", "_index": alias, "_id": d["ref"], "_source": _to_source(d)} for d in docs)
        return len(docs)

    def delete(self, kind: str, refs: list[str]) -> int:
        refs = list(refs)
        if not refs:
            return 0
        self._ensure(kind)
        for alias in self._write_aliases(kind):
            try:
                self._call(
                    self.engine.bulk,
                    self.writer,
                    ({"_op_type": "delete", "_index": alias, "_id": r} for r in refs),
                    refresh=self.refresh,
                    raise_on_error=False,
                )
            except self.engine.bulk_error:
                pass  # already gone
        return len(refs)

    def rebuild(self, kind: str, docs: Iterable[dict], *, progress=None) -> str:
        alias, building = self.alias(kind), self.alias(kind, "-building")
        name = f"{alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"
        # Filled without replicas (each document is written once, not once per copy); the replicas
        # are added before the swap (waited for a few seconds: recovery copies whole segments, fast).
        body = index_body(kind, self.analyzer, shards=self.shards, replicas=0)
        self._create(name, {**body, "aliases": {building: {}}})

        def actions():
            for d in docs:
                if progress is not None:
                    progress(1)
                yield {"_op_type": "index", "_index": name, "_id": d["ref"], "_source": _to_source(d)}

        self._call(self.engine.bulk, self.writer, actions(), chunk_size=BULK_CHUNK)
        self._call(self.writer.indices.refresh, index=name)
        if self.replicas:
            self._call(
                self.writer.indices.put_settings, index=name, body={"index": {"number_of_replicas": self.replicas}}
            )
            self._call(self.writer.cluster.health, index=name, wait_for_status="green", timeout="8s")
        old = []
        if self._call(self.client.indices.exists_alias, name=alias):
            old = list(self._call(self.client.indices.get_alias, name=alias).keys())
        swap = [{"remove": {"index": i, "alias": alias}} for i in old]
        swap += [{"add": {"index": name, "alias": alias}}, {"remove": {"index": name, "alias": building}}]
        self._call(self.writer.indices.update_aliases, body={"actions": swap})
        for index in old:
            self._call(self.writer.indices.delete, index=index, ignore_unavailable=True)
        return name

    def clear(self) -> None:
        self._known.clear()
        try:
            self._call(self.writer.indices.delete, index=f"{self.prefix}-*", ignore_unavailable=True)
        except SearchUnavailable as exc:
            # Retried after a connection error, a delete can find the indices it expanded to gone.
            if not isinstance(exc.cause, self.engine.not_found):
                raise

    # --- standing profiles: a percolator index (search/percolator.py) ---
    def _profiles_index(self, *, create: bool = True) -> str:
        name = percolator_index_name(self.prefix)
        if create and not self._call(self.client.indices.exists, index=name):
            self._create(name, percolator_index_body(self.analyzer, replicas=self.replicas))
        return name

    def profiles_put(self, docs: list[dict]) -> int:
        docs = list(docs)
        if docs:
            index = self._profiles_index()
            self._bulk({"_op_type": "index", "_index": index, "_id": d["profile_id"], "_source": d} for d in docs)
        return len(docs)

    def profiles_delete(self, profile_ids: list[str]) -> int:
        ids = [str(i) for i in profile_ids]
        if ids:
            index = self._profiles_index()
            self._call(
                self.engine.bulk,
                self.writer,
                ({"_op_type": "delete", "_index": index, "_id": i} for i in ids),
                refresh=self.refresh,
                raise_on_error=False,
            )
        return len(ids)

    def profiles_rebuild(self, docs: Iterable[dict]) -> int:
        index = self._profiles_index(create=False)
        self._call(self.client.indices.delete, index=index, ignore_unavailable=True)
        return self.profiles_put(list(docs))

    def percolate(self, need: dict) -> list[str]:
        index = self._profiles_index()
        body = build_percolate(index, need).to_dict()
        body.pop("size", None)  # scan pages by itself
        hits = self._call(lambda: list(self.engine.scan(self.client, index=index, query=body)))
        return [str(hit["_source"]["profile_id"]) for hit in hits]

    def _search(self, kind, query, filters, facets, offset, limit) -> SearchPage:
        self._ensure(kind)
        s = build_search(Search(index=self.alias(kind)), query, filters, facets, offset, limit)
        s = s.extra(track_total_hits=True)
        response = self._execute(s)
        hits = []
        for h in response.hits:
            doc = _from_source(h.to_dict())
            highlights = (
                {k: " … ".join(v) for k, v in getattr(h.meta, "highlight", {}).to_dict().items()}
                if hasattr(h.meta, "highlight")
                else {}
            )
            hits.append(Hit(doc["ref"], float(h.meta.score or 0.0), doc, highlights))
        facet_counts = {name: {b.key: b.doc_count for b in response.aggregations[name].buckets} for name in facets}
        return SearchPage(hits, int(response.hits.total.value), facet_counts, 1, limit)

    def retrieve_candidates(self, kind: str, query: CandidateQuery) -> list[dict]:
        self._ensure(kind)
        s = build_candidates(Search(index=self.alias(kind)), kind, query)
        out, stale = [], []
        for h in self._execute(s).hits:
            doc = _from_source(h.to_dict())
            if (doc.get(FEATURES_KEY) or {}).get("v") != FEATURES_VERSION:
                stale.append(doc)  # features of an older matcher: recomputed from the full text
            doc["_text_score"] = float(h.meta.score or 0.0)
            out.append(doc)
        if stale:
            full = self._call(
                self.client.mget,
                index=self.alias(kind),
                body={"ids": [d["ref"] for d in stale]},
                _source_excludes=",".join(NOT_RETURNED),
            )
            texts = {d["_id"]: _from_source(d["_source"]) for d in full["docs"] if d.get("found")}
            for doc in stale:
                doc.pop(FEATURES_KEY, None)
                doc.update({k: v for k, v in texts.get(doc["ref"], {}).items() if k in DISPLAY_ONLY})
        return out

    def _execute(self, s: Search) -> Response:
        """Send the body built by elasticsearch.dsl through the cluster's own client."""
        raw = self._call(self.client.search, index=s._index[0], body=s.to_dict())
        return Response(s, raw if isinstance(raw, dict) else raw.body)

    def get(self, kind: str, ref: str) -> dict | None:
        self._ensure(kind)
        try:
            res = self.client.get(index=self.alias(kind), id=ref)
        except self.engine.not_found:
            return None
        except self.engine.errors as exc:
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
        return {
            "ok": state["status"] in ("green", "yellow"),
            "backend": self.name,
            "indexes": indexes,
            "error": "" if state["status"] != "red" else "集群状态为 red",
        }
