import os

import pytest

from search.backends.base import get_search_backend, reset_backends

BACKENDS = ["embedded", "elasticsearch"]
# Tests of what the site does with search (outbox, rebuild, public search, matching, the API) run
# on the live engine too when one is configured, as CI does (scripts/elasticsearch.sh).
SITE_BACKENDS = BACKENDS if os.environ.get("ELASTICSEARCH_URL") else ["embedded"]


def _conf(name: str, tmp_path) -> dict:
    if name == "embedded":
        return {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": str(tmp_path / "search-index")}
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.skip("ELASTICSEARCH_URL 未设置：跳过 Elasticsearch 契约测试")
    # One set of indices per test process, emptied after each test (_empty): creating indices per
    # test cost several seconds each on a busy machine.
    return {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
        "URL": url,
        "INDEX_PREFIX": f"bangfu-test-{os.getpid()}",
        "ANALYZER": os.environ.get("ELASTICSEARCH_ANALYZER", "cjk"),
        "REFRESH": "true",
    }


def _empty(backend) -> None:
    """Delete every document of the test indices; the indices stay for the next test."""
    engine, pattern = backend.engine, f"{backend.prefix}-*"
    hits = engine.scan(engine.client, index=pattern, query={"query": {"match_all": {}}}, _source=False)
    engine.bulk(
        engine.client,
        ({"_op_type": "delete", "_index": h["_index"], "_id": h["_id"]} for h in hits),
        refresh=True,
        raise_on_error=False,
    )


def _as_default(name: str, settings, tmp_path):
    settings.SEARCH_BACKENDS = {"default": _conf(name, tmp_path)}
    reset_backends()
    backend = get_search_backend()
    yield backend
    if name == "elasticsearch":
        _empty(backend)
    reset_backends()


@pytest.fixture(params=SITE_BACKENDS)
def search_backend(request, settings, tmp_path):
    """A fresh index as the default backend: the embedded engine, and the live engine when
    ELASTICSEARCH_URL is set."""
    yield from _as_default(request.param, settings, tmp_path)


@pytest.fixture(params=BACKENDS)
def any_backend(request, settings, tmp_path):
    """Every backend the contract applies to: embedded always, Elasticsearch when configured."""
    yield from _as_default(request.param, settings, tmp_path)


@pytest.fixture
def live_backend(settings, tmp_path):
    """The live engine alone (skipped when ELASTICSEARCH_URL is not set)."""
    yield from _as_default("elasticsearch", settings, tmp_path)
