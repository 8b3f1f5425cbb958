"""Reports and their contact details are for the staff of the report's county (or a covering scope) only."""

from django.urls import reverse

from matching.models import Region
from matching.services.staff import staff_user_add

from .conftest import PRIVATE_VALUES


def test_staff_of_another_county_gets_404_and_never_sees_contact_details(client, report_of, other_staff):
    report = report_of()
    client.force_login(other_staff)
    for url in (
        reverse("intake:report_detail", args=[report.ref]),
        reverse("intake:report_list"),
        reverse("intake:report_list") + "?county=360321",
    ):
        response = client.get(url)
        body = response.content.decode()
        assert all(value not in body for value in PRIVATE_VALUES), url
        assert report.ref not in body or response.status_code == 404
    assert client.get(reverse("intake:report_detail", args=[report.ref])).status_code == 404
    # nor can they act on it
    assert client.post(reverse("intake:report_refer", args=[report.ref]), {"department": "health"}).status_code == 404
    assert client.post(reverse("intake:report_draft_need", args=[report.ref])).status_code == 404
    assert not report.referrals.exists()


def test_county_staff_see_the_contact_details(client, report_of, county_staff):
    report = report_of()
    client.force_login(county_staff)
    body = client.get(reverse("intake:report_detail", args=[report.ref])).content.decode()
    assert all(value in body for value in PRIVATE_VALUES)
    assert report.ref in client.get(reverse("intake:report_list")).content.decode()


def test_prefecture_staff_cover_their_counties(client, report_of):
    report = report_of()
    prefecture = staff_user_add(username="pingxiang", password="x", region=Region.objects.get(code="360300"))
    client.force_login(prefecture)
    assert client.get(reverse("intake:report_detail", args=[report.ref])).status_code == 200
    assert report.ref in client.get(reverse("intake:report_list")).content.decode()


def test_admin_menu_links_staff_to_the_intake_queue(client, county_staff):
    client.force_login(county_staff)
    body = client.get("/admin/").content.decode()
    assert reverse("intake:report_list") in body and reverse("notifications:inbox") in body
