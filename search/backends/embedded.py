"""The embedded backend: tantivy index files on disk, jieba segmentation (search/analysis.py).

Layout under ``PATH``: one directory per kind and version (``need-20261129T154800123456``) and a
pointer file per kind (``need.current``) naming the version that answers. A rebuild writes a new
version directory and then replaces the pointer with ``os.replace`` (atomic on POSIX): searches
keep answering from the old version until the swap. While a rebuild runs (``need.building``),
writes go to both versions so nothing is lost by the swap.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import marshal
import multiprocessing
import os
import shutil
import threading
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import tantivy

from search import analysis
from search.backends.base import (
    DATE_FIELDS,
    DISPLAY_ONLY,
    KEYWORD_FIELDS,
    OPEN_ENDED,
    STORED_DATES,
    BaseSearchBackend,
    CandidateQuery,
    Hit,
    SearchPage,
    SearchQueryError,
    SearchUnavailable,
    check_kind,
)
from search.matcher.features import FEATURES_KEY, FEATURES_VERSION

TOKENIZER = "zh_ws"
TITLE_BOOST = analysis.TITLE_BOOST
WRITER_HEAP = 15_000_000  # small incremental writes: the commit (fsync) dominates anyway
REBUILD_HEAP = 128_000_000
_DATE_DEFAULT = {"ends_on": OPEN_ENDED, "deadline": OPEN_ENDED, "starts_on": dt.date.min, "published_on": dt.date.min}
_DISPLAY_ONLY = DISPLAY_ONLY  # left out of the compact "match" copy that candidate retrieval decodes


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, stored=False, fast=True, tokenizer_name="raw", index_option="basic")
    for name in DATE_FIELDS:
        sb.add_integer_field(name, indexed=True, fast=True)
    sb.add_text_field("title_t", tokenizer_name=TOKENIZER, index_option="freq")
    sb.add_text_field("body_t", tokenizer_name=TOKENIZER, index_option="freq")
    sb.add_bytes_field("doc", stored=True)
    sb.add_bytes_field("match", stored=True)
    return sb.build()


def _analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
        .filter(tantivy.Filter.remove_long(analysis.MAX_TOKEN_CHARS * 4))
        .filter(tantivy.Filter.lowercase())
        .build()
    )


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value):
    """``value`` with dates as ISO strings and tuples as lists (what marshal and JSON both keep);
    scalars are passed over without a call, as the features hold hundreds of them per document."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return {k: v if type(v) in _SCALARS else _plain(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# Stored documents are marshal-encoded (plain str/int/float/list/dict only, no code, no dates):
# decoding is several times faster than JSON, which matters when re-ranking hundreds of
# candidates with their features. The index is derived data: a Python upgrade that changes the
# marshal format is handled by ``search_index rebuild``; the leading byte names the format.
_MARSHAL = b"\x01"


def encode(doc: dict) -> bytes:
    return _MARSHAL + marshal.dumps(_plain(doc), 4)


def decode(data: bytes) -> dict:
    doc = marshal.loads(data[1:]) if data[:1] == _MARSHAL else json.loads(data)
    for name in STORED_DATES:
        value = doc.get(name)
        if isinstance(value, str) and value:
            doc[name] = dt.date.fromisoformat(value[:10])
    return doc


def _as_ordinal(value, default: dt.date) -> int:
    if value in (None, ""):
        value = default
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.toordinal()


def prepare(doc: dict) -> tuple:
    """Everything a tantivy document needs, as plain picklable values: the costly part
    (segmentation, encoding), which a rebuild spreads over worker processes."""
    keywords = []
    for name in KEYWORD_FIELDS:
        value = doc.get(name)
        if value is None or value == "":
            continue
        keywords += [(name, str(v)) for v in (value if isinstance(value, (list, tuple)) else [value])]
    dates = [
        (name, _as_ordinal(doc.get(name), _DATE_DEFAULT[name]))
        for name in DATE_FIELDS
        if name in doc or name in ("ends_on", "deadline")
    ]
    title, body = analysis.document_text(doc)
    plain = _plain(doc)
    compact = _MARSHAL + marshal.dumps({k: v for k, v in plain.items() if k not in _DISPLAY_ONLY}, 4)
    return keywords, dates, title, body, _MARSHAL + marshal.dumps(plain, 4), compact


