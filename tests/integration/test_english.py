"""English is the interface's second language: only the language switch turns it on. These tests check named
strings on the main pages; test_english_walk.py walks every page each role reaches and fails on any Chinese
interface string left."""

import gettext
import importlib.util
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.factories import (
    HoursEntryFactory,
    MatchFactory,
    ProjectFactory,
    VolunteerAvailabilityFactory,
    VolunteerSignupFactory,
    make_need,
)

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
SCRIPTS = Path(settings.BASE_DIR) / "scripts"

# Per page: English strings the switch must show, and the Chinese UI strings they replace.
PAGES = {
    "/": (
        ["Every need gets an answer", "Latest needs", "needs awaiting a response", "See all needs"],
        ["让每一份需求都有回音", "最新需求", "待响应需求", "查看全部需求"],
    ),
    "/needs/": (
        ["Filter needs", "Urgency", "Assistance circle", "1 need"],
        ["筛选需求", "紧急程度", "救助圈层", "条需求"],
    ),
    "/projects/": (["Assistance projects", "Funds available", "Areas served"], ["帮扶项目", "可用资金", "服务地区"]),
    "/organisations/": (["Social organisations", "Active projects: 1"], [">社会组织<", "个进行中项目"]),
    "/transparency/": (
        ["Transparency: where the money comes from", "Funds that reached needs", "Download open data"],
        ["公开透明：资金来源", "已到达需求的资金", "下载开放数据"],
    ),
    "need": (
        ["Summary", "Funds needed", "Donate to this need", "Response log (every need gets an answer)"],
        ["需求概况", "所需资金", "为这个需求捐款", "响应记录（件件有回音）"],
    ),
}
FRAME = (["Main navigation", "Open data", "Skip to content"], ["主导航", "开放数据", "跳到正文"])


@pytest.fixture
def need(db):
    ProjectFactory()
    return make_need(county="360321", title="莲花县坊楼镇敬老院卫浴改造", beneficiaries=42, amount_requested=12_000_000)


def _body(client, page, need):
    response = client.get(need.url if page == "need" else page)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_language_switch_renders_the_page_in_english(client, need, page):
    # given a visitor who chose English with the switch
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    # when they open the page
    body = _body(client, page, need)
    # then the interface is English and its Chinese strings are gone; the data stays as entered
    english, chinese = PAGES[page]
    for text in english + FRAME[0]:
        assert text in body, text
    for text in chinese + FRAME[1]:
        assert text not in body, text
    assert '<html lang="en"' in body
    assert "莲花县" in body or page not in ("/", "/needs/", "need")


