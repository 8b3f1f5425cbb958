"""In English, no interface string stays Chinese.

Each role (the public, an organisation admin, a volunteer, a county officer, national staff) switches to
English and walks the site by its links, from the pages where that role starts. On every page, every
run of Chinese characters in the text a person reads (text, title, placeholder, aria-label, alt, button
values, the meta description) must be data: a substring of something stored in the database (titles,
names, region names). Chinese that is stored nowhere came from a template or from Python: an
untranslated interface string. Taxonomy terms (categories, skills) are stored with their English
name, so their Chinese name does not count as data. Elements with a lang attribute of another
language (the 中文 switch) are skipped.
"""

import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import models

from matching.models import Category, InterestDeclaration, Match, Membership, Region, Skill
from matching.services.matches import match_propose
from matching.services.regions import region_page_ensure
from matching.services.staff import staff_user_add
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
    VolunteerFactory,
    make_need,
)

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
SKIP_PREFIXES = (
    "/admin/",
    "/accounts/logout",
    "/i18n/",
    "/api/",
    "/media/",
    "/static/",
    "/documents/",
    "/funding/webhooks/",
    "/funding/documents/",
)
SKIP_WORDS = ("logout", "delete", "revoke", "certificate", "export", "download")
SKIP_SUFFIXES = (".csv", ".json", ".xml", ".pdf", ".ics", ".zip")
ATTRS = ("title", "placeholder", "aria-label", "alt")
MAX_PAGES_PER_ROLE = 60
MAX_VARIANTS_PER_PATH = 2


@pytest.fixture
def world(db):
    """One of each thing a role's pages show: a published need with a match, an active project, an
    organisation with an admin, a volunteer, staff of 莲花县 and of the nation."""
    lianhua = Region.objects.get(code="360321")
    region_page_ensure(region=lianhua)
    org = OrganisationFactory(name="萍乡市助老服务中心")
    admin = MembershipFactory(organisation=org, role=Membership.Role.ADMIN).user
    project = ProjectFactory(organisation=org, title="农村敬老院适老化改造", service_regions=["360300"])
    need = make_need(county="360321", title="莲花县某乡敬老院卫浴改造", beneficiaries=12, amount_requested=2_400_000)
    make_need(county="360321", title="莲花县留守儿童课后托管", categories=("child_welfare",), urgency="urgent")
    officer = staff_user_add(username="walk-officer", password="x", region=lianhua, role="officer")
    match_propose(need=need, project=project, user=officer)
    for name, title in (("莲花县仁爱志愿者协会", "敬老院扶手加装"), ("上栗县爱心协会", "敬老院防滑地面")):
        other = ProjectFactory(organisation=OrganisationFactory(name=name), title=title, service_regions=["360300"])
        Match.objects.create(need=need, project=other, status=Match.Status.ACCEPTED)  # an overlap to report
    national = staff_user_add(username="walk-national", password="x", region=None, role="officer")
    volunteer_user = UserFactory()
    VolunteerFactory(user=volunteer_user, display_name="小李")
    spending = _spend_with_lines(project, need, admin, officer)
    InterestDeclaration.objects.create(user=officer, organisation=org, kind="family", reason="配偶在该中心任会计")
    return {
        "anonymous": (
            None,
            ["/", f"/transparency/projects/{project.ref}/", "/transparency/map/360300/", "/transparency/map/360321/"],
        ),
        "organisation admin": (admin, ["/", "/portal/", spending, need.url, "/portal/interests/"]),
        "volunteer": (volunteer_user, ["/portal/"]),
        "county officer": (
            officer,
            [
                "/dashboard/",
                "/dashboard/overlap/",
                "/dashboard/map/",
                "/intake/",
                "/intake/new/",
                "/portal/",
                "/portal/interests/",
            ],
        ),
        "national staff": (national, ["/dashboard/", "/dashboard/map/360300/", "/intake/"]),
    }


def _spend_with_lines(project, need, admin, officer) -> str:
    """A confirmed disbursement with one evidenced line and one without evidence; its portal page's path."""
    from matching.models import Match
    from matching.outcomes.services.spending import SpendingFields, spending_line_add
    from tests.factories.spending import spend_with_evidence

    Match.objects.filter(need=need, project=project).update(status=Match.Status.ACCEPTED)
    spend = spend_with_evidence(
        project, need, admin, officer, what="不锈钢扶手 12 套", caption="安装后的扶手"
    ).disbursement
    spending_line_add(disbursement=spend, user=admin, fields=SpendingFields(what="防滑地砖 30 平方米", amount=50_000))
    return f"/portal/projects/{project.pk}/money/disbursements/{spend.pk}/spending/"


def _data_text() -> str:
    """Every stored string, one per line, taxonomy Chinese names excluded (they have English)."""
    values = []
    for model in apps.get_models():
        if model in (Category, Skill) or model._meta.proxy:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        if fields:
            for row in model._default_manager.values_list(*fields):
                values.extend(v for v in row if v)
    return "\n".join(values)


def _texts(html: str):
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "template"]):
        tag.decompose()
    for tag in soup.find_all(attrs={"lang": True}):
        if not tag["lang"].startswith("en") and tag.name != "html":
            tag.decompose()
    for text in soup.find_all(string=True):
        yield text.parent.name, str(text)
    for tag in soup.find_all(True):
        for attr in ATTRS:
            if tag.get(attr):
                yield f"{tag.name}[{attr}]", tag[attr]
        if tag.name == "input" and tag.get("type") in ("submit", "button") and tag.get("value"):
            yield "input[value]", tag["value"]
        if tag.name == "meta" and tag.get("name") == "description":
            yield "meta[description]", tag.get("content", "")


def _links(html: str):
    for a in BeautifulSoup(html, "html.parser").find_all("a", href=True):
        parts = urlsplit(a["href"])
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        path = parts.path
        if path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES) or any(w in path for w in SKIP_WORDS):
            continue
        yield path + (f"?{parts.query}" if parts.query else "")


def _walk(client, starts):
    seen, queue, variants, pages = set(), list(starts), defaultdict(int), {}
    while queue and len(pages) < MAX_PAGES_PER_ROLE:
        url = queue.pop(0)
        path = url.split("?")[0]
        if url in seen or variants[path] >= MAX_VARIANTS_PER_PATH:
            continue
        seen.add(url)
        variants[path] += 1
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = html
        queue.extend(link for link in _links(html) if link not in seen)
    return pages


def _untranslated(pages: dict[str, str], data: str) -> dict[str, set[str]]:
    found = defaultdict(set)
    for url, html in pages.items():
        for where, text in _texts(html):
            for run in CJK.findall(text):
                if run.strip("\u3000") and run not in data:
                    found[f"{where}: {run}"].add(url)
    return found


def test_every_page_a_role_reaches_in_english_has_no_untranslated_interface_string(client, world):
    data = _data_text()
    report, walked = {}, 0
    for role, (user, starts) in world.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
        pages = _walk(client, starts)
        walked += len(pages)
        assert all('<html lang="en"' in html for html in pages.values())
        for text, urls in _untranslated(pages, data).items():
            report.setdefault(text, f"{role}: {sorted(urls)[0]}")
    print(f"walked {walked} pages; untranslated: {len(report)}")
    assert walked > 30
    assert report == {}, "\n".join(f"{text}    ({where})" for text, where in sorted(report.items()))
