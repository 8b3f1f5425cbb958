"""The design system in Chromium: a compact header at 375 px whose menu works without JavaScript, no text
squeezed to one character per line, search results before the facets, and the region picker's search."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import ProjectFactory, make_need

pytestmark = pytest.mark.django_db(transaction=True)

ONE_CHAR_COLUMNS = """() => [...document.querySelectorAll('body *')].filter(el => {
    const r = el.getBoundingClientRect();
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join('');
    return text.length >= 3 && r.width > 0 && r.width < 24
        && r.height > 3 * parseFloat(getComputedStyle(el).lineHeight || 20);
}).map(el => el.tagName + ': ' + el.textContent.trim().slice(0, 20))"""


@pytest.fixture
def phone(browser, live_server):
    def make(javascript=True):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 375, "height": 800}, java_script_enabled=javascript
        )
        return context.new_page()

    return make


@pytest.fixture
def content(db):
    ProjectFactory(title="农村敬老院适老化改造")
    return make_need(county="360321", title="莲花县某乡敬老院卫浴改造", amount_requested=1_601_000_000)


def test_at_375_px_the_header_is_compact_and_its_menu_opens_without_javascript(phone, content):
    page = phone(javascript=False)
    for path in ("/", "/needs/", "/projects/", "/transparency/", "/search/?q=敬老院"):
        page.goto(path)
        assert page.locator("header").bounding_box()["height"] <= 64, path
        assert page.evaluate(ONE_CHAR_COLUMNS) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    page.goto("/")
    expect(page.get_by_role("link", name="开放数据")).to_be_hidden()
    page.get_by_text("菜单").click()
    expect(page.get_by_role("link", name="开放数据")).to_be_visible()
    page.get_by_role("link", name="需求", exact=True).click()
    expect(page.get_by_role("heading", name="需求", level=1)).to_be_visible()


def test_search_results_come_before_the_collapsed_facets(new_page, content):
    page = new_page()
    page.goto("/search/?q=敬老院")
    results = page.locator(".search-results")
    expect(results).to_contain_text("莲花县某乡敬老院卫浴改造")
    assert results.bounding_box()["y"] < 600
    expect(page.locator("details.facets")).not_to_have_attribute("open", "")


def test_the_region_picker_finds_a_county_as_one_types_and_filters_by_it(new_page, content):
    page = new_page()
    page.goto("/needs/")
    box = page.get_by_role("combobox", name="地区")
    box.fill("莲花")
    option = page.get_by_role("option", name="江西省 萍乡市 莲花县 360321")
    expect(option).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("江西省 萍乡市 莲花县")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"region=360321"))
    expect(page.get_by_role("combobox", name="地区")).to_have_value("江西省 萍乡市 莲花县")
    expect(page.locator("main")).to_contain_text("莲花县某乡敬老院卫浴改造")


def test_without_javascript_the_region_list_still_chooses_a_county(phone, content):
    page = phone(javascript=False)
    page.goto("/needs/")
    page.get_by_label("地区").select_option("360321")
    page.get_by_role("button", name="筛选").click()
    expect(page.get_by_label("地区")).to_have_value("360321")
    expect(page.locator("main")).to_contain_text("莲花县某乡敬老院卫浴改造")


def test_money_in_stat_cards_is_short_with_the_exact_figure_on_hover(new_page, content):
    # given one active project with ¥300,000 available (the factory's budget)
    page = new_page()
    page.goto("/")
    money = page.locator(".figures abbr.money")
    expect(money).to_have_text("¥30.0万")
    expect(money).to_have_attribute("title", "¥300,000.00")
    assert money.bounding_box()["width"] < page.locator(".figures li").last.bounding_box()["width"]