@pytest.mark.parametrize("page", PAGES)
def test_without_the_switch_the_page_stays_chinese_even_for_an_english_browser(client, need, page):
    # given a browser that prefers English but no language cookie
    # when it opens the page
    response = client.get(need.url if page == "need" else page, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    body = response.content.decode()
    # then the interface is Chinese
    assert response.status_code == 200
    assert '<html lang="zh-hans"' in body
    english, chinese = PAGES[page]
    for text in chinese + FRAME[1]:
        assert text in body, text
    for text in english[:2] + FRAME[0]:
        assert text not in body, text


def _messages_check():
    spec = importlib.util.spec_from_file_location("messages_check", SCRIPTS / "messages_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entries():
    """(msgid as the compiled catalogue keys it, msgstr) of every active entry: "context\x04msgid" with a context."""
    po = polib.pofile(str(PO_FILE))
    return po, [
        (f"{e.msgctxt}\x04{e.msgid}" if e.msgctxt else e.msgid, e.msgstr or e.msgstr_plural.get(0, ""))
        for e in po
        if not e.obsolete
    ]


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    po, entries = _entries()
    assert len(entries) > 200
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.untranslated_entries()] == []


def test_the_check_clears_msgmerge_guesses_and_lists_what_is_untranslated(tmp_path):
    # given a catalogue after makemessages: a translated string, a fuzzy guess, a plural left empty
    path = tmp_path / "django.po"
    path.write_text(
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: \\n"\n\n'
        '#, python-format\nmsgid "%(n)s 个新需求"\nmsgstr "%(n)s new needs"\n\n'
        '#, fuzzy\n#| msgid "还没有"\nmsgid "还没有译文"\nmsgstr "Guessed wrongly"\n\n'
        '#, python-format\nmsgid "共 %(n)s 条需求"\nmsgid_plural "共 %(n)s 条需求"\nmsgstr[0] "%(n)s need"\n'
        'msgstr[1] ""\n',
        encoding="utf-8",
    )
    # when the check runs
    status = _messages_check().main(str(path))
    # then the guess is cleared and counted as untranslated with the half-done plural; the rest is kept
    text = path.read_text(encoding="utf-8")
    assert status == 1
    assert "Guessed wrongly" not in text and "fuzzy" not in text and "#|" not in text
    assert 'msgid "%(n)s 个新需求"\nmsgstr "%(n)s new needs"' in text
    assert '"Language: en\\n"' in text
    po = polib.pofile(str(path))
    assert sorted(e.msgid for e in po.untranslated_entries()) == ["共 %(n)s 条需求", "还没有译文"]


def test_the_committed_mo_file_is_compiled_from_the_po_file():
    with PO_FILE.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for msgid, msgstr in _entries()[1]:
        assert compiled.gettext(msgid) == msgstr, msgid


# The organisation and volunteer portal: per page, English the switch must show and the Chinese
# UI strings it replaces (data such as names, counties and status labels stays as entered).
PORTAL_PAGES = {
    "organisation dashboard": (
        [
            "Vetting status: ",
            "New project",
            "Members and invitations",
            "API tokens",
            "Matches awaiting an answer",
            "(莲花县) → ",
            "Decline…",
            "Volunteer sign-ups",
            "Decision",
            "Service hours to confirm",
            "2.5 h",
            "Change status",
            ">Complete<",
        ],
        [
            "审核状态",
            "新建项目",
            "成员与邀请",
            "接口令牌",
            "等待答复的匹配",
            "（莲花县）",
            "婉拒…",
            "志愿者报名",
            "决定",
            "待确认的服务时长",
            "2.5 小时",
            "更改状态",
            ">完成<",
        ],
    ),
    "project needs": (
        [
            ": needs to take first",
            "Back to 萍乡市助老服务中心",
            "Recommended needs",
            "Match score",
            "This project's matches",
            "(莲花县)",
            "Accept",
            "Decline…",
        ],
        [
            "应优先响应的需求",
            "返回萍乡市助老服务中心",
            "推荐需求",
            "匹配分",
            "本项目的匹配",
            "（莲花县）",
            ">接受<",
            "婉拒…",
        ],
    ),
    "volunteer profile": (
        ["Volunteer profile", "Availability: ", ", from 2026-03-01 until further notice", ">Save<"],
        ["志愿者资料", "可服务时间：", " 至 ", "长期", ">保存<"],
    ),
    "volunteer home": (
        [
            "小李: my volunteering",
            "Edit profile",
            "Project invitations",
            "Browse projects and sign up",
            "Log service hours",
            ">Organisation<",
        ],
        ["我的志愿服务", "修改资料", "项目邀请", "浏览项目并报名", "填报服务时长", ">组织<"],
    ),
}


@pytest.fixture
def portal(db, settings, tmp_path):
    """An organisation admin whose project has a match to answer, and a volunteer with hours to confirm."""
    import datetime

    from django.urls import reverse

    from search.backends.base import reset_backends
    from search.outbox import outbox_drain
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, VolunteerFactory

    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": str(tmp_path / "search-index")}
    }
    reset_backends()
    org = OrganisationFactory(name="萍乡市助老服务中心")
    admin = MembershipFactory(organisation=org, role="admin").user
    project = ProjectFactory(organisation=org, title="农村敬老院适老化改造")
    need = make_need(county="360321", title="莲花县某乡敬老院卫浴改造")
    outbox_drain()
    MatchFactory(need=need, project=project)  # proposed by the county: the organisation answers
    user = UserFactory()
    volunteer = VolunteerFactory(user=user, display_name="小李")
    VolunteerAvailabilityFactory(volunteer=volunteer, weekends=True, available_from=datetime.date(2026, 3, 1))
    signup = VolunteerSignupFactory(project=project, volunteer=volunteer, status="approved")
    HoursEntryFactory(signup=signup, served_on=datetime.date(2026, 3, 7), hours="2.5", description="陪老人聊天")
    VolunteerSignupFactory(project=project, volunteer=VolunteerFactory(display_name="王老师"))
    yield {
        "organisation dashboard": (admin, reverse("portal:org_dashboard", args=[org.pk])),
        "project needs": (admin, reverse("portal:project_needs", args=[project.pk])),
        "volunteer profile": (user, reverse("portal:volunteer_profile")),
        "volunteer home": (user, reverse("portal:volunteer_home")),
    }
    reset_backends()


def _portal_body(client, portal, page):
    user, url = portal[page]
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("page", PORTAL_PAGES)
def test_language_switch_renders_the_portal_in_english(client, portal, page):
    # given a member or volunteer who chose English with the switch
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    # when they open a portal page
    body = _portal_body(client, portal, page)
    # then its interface is English and the Chinese it replaces is gone
    english, chinese = PORTAL_PAGES[page]
    for text in english + FRAME[0]:
        assert text in body, text
    for text in chinese + FRAME[1]:
        assert text not in body, text
    assert '<html lang="en"' in body


@pytest.mark.parametrize("page", PORTAL_PAGES)
def test_without_the_switch_the_portal_stays_chinese(client, portal, page):
    # given no language cookie, whatever the browser prefers
    # when the same person opens the page
    body = _portal_body(client, portal, page)
    # then the interface is Chinese
    english, chinese = PORTAL_PAGES[page]
    for text in chinese + FRAME[1]:
        assert text in body, text
    for text in english[:3]:
        assert text not in body, text
    assert '<html lang="zh-hans"' in body
