"""The search backend interface, loaded from ``settings.SEARCH_BACKENDS`` like Django's caches.

Views and services never branch on which backend runs: they call ``get_search_backend()`` and
the methods below. A backend that cannot answer raises ``SearchUnavailable`` (a Chinese message
for people); callers that write to the database catch it and leave the work in the outbox.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

KINDS = ("need", "project", "volunteer", "organisation")

# Filterable keyword fields of the flat documents (see search/documents.py). A filter value is a
# string (term), a list (any of) or, for the date fields, ``{"gte": date}`` / ``{"lte": date}``.
KEYWORD_FIELDS = (
    "ref",
    "status",
    "categories",
    "skills",
    "region",
    "region_path",
    "service_regions",
    "urgency",
    "circle",
    "organisation",
    "organisation_status",
)
DATE_FIELDS = ("ends_on", "starts_on", "deadline", "published_on")
# Free text the matcher reads only through the stored features: candidate retrieval leaves it out
# (both engines), and reads it only for documents whose features are from an older matcher.
DISPLAY_ONLY = frozenset({"title", "summary", "description", "organisation_name", "region_name"})
# Dates a stored document carries (ISO strings in the engines, ``datetime.date`` when read back).
STORED_DATES = (
    "deadline",
    "published_on",
    "first_response_on",
    "starts_on",
    "ends_on",
    "available_from",
    "available_until",
)
FACET_FIELDS = ("categories", "region_path", "urgency", "circle", "status", "skills", "service_regions")

OPEN_ENDED = dt.date(9999, 12, 31)  # a missing end date never ends


class SearchUnavailable(Exception):
    """The search engine cannot answer now. The message is for people."""

    default_message = "搜索服务暂时不可用，请稍后再试（Search is temporarily unavailable）"

    def __init__(self, message: str = "", *, cause: BaseException | None = None):
        super().__init__(message or self.default_message)
        self.cause = cause


class SearchQueryError(ValueError):
    """The query or a filter cannot be understood. The message is for people."""


@dataclass
class Hit:
    ref: str
    score: float
    doc: dict
    highlights: dict[str, str] = field(default_factory=dict)


@dataclass
class SearchPage:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]]
    page: int
    per_page: int

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page)) if self.per_page else 1


class SearchResults:
    """Lazy results: nothing runs until a page, a slice, ``len()`` or the facets are asked for."""

    def __init__(
        self,
        backend: BaseSearchBackend,
        kind: str,
        query: str,
        filters: dict | None,
        facets: Iterable[str],
        page: int,
        per_page: int,
    ):
        self.backend, self.kind, self.query = backend, kind, query
        self.filters, self.facet_fields = dict(filters or {}), tuple(facets or ())
        self.page_number, self.per_page = max(1, int(page)), max(1, min(int(per_page), 100))
        self._page: SearchPage | None = None

    def _run(self, offset: int, limit: int, with_facets: bool) -> SearchPage:
        return self.backend._search(
            self.kind, self.query, self.filters, self.facet_fields if with_facets else (), offset, limit
        )

    def page(self) -> SearchPage:
        if self._page is None:
            page = self._run((self.page_number - 1) * self.per_page, self.per_page, True)
            page.page, page.per_page = self.page_number, self.per_page
            self._page = page
        return self._page

    @property
    def hits(self) -> list[Hit]:
        return self.page().hits

    @property
    def total(self) -> int:
        return self.page().total

    @property
    def facets(self) -> dict[str, dict[str, int]]:
        return self.page().facets

    def __len__(self) -> int:
        return self.total

    def __iter__(self):
        return iter(self.hits)

    def __getitem__(self, key):
        if isinstance(key, slice):
            start = key.start or 0
            stop = key.stop if key.stop is not None else start + self.per_page
            if start < 0 or stop < start or key.step not in (None, 1):
                raise SearchQueryError("不支持的分页方式")
            return self._run(start, stop - start, False).hits
        if key < 0:
            raise SearchQueryError("不支持负数下标")
        hits = self._run(key, 1, False).hits
        if not hits:
            raise IndexError(key)
        return hits[0]


@dataclass(frozen=True)
class CandidateQuery:
    """What a matcher asks a backend for: the hard filters, a weighted text query and
    category boosts; the backend returns the top ``limit`` documents with ``_text_score``."""

    filters: dict
    terms: dict[str, float] = field(default_factory=dict)
    category_boosts: dict[str, float] = field(default_factory=dict)
    limit: int = 200


class BaseSearchBackend:
    """A small interface. Capability flags tell what an implementation offers."""

    supports_facets = True
    supports_highlights = True
    supports_atomic_rebuild = True
    supports_percolation = False

    def __init__(self, params: dict):
        self.params = params

    # --- writes ---
    def index(self, kind: str, docs: list[dict]) -> int:
        raise NotImplementedError

    def delete(self, kind: str, refs: list[str]) -> int:
        raise NotImplementedError

    def rebuild(self, kind: str, docs: Iterable[dict], *, progress=None) -> str:
        """Build a new versioned index from ``docs`` and swap it in atomically; the old one keeps
        answering until the swap. Returns the new version name."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    # --- standing profiles (percolation), where ``supports_percolation`` ---
    def profiles_put(self, docs: list[dict]) -> int:
        """Store profiles (``search.percolator.profile_percolator_document``), replacing by id."""
        raise NotImplementedError

    def profiles_delete(self, profile_ids: list[str]) -> int:
        raise NotImplementedError

    def profiles_rebuild(self, docs: Iterable[dict]) -> int:
        """Replace every stored profile with ``docs``."""
        raise NotImplementedError

    def percolate(self, need: dict) -> list[str]:
        """Ids of the stored profiles that ``need`` (a need document) fits."""
        raise NotImplementedError

    # --- reads ---
    def search(
        self,
        kind: str,
        query: str = "",
        *,
        filters: dict | None = None,
        facets: Iterable[str] = (),
        page: int = 1,
        per_page: int = 20,
    ) -> SearchResults:
        check_kind(kind)
        return SearchResults(self, kind, query or "", filters, facets, page, per_page)

    def _search(self, kind, query, filters, facets, offset, limit) -> SearchPage:
        raise NotImplementedError

    def retrieve_candidates(self, kind: str, query: CandidateQuery) -> list[dict]:
        raise NotImplementedError

    def get(self, kind: str, ref: str) -> dict | None:
        raise NotImplementedError

    def count(self, kind: str) -> int:
        raise NotImplementedError

    def health(self) -> dict[str, Any]:
        """``{"ok": bool, "backend": name, "indexes": {kind: {"version":…, "docs":…}}, "error": …}``."""
        raise NotImplementedError


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise SearchQueryError(f"未知的索引类型：{kind}（可选：{'、'.join(KINDS)}）")


_backends: dict[str, BaseSearchBackend] = {}
_lock = threading.Lock()


def get_search_backend(alias: str = "default") -> BaseSearchBackend:
    """The configured backend for ``alias`` (one instance per process and settings dict)."""
    conf = settings.SEARCH_BACKENDS.get(alias)
    if conf is None:
        raise SearchUnavailable(f"未配置搜索后端：{alias}")
    key = f"{alias}:{sorted(conf.items())!r}"
    with _lock:
        backend = _backends.get(key)
        if backend is None:
            cls = import_string(conf["BACKEND"])
            backend = cls({k: v for k, v in conf.items() if k != "BACKEND"})
            _backends[key] = backend
    return backend


def reset_backends() -> None:
    """Forget loaded backends (tests that change SEARCH_BACKENDS)."""
    with _lock:
        _backends.clear()
