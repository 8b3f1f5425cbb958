import os

import pytest

from search.backends.base import get_search_backend, reset_backends

BACKENDS = ["embedded", "elasticsearch"]


def _conf(name: str, tmp_path) -> dict:
    if name == "embedded":
        return {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": str(tmp_path / "search-index")}
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.skip("ELASTICSEARCH_URL 未设置：跳过 Elasticsearch 契约测试")
    return {"BACKEND": "search.backends.elasticsearch.ElasticsearchBackend", "URL": url,
            "INDEX_PREFIX": f"bangfu-test-{os.getpid()}-{tmp_path.name[-12:].lower()}",
            "ANALYZER": os.environ.get("ELASTICSEARCH_ANALYZER", "cjk")}


@pytest.fixture
def search_backend(settings, tmp_path):
    """The embedded backend on a fresh per-test index directory, as the default backend."""
    settings.SEARCH_BACKENDS = {"default": _conf("embedded", tmp_path)}
    reset_backends()
    yield get_search_backend()
    reset_backends()


@pytest.fixture(params=BACKENDS)
def any_backend(request, settings, tmp_path):
    """Every backend the contract applies to: embedded always, Elasticsearch when configured."""
    settings.SEARCH_BACKENDS = {"default": _conf(request.param, tmp_path)}
    reset_backends()
    backend = get_search_backend()
    yield backend
    if request.param == "elasticsearch":
        backend.clear()
    reset_backends()
