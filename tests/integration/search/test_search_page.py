"""The public search page /search/: results, facets with counts, highlights, pagination; bad input
and an engine that is down are messages on the page, never a 500."""

import pytest
from django.urls import reverse

from search.backends.base import SearchUnavailable, get_search_backend
from search.outbox import outbox_drain
from tests.factories import OrganisationFactory, ProjectFactory, make_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(search_backend):
    org = OrganisationFactory(name="萍乡市助老服务中心", description="长期服务农村敬老院与居家老人")
    ProjectFactory(ref="prj-sp-1", organisation=org, title="农村敬老院适老化改造")
    make_need(ref="need-sp-1", county="360321", title="莲花县某乡敬老院卫浴改造", urgency="urgent")
    make_need(
        ref="need-sp-2",
        county="360827",
        title="遂川县留守儿童课后托管",
        categories=("children",),
        description="<p>放学后无人照看，希望开设四点半课堂。</p>",
    )
    outbox_drain()
    return search_backend


def test_chinese_query_finds_needs_with_highlights_and_facet_counts(client, world):
    page = client.get(reverse("cms:search"), {"q": "敬老院"})

    html = page.content.decode()
    assert page.status_code == 200
    assert "<mark>敬老院</mark>" in html and "课后托管" not in html
    assert "养老服务" in html and "(1)" in html and "莲花县" in html


def test_facet_links_filter_and_show_counts(client, world):
    page = client.get(reverse("cms:search"), {"urgency": "urgent"})

    html = page.content.decode()
    assert "莲花县某乡敬老院卫浴改造" in html and "遂川县留守儿童课后托管" not in html
    assert "共 1 条结果" in html


@pytest.mark.parametrize("kind, text", [("project", "适老化改造"), ("organisation", "萍乡市助老服务中心")])
def test_projects_and_organisations(client, world, kind, text):
    page = client.get(reverse("cms:search"), {"q": "敬老院", "kind": kind})

    assert page.status_code == 200 and text in page.content.decode()


def test_pagination(client, world):
    first = client.get(reverse("cms:search"), {"kind": "need", "page": 1})
    assert "共 2 条结果" in first.content.decode()
    beyond = client.get(reverse("cms:search"), {"kind": "need", "page": "5"})
    assert beyond.status_code == 200


def test_empty_query_is_a_hint_not_an_error(client, world):
    page = client.get(reverse("cms:search"), {"q": "   "})

    assert page.status_code == 200 and "请输入搜索词" in page.content.decode()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "？？？！！！"}, "没有找到"),
        ({"q": "zzzzqqqq xylophone"}, "没有找到"),
    ],
)
def test_absurd_queries_say_nothing_was_found(client, world, params, message):
    page = client.get(reverse("cms:search"), params)

    assert page.status_code == 200 and message in page.content.decode()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"region": "999999"}, "行政区划代码不存在"),
        ({"category": "spaceflight"}, "未知的类别"),
        ({"urgency": "whenever"}, "筛选条件无效"),
        ({"status": "nonsense"}, "筛选条件无效"),
        ({"kind": "beneficiary"}, "不支持搜索"),
        ({"q": "敬" * 250}, "搜索词过长"),
        ({"page": "abc"}, "页码无效"),
    ],
)
def test_bad_input_is_a_message_on_the_page(client, world, params, message):
    page = client.get(reverse("cms:search"), params)

    assert page.status_code == 400 and message in page.content.decode()


def test_an_engine_that_is_down_is_a_message(client, world, monkeypatch):
    def down(*args, **kwargs):
        raise SearchUnavailable("down")

    monkeypatch.setattr(type(get_search_backend()), "_search", down)

    page = client.get(reverse("cms:search"), {"q": "敬老院"})

    assert page.status_code == 503 and "搜索服务暂时不可用" in page.content.decode()


def test_every_page_has_a_search_box(client, world):
    html = client.get(reverse("cms:need_list")).content.decode()

    assert f'action="{reverse("cms:search")}"' in html
