"""A need is closed as fulfilled only with a delivery record, which lands on its response log."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from matching.models import NeedPage, ResponseLogEntry
from matching.outcomes.models import DeliveryRecord
from matching.outcomes.services.deliveries import need_fulfil

pytestmark = pytest.mark.django_db


def test_matched_organisation_fulfils_need_with_delivery(matched_need, project, member, gps_photo):
    # when the organisation running the matched project records what it delivered
    record = need_fulfil(
        need=matched_need,
        user=member,
        project=project,
        what="安装扶手 12 套、防滑地砖",
        delivered_on=timezone.localdate(),
        photos=[gps_photo],
    )
    # then the need is fulfilled, and its log shows the delivery before the status change
    need = NeedPage.objects.get(pk=matched_need.pk)
    assert need.status == "fulfilled"
    log = list(need.response_log.order_by("created_at", "id"))
    delivery = [e for e in log if e.kind == ResponseLogEntry.Kind.DELIVERY]
    assert len(delivery) == 1 and "安装扶手" in delivery[0].message
    assert delivery[0].actor_label == project.organisation.name
    assert log[-1].to_status == "fulfilled" and f"#{record.pk}" in log[-1].message
    assert record.evidence.count() == 1


def test_no_evidence_no_fulfilment(matched_need, project, member):
    with pytest.raises(ValidationError) as err:
        need_fulfil(need=matched_need, user=member, project=project, what="物资", delivered_on=timezone.localdate())
    assert "佐证" in err.value.message_dict["evidence"][0]
    assert DeliveryRecord.objects.count() == 0
    assert NeedPage.objects.get(pk=matched_need.pk).status == "open"


def test_outsider_cannot_record_delivery(matched_need, outsider, gps_photo):
    with pytest.raises(PermissionDenied):
        need_fulfil(need=matched_need, user=outsider, what="x", delivered_on=timezone.localdate(), photos=[gps_photo])
    assert not matched_need.response_log.filter(kind="delivery").exists()


def test_region_staff_may_record_delivery(need, county_staff, pdf_upload):
    need_fulfil(
        need=need,
        user=county_staff,
        what="民政部门直接发放米面油",
        delivered_on=timezone.localdate(),
        documents=[pdf_upload],
    )
    assert NeedPage.objects.get(pk=need.pk).status == "fulfilled"
    assert need.response_log.get(kind="delivery").actor_label == "民政部门"


def test_staff_of_another_county_may_not(need, other_county_staff, pdf_upload):
    with pytest.raises(PermissionDenied):
        need_fulfil(
            need=need, user=other_county_staff, what="x", delivered_on=timezone.localdate(), documents=[pdf_upload]
        )


def test_delivery_date_in_future_is_refused(matched_need, project, member, gps_photo):
    with pytest.raises(ValidationError) as err:
        need_fulfil(
            need=matched_need,
            user=member,
            project=project,
            what="x",
            delivered_on=timezone.localdate() + dt.timedelta(days=3),
            photos=[gps_photo],
        )
    assert "晚于今天" in err.value.message_dict["delivered_on"][0]


def test_closed_need_cannot_be_fulfilled(matched_need, project, member, gps_photo):
    from matching.services.needs import need_set_status

    need_set_status(need=matched_need, status="closed")
    with pytest.raises(ValidationError) as err:
        need_fulfil(
            need=matched_need,
            user=member,
            project=project,
            what="x",
            delivered_on=timezone.localdate(),
            photos=[gps_photo],
        )
    assert "不能登记交付" in err.value.message_dict["status"][0]