def from_prepared(prepared: tuple) -> tantivy.Document:
    keywords, dates, title, body, full, compact = prepared
    tdoc = tantivy.Document()
    for name, value in keywords:
        tdoc.add_text(name, value)
    for name, value in dates:
        tdoc.add_integer(name, value)
    tdoc.add_text("title_t", title)
    tdoc.add_text("body_t", body)
    tdoc.add_bytes("doc", full)
    tdoc.add_bytes("match", compact)
    return tdoc


def to_tantivy(doc: dict, kind: str = "") -> tantivy.Document:
    return from_prepared(prepare(doc))


def _chunks(items: Iterable, size: int):
    chunk = []
    for item in items:  # read in this thread: the documents may come from the database
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _prepare_partition(source, part) -> list[tuple]:
    """In a worker process: read one id range from the database and prepare its documents."""
    return [prepare(doc) for doc in source.read(part)]


class _PreparedStream:
    """Prepared documents in batches, in the source's order.

    A source that can be split (``partitions()``, ``read(part)``, see ``search.document_source``)
    is read by forked worker processes, each reading, building and segmenting whole id ranges; at
    most ``2 × workers`` ranges are in flight, so memory stays bounded whatever the size. Any other
    iterable (and a small or unsplittable source) is prepared here, in batches."""

    def __init__(self, docs: Iterable[dict], workers: int, batch_size: int):
        self.docs, self.workers, self.batch_size = docs, workers, batch_size
        self.parts = None
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods() and hasattr(docs, "partitions"):
            if docs.can_fork():
                self.parts = docs.partitions()
        self.pool = None

    def __enter__(self):
        if self.parts is not None and len(self.parts) > 1:
            self.docs.before_fork()
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
            self.pool.submit(int).result()  # fork every worker now, before this process opens a writer
        return self

    def __exit__(self, *exc):
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def __iter__(self):
        if self.pool is None:
            parts = self.parts if self.parts is not None else [None]
            for part in parts:
                docs = self.docs if part is None else self.docs.read(part)
                for chunk in _chunks(docs, self.batch_size):
                    yield [prepare(d) for d in chunk]
            return
        parts, pending = iter(self.parts), deque()
        for part in itertools.islice(parts, 2 * self.workers):
            pending.append(self.pool.submit(_prepare_partition, self.docs, part))
        while pending:
            batch = pending.popleft().result()
            part = next(parts, None)
            if part is not None:
                pending.append(self.pool.submit(_prepare_partition, self.docs, part))
            yield batch


class _Version:
    """One opened version directory of one kind."""

    def __init__(self, path: Path, schema: tantivy.Schema):
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.index = tantivy.Index(schema, path=str(path), reuse=True)
        self.index.register_tokenizer(TOKENIZER, _analyzer())
        self.lock = threading.Lock()

    def writer(self, heap_size: int = WRITER_HEAP):
        try:
            return self.index.writer(heap_size=heap_size, num_threads=1)
        except ValueError as exc:  # another writer holds the lock
            raise SearchUnavailable("搜索索引正在被其他进程写入，请稍后重试", cause=exc) from exc


