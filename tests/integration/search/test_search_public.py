"""Public search over needs, projects and organisations; bad input gets a clear message."""

import pytest

from matching.models import BeneficiaryRecord
from search.backends.base import SearchQueryError, SearchUnavailable
from search.backends.embedded import encode
from search.documents import need_document
from search.outbox import outbox_drain
from search.services import search_public
from tests.factories import OrganisationFactory, ProjectFactory, make_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(search_backend):
    org = OrganisationFactory(
        name="萍乡市助老服务中心",
        description="长期服务农村敬老院与居家老人",
        categories=["elderly_care"],
        service_regions=["360300"],
    )
    OrganisationFactory(name="待审核的组织", description="敬老院服务", status="pending")
    ProjectFactory(ref="prj-pub-1", organisation=org, title="农村敬老院适老化改造")
    ProjectFactory(ref="prj-pub-draft", organisation=org, title="敬老院草稿项目", status="draft")
    make_need(ref="need-pub-1", county="360321", title="莲花县某乡敬老院卫浴改造", urgency="urgent")
    make_need(
        ref="need-pub-2",
        county="360827",
        title="遂川县留守儿童课后托管",
        categories=("children",),
        description="<p>放学后无人照看，希望开设四点半课堂。</p>",
    )
    outbox_drain()
    return search_backend


@pytest.mark.parametrize(
    "query, refs",
    [("敬老院", ["need-pub-1"]), ("莲花县", ["need-pub-1"]), ("留守儿童", ["need-pub-2"]), ("护理补贴", [])],
)
def test_needs_by_chinese_words(world, query, refs):
    assert [h.ref for h in search_public(kind="need", query=query).hits] == refs


def test_facets_and_filters(world):
    results = search_public(kind="need", region="360000")

    assert results.total == 2
    assert results.facets["urgency"] == {"urgent": 1, "normal": 1}
    assert results.facets["categories"] == {"elderly_care": 1, "children": 1}
    assert [h.ref for h in search_public(kind="need", region="360800").hits] == ["need-pub-2"]
    assert [h.ref for h in search_public(kind="need", urgency="urgent").hits] == ["need-pub-1"]


def test_projects_and_only_verified_organisations(world):
    assert [h.ref for h in search_public(kind="project", query="敬老院").hits] == ["prj-pub-1"]
    orgs = search_public(kind="organisation", query="敬老院")
    assert [h.doc["title"] for h in orgs.hits] == ["萍乡市助老服务中心"]
    assert "<mark>敬老院</mark>" in orgs.hits[0].highlights["description"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"region": "999999"}, "行政区划代码不存在"),
        ({"region": "abc"}, "行政区划代码不存在"),
        ({"category": "spaceflight"}, "未知的类别"),
        ({"urgency": "whenever"}, "筛选条件无效"),
        ({"kind": "beneficiary"}, "不支持搜索"),
        ({"query": "敬" * 201}, "搜索词过长"),
        ({"page": "x"}, "页码无效"),
        ({"page": 0}, "页码无效"),
    ],
)
def test_bad_input_is_a_clear_error(world, kwargs, message):
    with pytest.raises(SearchQueryError, match=message):
        _ = search_public(**{"kind": "need", **kwargs}).hits


def test_absurd_queries_find_nothing_without_failing(world):
    assert search_public(kind="need", query="？？？！！！").total == 0
    assert search_public(kind="need", query="zzzzqqqq xylophone").total == 0


def test_an_index_directory_that_cannot_be_used_is_a_clear_message(settings, world):
    from search.backends.base import reset_backends

    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": "/proc/no-such-place/index"}
    }
    reset_backends()
    with pytest.raises(SearchUnavailable, match="搜索索引"):
        _ = search_public(kind="need", query="敬老院").hits
    reset_backends()


def test_no_beneficiary_data_reaches_the_index(world):
    from matching.models import NeedPage

    need = NeedPage.objects.get(ref="need-pub-1")
    BeneficiaryRecord.objects.create(
        need=need, full_name="王秘密", id_number="360321194001011234", phone="13800001111", health_notes="偏瘫"
    )
    doc = need_document(need)
    outbox_drain()

    stored = encode(doc)
    for secret in ("王秘密", "360321194001011234", "13800001111", "偏瘫"):
        assert secret not in repr(doc) and secret.encode() not in stored
    assert search_public(kind="need", query="王秘密").total == 0
