"""``search_index rebuild`` on the embedded engine: worker processes read id ranges from the database.

The rows must be committed for the workers' own connections to see them, hence transactional tests."""

import os

import pytest
import tantivy

from search.backends.base import SearchUnavailable
from search.backends.embedded import EmbeddedBackend, prepare
from search.document_source import DocumentSource
from search.documents import documents_for, indexable_queryset
from search.outbox import outbox_drain
from tests.factories import OrganisationFactory, ProjectFactory, VolunteerFactory, make_need

pytestmark = pytest.mark.django_db(transaction=True)
KINDS = ("need", "project", "volunteer", "organisation")


@pytest.fixture
def rows():
    for n, county in enumerate(["360321", "360881", "513222", "360321", "360881"]):
        make_need(county=county, title=f"敬老院卫浴改造{n}", ref=f"need-r{n}", categories=("elderly_care",))
    org = OrganisationFactory(categories=["children"], service_regions=["360300"])
    for _ in range(5):
        ProjectFactory(organisation=org, skills=["teaching"], service_regions=["360300", "360881"])
    for _ in range(3):
        VolunteerFactory()


def _stored(backend, kind) -> dict[str, tuple[bytes, bytes]]:
    """Every stored document of ``kind``: ref → (full copy, compact "match" copy), as bytes."""
    _, searcher = backend._searcher(kind)
    hits = searcher.search(tantivy.Query.all_query(), limit=10_000).hits
    out = {}
    for _, address in hits:
        doc = searcher.doc(address)
        out[backend.decode_ref(doc)] = (doc["doc"][0], doc["match"][0])
    return out


class _PidSource(DocumentSource):
    """Leaves a file named after the process that read each range."""

    def __init__(self, kind, folder, fail_on: int | None = None, exit_on: int | None = None):
        super().__init__(kind, partition_size=2)
        self.folder, self.fail_on, self.exit_on = str(folder), fail_on, exit_on

    def read(self, part):
        open(os.path.join(self.folder, str(os.getpid())), "w").close()
        if self.fail_on is not None and part[0] >= self.fail_on:
            raise RuntimeError("读取失败（测试）")
        if self.exit_on is not None and part[0] >= self.exit_on:
            os._exit(3)
        return super().read(part)


def _backend(tmp_path, name, workers) -> EmbeddedBackend:
    backend = EmbeddedBackend({"PATH": str(tmp_path / name), "WORKERS": workers})
    backend.decode_ref = lambda stored: _ref_of(stored["doc"][0])
    return backend


def _ref_of(data: bytes) -> str:
    from search.backends.embedded import decode

    return decode(data)["ref"]


def test_the_parallel_rebuild_stores_the_same_documents_as_the_serial_one_and_the_outbox(rows, tmp_path):
    parallel, serial = _backend(tmp_path, "parallel", 2), _backend(tmp_path, "serial", 1)
    for kind in KINDS:
        (tmp_path / kind).mkdir()
        parallel.rebuild(kind, _PidSource(kind, tmp_path / kind))
        serial.rebuild(kind, DocumentSource(kind))

    for kind in ("need", "project"):  # five rows, three ranges: read by the workers alone
        readers = {int(p.name) for p in (tmp_path / kind).iterdir()}
        assert readers and os.getpid() not in readers
    for kind in KINDS:
        stored = _stored(parallel, kind)
        assert stored == _stored(serial, kind) and stored
        docs, gone = documents_for(kind, stored)  # the single-record path of the outbox
        assert not gone
        assert {d["ref"]: prepare(d)[4:] for d in docs} == stored  # what the outbox stores


def test_a_worker_failure_fails_the_rebuild_and_the_old_version_keeps_answering(rows, tmp_path):
    backend = _backend(tmp_path, "index", 2)
    backend.rebuild("need", DocumentSource("need"))
    before = sorted(p.name for p in (tmp_path / "index").iterdir())

    with pytest.raises(SearchUnavailable, match="重建 need 索引失败，旧索引继续提供服务：RuntimeError: 读取失败"):
        backend.rebuild("need", _PidSource("need", tmp_path, fail_on=1))

    assert sorted(p.name for p in (tmp_path / "index").iterdir()) == before  # no half version, no .building
    assert backend.search("need", "敬老院").total == 5


def test_a_worker_that_dies_fails_the_rebuild_with_a_clear_message(rows, tmp_path):
    backend = _backend(tmp_path, "index", 2)
    backend.rebuild("need", DocumentSource("need"))

    with pytest.raises(SearchUnavailable, match="旧索引继续提供服务：BrokenProcessPool"):
        backend.rebuild("need", _PidSource("need", tmp_path, exit_on=1))

    assert backend.search("need", "敬老院").total == 5


def test_a_write_during_the_rebuild_is_not_lost(rows, tmp_path, settings):
    from matching.models import Project
    from search.backends.base import get_search_backend, reset_backends

    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": str(tmp_path / "idx"), "WORKERS": 2}
    }
    reset_backends()
    backend = get_search_backend()
    first = Project.objects.order_by("pk").first()
    changed = []

    def change_a_read_row(count):
        if not changed:  # the first range is read: its rows are in the new version already
            Project.objects.filter(pk=first.pk).update(title="改过的标题")
            Project.objects.get(pk=first.pk).save()  # queues the outbox row; its drain meets the rebuild
            changed.append(count)

    backend.rebuild("project", DocumentSource("project", partition_size=2), progress=change_a_read_row)
    from search.models import IndexOutbox

    IndexOutbox.objects.update(available_at="2000-01-01T00:00:00Z")
    outbox_drain()

    assert changed and backend.get("project", first.ref)["title"] == "改过的标题"
    reset_backends()


def test_the_outboxs_bulk_read_gives_the_single_record_documents(rows, monkeypatch):
    from search import document_source

    monkeypatch.setattr(document_source, "BULK_REFS", 1)  # a handful of rows, read the bulk way
    for kind in KINDS:
        refs = [*indexable_queryset(kind).values_list("ref", flat=True), "no-such-ref"]
        bulk_docs, bulk_gone = document_source.documents_for_refs(kind, refs)
        docs, gone = documents_for(kind, refs)
        assert bulk_docs == docs and len(docs) == len(refs) - 1
        assert bulk_gone == gone == ["no-such-ref"]