class EmbeddedBackend(BaseSearchBackend):
    supports_percolation = False
    name = "embedded"

    def __init__(self, params: dict):
        super().__init__(params)
        self.root = Path(params.get("PATH") or "search-index")
        self.schema = build_schema()
        self._open: dict[str, tuple[int, str, _Version]] = {}
        self._lock = threading.Lock()

    # --- files and versions ---
    def _pointer(self, kind: str, suffix: str = "current") -> Path:
        return self.root / f"{kind}.{suffix}"

    def _ensure_root(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SearchUnavailable(f"搜索索引目录不可用：{exc.strerror or exc}", cause=exc) from exc

    def _write_pointer(self, kind: str, version: str, suffix: str = "current") -> None:
        tmp = self._pointer(kind, suffix + ".tmp")
        tmp.write_text(version, encoding="utf-8")
        os.replace(tmp, self._pointer(kind, suffix))

    def _new_version_name(self, kind: str) -> str:
        return f"{kind}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%f}"

    def _current(self, kind: str, *, create: bool = True) -> _Version | None:
        """The version answering now, reopened when the pointer changed (another process swapped)."""
        check_kind(kind)
        pointer = self._pointer(kind)
        try:
            stamp = pointer.stat().st_mtime_ns
        except FileNotFoundError:
            if not create:
                return None
            self._ensure_root()
            with self._lock:
                if not pointer.exists():
                    name = self._new_version_name(kind)
                    _Version(self.root / name, self.schema)
                    self._write_pointer(kind, name)
            stamp = pointer.stat().st_mtime_ns
        except OSError as exc:
            raise SearchUnavailable(f"搜索索引不可读：{exc}", cause=exc) from exc
        cached = self._open.get(kind)
        if cached and cached[0] == stamp:
            return cached[2]
        name = pointer.read_text(encoding="utf-8").strip()
        if cached and cached[1] == name:
            version = cached[2]
        else:
            try:
                version = _Version(self.root / name, self.schema)
            except (OSError, ValueError) as exc:
                hint = "（索引格式已变，请运行 manage.py search_index rebuild）" if "schema" in str(exc) else ""
                raise SearchUnavailable(f"搜索索引无法打开：{exc}{hint}", cause=exc) from exc
        self._open[kind] = (stamp, name, version)
        return version

    def _building(self, kind: str) -> _Version | None:
        try:
            name = self._pointer(kind, "building").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return _Version(self.root / name, self.schema)

    def _targets(self, kind: str) -> list[_Version]:
        targets = [self._current(kind)]
        building = self._building(kind)
        if building is not None:
            targets.append(building)
        return targets

    # --- writes ---
    def index(self, kind: str, docs: list[dict]) -> int:
        docs = list(docs)
        if not docs:
            return 0
        prepared = [(d["ref"], to_tantivy(d)) for d in docs]
        for version in self._targets(kind):
            self._write(version, prepared, [])
        return len(docs)

    def delete(self, kind: str, refs: list[str]) -> int:
        refs = list(refs)
        if not refs:
            return 0
        for version in self._targets(kind):
            self._write(version, [], refs)
        return len(refs)

    def _write(self, version: _Version, prepared, deletes) -> None:
        with version.lock:
            writer = version.writer()
            try:
                for ref in deletes:
                    writer.delete_documents_by_term("ref", ref)
                for ref, tdoc in prepared:
                    writer.delete_documents_by_term("ref", ref)
                    writer.add_document(tdoc)
                writer.commit()
                writer.wait_merging_threads()
            except (OSError, ValueError) as exc:
                raise SearchUnavailable(f"写入搜索索引失败：{exc}", cause=exc) from exc
            finally:
                del writer
            version.index.reload()

    def rebuild(self, kind: str, docs: Iterable[dict], *, progress=None, batch_size: int = 1000) -> str:
        """Fill a new version from ``docs`` and swap it in. On any failure (a worker's included) the
        new version is removed, the old one keeps answering, and ``SearchUnavailable`` says so."""
        check_kind(kind)
        self._ensure_root()
        try:
            old = self._current(kind)
        except SearchUnavailable:  # e.g. an index of an older format: the rebuild replaces it
            old = None
        name = self._new_version_name(kind)
        version = _Version(self.root / name, self.schema)
        self._write_pointer(kind, name, "building")
        try:
            self._fill(version, docs, progress, batch_size)
            self._write_pointer(kind, name)
        except BaseException as exc:
            shutil.rmtree(version.path, ignore_errors=True)
            if not isinstance(exc, Exception):
                raise
            raise SearchUnavailable(
                f"重建 {kind} 索引失败，旧索引继续提供服务：{type(exc).__name__}: {exc}", cause=exc
            ) from exc
        finally:
            self._pointer(kind, "building").unlink(missing_ok=True)
        self._open.pop(kind, None)
        self._collect_old(kind, keep={name, old.path.name if old else ""})
        return name

    def _fill(self, version: _Version, docs: Iterable[dict], progress, batch_size: int) -> None:
        workers = int(self.params.get("WORKERS") or os.cpu_count() or 1)
        with version.lock, _PreparedStream(docs, workers, batch_size) as stream:
            writer = version.writer(REBUILD_HEAP)  # after the workers are forked: they hold no writer
            try:
                for batch in stream:
                    for prepared in batch:
                        writer.add_document(from_prepared(prepared))
                    if progress is not None:
                        progress(len(batch))
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            writer.wait_merging_threads()
            del writer
        version.index.reload()

    def _collect_old(self, kind: str, keep: set[str]) -> None:
        """Remove versions older than the previous one (a reader may still hold the previous)."""
        for path in self.root.glob(f"{kind}-*"):
            if path.is_dir() and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def clear(self) -> None:
        self._open.clear()
        shutil.rmtree(self.root, ignore_errors=True)

    # --- reads ---
    def _searcher(self, kind: str):
        version = self._current(kind)
        return version, version.index.searcher()

    def _filter_clauses(self, filters: dict) -> list[tantivy.Query]:
        clauses = []
        for name, value in (filters or {}).items():
            if name in DATE_FIELDS and isinstance(value, dict):
                bounds = {k: _as_ordinal(v, dt.date.min) for k, v in value.items() if k in ("gte", "lte")}
                if not bounds:
                    raise SearchQueryError(f"日期筛选条件无效：{name}")
                clauses.append(
                    tantivy.Query.range_query(
                        self.schema,
                        name,
                        tantivy.FieldType.Integer,
                        lower_bound=bounds.get("gte"),
                        upper_bound=bounds.get("lte"),
                    )
                )
            elif name in KEYWORD_FIELDS:
                values = [str(v) for v in (value if isinstance(value, (list, tuple, set)) else [value])]
                if not values:
                    clauses.append(tantivy.Query.empty_query())
                elif len(values) == 1:
                    clauses.append(tantivy.Query.term_query(self.schema, name, values[0]))
                else:
                    clauses.append(tantivy.Query.term_set_query(self.schema, name, values))
            else:
                raise SearchQueryError(f"不支持的筛选字段：{name}")
        return clauses

    def _text_query(self, groups: list[list[str]]) -> tantivy.Query | None:
        if not groups:
            return None
        musts = []
        for group in groups:
            alternatives = []
            for token in group:
                alternatives.append(
                    tantivy.Query.boost_query(tantivy.Query.term_query(self.schema, "title_t", token), TITLE_BOOST)
                )
                alternatives.append(tantivy.Query.term_query(self.schema, "body_t", token))
            musts.append(
                (tantivy.Occur.Must, tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in alternatives]))
            )
        return tantivy.Query.boolean_query(musts)

    def _combine(self, filters: list, scoring: tantivy.Query | None) -> tantivy.Query:
        if not filters:
            return scoring or tantivy.Query.all_query()
        flt = (
            filters[0] if len(filters) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Must, f) for f in filters])
        )
        flt = tantivy.Query.const_score_query(flt, 0.0)
        if scoring is None:
            return flt
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, flt), (tantivy.Occur.Must, scoring)])

    def _search(self, kind, query, filters, facets, offset, limit) -> SearchPage:
        version, searcher = self._searcher(kind)
        groups = analysis.query_groups(query)
        if query and query.strip() and not groups:
            return SearchPage([], 0, {f: {} for f in facets}, 1, limit)  # only punctuation
        q = self._combine(self._filter_clauses(filters), self._text_query(groups))
        result = searcher.search(q, limit=max(1, limit), offset=offset, count=True)
        hits = []
        for score, address in result.hits:
            doc = decode(searcher.doc(address)["doc"][0])
            doc.pop("_features", None)
            highlights = {}
            if groups:
                highlights = {
                    "title": analysis.highlight(doc.get("title") or "", groups, width=80),
                    "description": analysis.highlight(
                        " ".join(filter(None, [doc.get("summary"), doc.get("description")])), groups
                    ),
                }
            hits.append(Hit(doc["ref"], float(score), doc, highlights))
        facet_counts = {}
        for name in facets:
            if name not in KEYWORD_FIELDS:
                raise SearchQueryError(f"不支持的分面字段：{name}")
            agg = searcher.aggregate(q, {name: {"terms": {"field": name, "size": 200}}})
            facet_counts[name] = {b["key"]: int(b["doc_count"]) for b in agg[name]["buckets"]}
        return SearchPage(hits, int(result.count or 0), facet_counts, 1, limit)

    def retrieve_candidates(self, kind: str, query: CandidateQuery) -> list[dict]:
        version, searcher = self._searcher(kind)
        should = []
        for token, weight in analysis.candidate_tokens(query.terms).items():
            should.append(
                tantivy.Query.boost_query(tantivy.Query.term_query(self.schema, "title_t", token), weight * TITLE_BOOST)
            )
            should.append(tantivy.Query.boost_query(tantivy.Query.term_query(self.schema, "body_t", token), weight))
        for category, boost in query.category_boosts.items():
            should.append(
                tantivy.Query.const_score_query(
                    tantivy.Query.term_query(self.schema, "categories", category), float(boost)
                )
            )
        filters = self._filter_clauses(query.filters)
        if not should:
            q = self._combine(filters, None)
        else:
            clauses = [(tantivy.Occur.Should, s) for s in should]
            if filters:
                flt = tantivy.Query.boolean_query([(tantivy.Occur.Must, f) for f in filters])
                clauses.insert(0, (tantivy.Occur.Must, tantivy.Query.const_score_query(flt, 0.0)))
            q = tantivy.Query.boolean_query(clauses)
        result = searcher.search(q, limit=max(1, query.limit), count=False)
        out = []
        for score, address in result.hits:
            stored = searcher.doc(address)
            doc = decode(stored["match"][0])
            if (doc.get(FEATURES_KEY) or {}).get("v") != FEATURES_VERSION:
                doc = decode(stored["doc"][0])  # features of an older matcher: recomputed from text
            doc["_text_score"] = float(score)
            out.append(doc)
        return out

    def get(self, kind: str, ref: str) -> dict | None:
        version, searcher = self._searcher(kind)
        hits = searcher.search(tantivy.Query.term_query(self.schema, "ref", ref), limit=1, count=False).hits
        return decode(searcher.doc(hits[0][1])["doc"][0]) if hits else None

    def count(self, kind: str) -> int:
        return self._searcher(kind)[1].num_docs

    def size_on_disk(self, kind: str) -> int:
        version = self._current(kind)
        return sum(p.stat().st_size for p in version.path.rglob("*") if p.is_file())

    def health(self) -> dict:
        started = time.perf_counter()
        indexes = {}
        try:
            from search.backends.base import KINDS

            for kind in KINDS:
                version = self._current(kind)
                indexes[kind] = {"version": version.path.name, "docs": version.index.searcher().num_docs}
        except SearchUnavailable as exc:
            return {"ok": False, "backend": self.name, "indexes": indexes, "error": str(exc)}
        return {
            "ok": True,
            "backend": self.name,
            "indexes": indexes,
            "error": "",
            "took_ms": round((time.perf_counter() - started) * 1000, 2),
        }
