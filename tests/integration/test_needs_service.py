import pytest
from django.core.exceptions import ValidationError

from matching.models import NeedPage, ResponseLogEntry
from matching.services.needs import need_set_status
from tests.factories import make_need

pytestmark = pytest.mark.django_db


def test_need_created_under_its_county_page_and_published_with_a_log_line():
    need = make_need(county="360321")

    assert need.live
    assert need.get_parent().specific.region.code == "360321"
    assert [p.specific.region.code for p in need.get_ancestors().type(need.get_parent().specific_class)] == [
        "360000", "360300", "360321"]
    log = list(need.response_log.all())
    assert [(e.kind, e.to_status) for e in log] == [("published", "open")]
    assert need.published_on is not None


def test_status_change_follows_the_lifecycle_and_is_logged():
    need = make_need()

    need_set_status(need=need, status="matched", actor_label="萍乡市助老服务中心")
    need = NeedPage.objects.get(pk=need.pk)

    assert need.status == "matched"
    assert need.get_latest_revision_as_object().status == "matched"
    assert list(need.response_log.values_list("to_status", flat=True)) == ["open", "matched"]
    with pytest.raises(ValidationError, match="不能从"):
        need_set_status(need=need, status="fulfilled")
    assert ResponseLogEntry.objects.filter(need=need).count() == 2


def test_need_must_sit_in_a_county():
    with pytest.raises(ValidationError, match="县级"):
        make_need(county="360300")


def test_a_need_is_fulfilled_only_with_a_delivery_record():
    need = make_need()
    need_set_status(need=need, status="in_progress")

    with pytest.raises(ValidationError, match="交付记录"):
        need_set_status(need=need, status="fulfilled")

    assert NeedPage.objects.get(pk=need.pk).status == "in_progress"
