"""The one place that knows which client speaks to the search cluster.

Production runs Elasticsearch 8 (the ``elasticsearch`` client); development and CI run an
OpenSearch 2.19 node built from Maven Central (``scripts/elasticsearch.sh``), which the
``elasticsearch`` client refuses (it checks the product header), so ``opensearch-py`` speaks to it.
Both take the same request bodies: queries, mappings and percolator documents are built once with
``elasticsearch.dsl`` (``Search.to_dict()``) and sent as ``body`` through whichever client this
module returns. The distribution is read from the cluster's root endpoint on first use.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from search.backends.base import SearchUnavailable


@dataclass(frozen=True)
class EngineClient:
    """A connected client with the helpers and error classes of its library."""

    distribution: str  # "elasticsearch" or "opensearch"
    version: str
    client: Any
    # The same cluster for writes and index changes (create, refresh, alias swap): a longer
    # timeout, no retry on a timeout.
    writer: Any
    bulk: Callable
    scan: Callable
    errors: tuple[type[BaseException], ...]  # transport and API errors: the engine did not answer
    not_found: type[BaseException]
    bulk_error: type[BaseException]


def hosts(url: str) -> list[str]:
    """``ELASTICSEARCH_URL`` may list several nodes, comma-separated: the client fails over."""
    return [u.strip().rstrip("/") for u in url.split(",") if u.strip()]


def probe(url: str, timeout: float = 5.0) -> dict:
    """The root endpoint of the first node that answers: name, distribution and version."""
    last: Exception | None = None
    for host in hosts(url):
        try:
            with urllib.request.urlopen(host + "/", timeout=timeout) as response:
                return json.load(response)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            last = exc
    raise SearchUnavailable(f"Elasticsearch 不可用：无法连接 {url}", cause=last)


def connect(url: str, *, timeout: float = 10.0, write_timeout: float = 60.0) -> EngineClient:
    """Searches time out after ``timeout`` seconds and are retried once more on another node (a node
    that hangs costs one retry). Writes get ``write_timeout`` and are not retried on a timeout: a bulk
    request that outlasts its timeout is most likely still running on a busy cluster, and sending it
    again at once to another node doubles the work of a cluster that is already slow (measured on a
    loaded three-node cluster: 500-document bulks timed out at 10 s on every node in turn). A write
    that fails is kept by the outbox and sent again later."""
    info = probe(url)
    version = info.get("version", {})
    distribution = version.get("distribution") or "elasticsearch"
    if distribution == "opensearch":
        import opensearchpy
        from opensearchpy import helpers

        client = opensearchpy.OpenSearch(hosts(url), timeout=timeout, max_retries=2, retry_on_timeout=True)
        writer = opensearchpy.OpenSearch(hosts(url), timeout=write_timeout, max_retries=2, retry_on_timeout=False)
        return EngineClient(
            distribution,
            version.get("number", ""),
            client,
            writer,
            helpers.bulk,
            helpers.scan,
            (opensearchpy.TransportError, opensearchpy.ImproperlyConfigured),
            opensearchpy.NotFoundError,
            helpers.BulkIndexError,
        )
    import elasticsearch
    from elasticsearch import helpers

    client = elasticsearch.Elasticsearch(hosts(url), request_timeout=timeout, max_retries=2, retry_on_timeout=True)
    writer = client.options(request_timeout=write_timeout, retry_on_timeout=False)
    return EngineClient(
        distribution,
        version.get("number", ""),
        client,
        writer,
        helpers.bulk,
        helpers.scan,
        (elasticsearch.TransportError, elasticsearch.ApiError),
        elasticsearch.NotFoundError,
        helpers.BulkIndexError,
    )
