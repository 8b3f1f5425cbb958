import datetime

from django.urls import reverse
from django.utils import timezone

from matching.models import Volunteer, VolunteerAvailability

PROFILE = {"display_name": "王老师", "skills": ["teaching"], "service_regions": ["360300"], "hours_per_month": "20"}


def test_availability_is_saved_and_shown_on_the_profile(client, stranger):
    client.force_login(stranger)
    start = timezone.localdate() + datetime.timedelta(days=3)
    end = start + datetime.timedelta(days=60)

    response = client.post(
        reverse("portal:volunteer_profile"),
        {
            **PROFILE,
            "weekends": "on",
            "evenings": "on",
            "available_from": start.isoformat(),
            "available_until": end.isoformat(),
        },
    )

    assert response.status_code == 302
    availability = VolunteerAvailability.objects.get(volunteer__user=stranger)
    assert (availability.weekdays, availability.weekends, availability.evenings) == (False, True, True)
    assert (availability.available_from, availability.available_until) == (start, end)
    page = client.get(reverse("portal:volunteer_profile"))
    assert "周末、晚间" in page.content.decode() and end.isoformat() in page.content.decode()
    assert page.context["form"].initial["weekends"] is True and page.context["form"].initial["weekdays"] is False


def test_availability_can_be_changed(client, stranger):
    client.force_login(stranger)
    client.post(reverse("portal:volunteer_profile"), {**PROFILE, "weekends": "on"})

    client.post(reverse("portal:volunteer_profile"), {**PROFILE, "weekdays": "on"})

    availability = VolunteerAvailability.objects.get(volunteer__user=stranger)
    assert (availability.weekdays, availability.weekends) == (True, False)
    assert VolunteerAvailability.objects.count() == 1


def test_a_reversed_date_range_is_refused_and_nothing_is_written(client, stranger):
    client.force_login(stranger)
    start = timezone.localdate() + datetime.timedelta(days=30)

    response = client.post(
        reverse("portal:volunteer_profile"),
        {
            **PROFILE,
            "weekdays": "on",
            "available_from": start.isoformat(),
            "available_until": (start - datetime.timedelta(days=10)).isoformat(),
        },
    )

    assert response.status_code == 400
    assert "可服务截止日期不能早于起始日期" in response.content.decode()
    assert not Volunteer.objects.filter(user=stranger).exists()
    assert not VolunteerAvailability.objects.exists()


def test_a_malformed_date_is_a_message_not_a_500(client, stranger):
    client.force_login(stranger)

    response = client.post(reverse("portal:volunteer_profile"), {**PROFILE, "available_from": "2026-13-45"})

    assert response.status_code == 400
    assert not VolunteerAvailability.objects.exists()
