"""Journeys through the gap map (缺口地图): the public from the transparency home through the map to a county's
needs; a county officer from the dashboard to the county's own follow-up list; the table without JavaScript."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from matching.models import NeedPage
from matching.outcomes.selectors.gapmap import region_gap
from matching.outcomes.services.figures import figures_refresh
from tests.browser.journeys import Journey
from tests.browser.test_journeys_staff import staff_sign_in
from tests.browser.world import NEED_OLDER, NEED_PROPOSED, world_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def world(site_server):
    made = world_make()
    NeedPage.objects.filter(title=NEED_OLDER).update(first_published_at=timezone.now() - datetime.timedelta(days=10))
    figures_refresh()
    return made


def test_public_visitor_goes_from_transparency_through_the_map_to_a_countys_needs(module_page, world):
    lianhua = region_gap(code="360321")
    j = Journey(module_page(), "gap map visitor").start("/")
    j.link("公开透明", within="header", exact=True)
    j.link("缺口地图：哪里的需求还没人响应").see("全国缺口地图", "待响应需求", "江西省")
    expect(j.page.locator("#gapmap[data-ready='1'] svg path").first).to_be_attached()  # the map is drawn

    with j.page.expect_navigation():  # choosing a measure recolours the map (the form submits itself)
        j.page.select_option("#gap-measure", "money_gap")
    j.clicks += 1
    j.see("按“资金缺口”着色")
    expect(j.page.locator("#gap-table tbody tr").first).to_contain_text("江西省")  # largest gap first

    j.link("江西省", within="#gap-table").see("江西省缺口地图", "萍乡市")
    j.link("萍乡市", within="#gap-table").see("萍乡市缺口地图", "莲花县")
    expect(j.page.locator("#gapmap[data-ready='1'] svg path").first).to_be_attached()
    # Clicking a county on the map opens it: the middle of 莲花县 (113.96°E 27.2°N), placed by the chart itself.
    box = j.page.evaluate("""() => {
        const el = document.getElementById('gapmap'); el.scrollIntoView();
        const r = el.getBoundingClientRect();
        const [x, y] = echarts.getInstanceByDom(el).convertToPixel({seriesIndex: 0}, [113.96, 27.2]);
        return {x: r.x + x, y: r.y + y}; }""")
    with j.page.expect_navigation():
        j.page.mouse.click(box["x"], box["y"])
    j.clicks += 1
    assert j.page.url.endswith("/transparency/map/360321/?measure=money_gap"), j.page.url
    j.see("莲花县缺口地图", "本地缺口与服务能力")
    j.page.go_back()
    j.link("莲花县", within="#gap-table").see("莲花县缺口地图", "本地缺口与服务能力", "重点帮扶县")
    open_row = j.page.locator("#gap-detail tr[data-measure='open'] td").first
    expect(open_row).to_have_text(str(lianhua["open"]))
    money_row = j.page.locator("#gap-detail tr[data-measure='money_gap'] td").first
    expect(money_row).to_have_text(f"¥{lianhua['money_gap'] / 100:,.2f}")
    j.see("萍乡农村敬老院适老化改造")  # the project covering the county

    j.link("查看莲花县的需求").see(NEED_PROPOSED, NEED_OLDER)


def test_county_officer_opens_the_map_of_their_county_from_the_dashboard(module_page, world):
    j = Journey(module_page(), "gap map county officer")
    staff_sign_in(j, "lianhua_officer")
    j.start("/dashboard/")
    j.link("缺口地图：本辖区各地的缺口与服务能力").see("莲花县缺口地图", "发布超过7天仍无响应的需求", NEED_OLDER)
    assert "/dashboard/map/360321/" in j.page.url
    response = j.page.goto("/dashboard/map/360300/")
    assert response.status == 403  # the prefecture around it is not theirs


def test_without_javascript_the_map_is_its_table(browser, site_server, world):
    context = browser.new_context(base_url=site_server.url, locale="zh-CN", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/transparency/map/360300/?measure=unanswered_7d")
        row = page.locator("#gap-table tbody tr", has_text="莲花县")
        expect(row).to_be_visible()
        expect(row.locator("td.current")).to_have_text(str(region_gap(code="360321")["unanswered_7d"]))
        expect(page.locator("#gapmap svg")).to_have_count(0)
        page.select_option("#gap-measure", "capacity_projects")
        with page.expect_navigation():
            page.get_by_role("button", name="显示").click()
        expect(page.locator("#gap-table th.current")).to_have_text("覆盖本地的项目")
    finally:
        context.close()
