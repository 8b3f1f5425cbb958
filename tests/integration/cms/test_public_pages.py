import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.models import BeneficiaryRecord
from tests.factories import OrganisationFactory, ProjectFactory, make_need

pytestmark = pytest.mark.django_db

SECRETS = ("张秀英", "360321195001011234", "13907990000", "双下肢瘫痪")


@pytest.fixture
def need_with_private_data(db):
    need = make_need(county="360321", title="莲花县坊楼镇敬老院卫浴改造", beneficiaries=42, amount_requested=12_000_000)
    BeneficiaryRecord.objects.create(
        need=need, full_name=SECRETS[0], id_number=SECRETS[1], phone=SECRETS[2], health_notes=SECRETS[3]
    )
    return need


def test_home_shows_headline_figures(client, need_with_private_data):
    ProjectFactory()
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "待响应需求" in body and "莲花县坊楼镇敬老院卫浴改造" in body


def test_need_page_shows_details_and_response_log_but_no_personal_data(client, need_with_private_data):
    response = client.get(need_with_private_data.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "¥120,000.00" in body and "42" in body
    assert "需求已发布，等待响应" in body  # the response log
    for secret in SECRETS:
        assert secret not in body


def test_need_list_filters(client, db):
    make_need(county="360321", title="敬老院改造甲", categories=["elderly_care"], urgency="urgent")
    make_need(county="360827", title="留守儿童课后辅导乙", categories=["children"])
    assert "敬老院改造甲" in client.get("/needs/?category=elderly_care").content.decode()
    assert "留守儿童课后辅导乙" not in client.get("/needs/?category=elderly_care").content.decode()
    assert "留守儿童课后辅导乙" in client.get("/needs/?region=360800").content.decode()
    assert "敬老院改造甲" not in client.get("/needs/?region=360800").content.decode()
    assert "敬老院改造甲" in client.get("/needs/?urgency=urgent").content.decode()
    # Nonsense filter values give an empty list, not an error.
    response = client.get("/needs/?region=abc&category=%3Cscript%3E&page=999")
    assert response.status_code == 200 and "<script>" not in response.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_query_count_does_not_grow_with_length(client, db):
    make_need(county="360321", title="需求1")
    org = OrganisationFactory()
    ProjectFactory(organisation=org)
    OrganisationFactory()
    urls = ("/needs/", "/projects/", "/organisations/", "/")
    for url in urls:  # the first request fills the caches (the region choices, the site): measure warm pages
        _queries(client, url)
    few = {url: _queries(client, url) for url in urls}
    for i in range(6):
        make_need(county="360827" if i % 2 else "360321", title=f"更多需求{i}")
        ProjectFactory(organisation=org)
        OrganisationFactory()
    for url in urls:  # the writes made the kept list counts stale: the next request counts again, then keeps it
        _queries(client, url)
    many = {url: _queries(client, url) for url in few}
    assert many == few


def test_organisation_and_project_pages(client, db):
    org = OrganisationFactory(name="萍乡市助老服务中心")
    project = ProjectFactory(organisation=org, title="农村敬老院适老化改造")
    hidden = ProjectFactory(organisation=OrganisationFactory(status="suspended"), title="暂停组织的项目")
    assert "农村敬老院适老化改造" in client.get(f"/organisations/{org.ref}/").content.decode()
    assert client.get(f"/projects/{project.ref}/").status_code == 200
    assert client.get(f"/projects/{hidden.ref}/").status_code == 404
    assert client.get("/organisations/no-such-org/").status_code == 404


def test_english_switch(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/needs/"})
    assert response.status_code == 302 and response["Location"] == "/needs/"
    body = client.get("/needs/").content.decode()
    assert 'lang="en"' in body and "Skip to content" in body and "跳到正文" not in body
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/needs/"})
    body = client.get("/needs/").content.decode()
    assert 'lang="zh-hans"' in body and "跳到正文" in body


def test_chinese_first_even_for_an_english_browser_until_the_switch_is_used(client, db):
    make_need(county="360321", title="敬老院改造丙", categories=["elderly_care"])
    body = client.get("/needs/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "养老服务" in body and 'lang="zh-hans"' in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/needs/"})
    body = client.get("/needs/").content.decode()
    assert "Elderly care" in body and 'lang="en"' in body
