"""Journeys of the people the platform serves, by clicks alone from the home page: a visitor, a volunteer, an
organisation's admin and member, a donor. One live server and one set of data for the module."""

import pytest

from matching.models import Match, VolunteerSignup
from tests.browser.journeys import Journey
from tests.browser.world import (
    NEED_FOR_VOLUNTEER,
    NEED_PROPOSED,
    ORG_NAME,
    PASSWORD,
    PROJECT_TITLE,
    world_make,
)

# Marked django_db so the test database is set up and the test may read it; the data are the module's (made
# once, committed), and the live server's writes are committed as they happen.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def world(site_server):
    return world_make()


def sign_in(j: Journey, email: str) -> Journey:
    j.link("登录", within="header", exact=True)
    j.see("登录")
    j.fill("登录", email, exact=False).fill("密码", PASSWORD, exact=False)
    return j.button("登录", within="main form")


def test_public_visitor_finds_a_need_and_where_the_money_went(module_page, world):
    j = Journey(module_page(), "public visitor").start("/")
    j.see("最新需求", NEED_PROPOSED)
    j.link("需求", within="header", exact=True).see(NEED_PROPOSED)
    j.link(NEED_PROPOSED, within="main").see(NEED_PROPOSED, "发布日期", "响应记录")
    j.link("项目", within="header", exact=True).see(PROJECT_TITLE)
    j.link(PROJECT_TITLE, within="main").see(ORG_NAME, "报名参加")
    j.link("查看资金去向与成效").see(PROJECT_TITLE)


def test_volunteer_answers_a_recommendation_and_signs_up_for_a_project(module_page, world):
    j = Journey(module_page(), "volunteer").start("/")
    sign_in(j, "lin@example.org")
    j.link("我的报名与服务时长").see("推荐给我的需求", NEED_FOR_VOLUNTEER)
    j.link("答复推荐").see(NEED_FOR_VOLUNTEER)
    j.button("接受", within="main").see("已接受推荐")
    assert Match.objects.get(pk=world.volunteer_match.pk).status == Match.Status.ACCEPTED
    j.link("我的志愿服务", within="main").link("浏览项目并报名").link(PROJECT_TITLE, within="main")
    j.link("报名参加").fill("报名留言", "周末可以来帮忙", exact=False).button("报名", within="main form", exact=True)
    j.see("报名已提交")
    assert VolunteerSignup.objects.filter(project=world.project, volunteer__user__username="volunteer").exists()


def test_organisation_admin_accepts_a_proposal_and_files_a_progress_report(module_page, world):
    j = Journey(module_page(), "organisation admin").start("/")
    sign_in(j, "admin@shanxing.example")
    j.link(ORG_NAME, within="main").see("等待答复的匹配", NEED_PROPOSED)
    j.button("接受", within="main").see("已接受该需求", "登记交付")
    assert Match.objects.get(pk=world.proposal.pk).status == Match.Status.ACCEPTED
    j.link("提交进展报告", within="main").see(PROJECT_TITLE)
    j.fill("报告期开始", "2026-09-01", exact=False).fill("报告期结束", "2026-11-30", exact=False)
    j.fill("进展说明", "已为坊楼镇敬老院卫生间安装扶手 12 处，老人洗澡更安全。", exact=False)
    j.button("提交", within="main form").see("坊楼镇敬老院")


def test_organisation_member_edits_the_project_and_nothing_is_lost(module_page, world):
    before = (
        world.project.starts_on,
        world.project.ends_on,
        sorted(world.project.service_regions.values_list("code", flat=True)),
    )
    j = Journey(module_page(), "organisation member").start("/")
    sign_in(j, "member@shanxing.example")
    j.link(ORG_NAME, within="main").link("编辑", within="main").see(PROJECT_TITLE)
    j.button("保存", within="main form").see("项目已更新")
    world.project.refresh_from_db()
    assert before == (
        world.project.starts_on,
        world.project.ends_on,
        sorted(world.project.service_regions.values_list("code", flat=True)),
    )


def test_public_visitor_in_english(module_page, world):
    j = Journey(module_page(locale="en-US"), "public visitor (English)").start("/")
    j.button("English", within="header").see("Latest needs", NEED_PROPOSED)
    j.link("Needs", within="header", exact=True).link(NEED_PROPOSED, within="main").see("Published on")
    j.link("Projects", within="header", exact=True).link(PROJECT_TITLE, within="main").see("Sign up")
    j.link("See where the money went and what it achieved").see(PROJECT_TITLE)
