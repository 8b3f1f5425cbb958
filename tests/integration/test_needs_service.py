import pytest
from django.core.exceptions import ValidationError

from matching.error_codes import NeedErrorCode
from matching.errors import error_codes
from matching.models import NeedPage, ResponseLogEntry
from matching.services.needs import need_set_status
from tests.factories import make_need

pytestmark = pytest.mark.django_db


def test_need_created_under_its_county_page_and_published_with_a_log_line():
    need = make_need(county="360321")

    assert need.live
    assert need.get_parent().specific.region.code == "360321"
    assert [p.specific.region.code for p in need.get_ancestors().type(need.get_parent().specific_class)] == [
        "360000",
        "360300",
        "360321",
    ]
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
    with pytest.raises(ValidationError) as refused:
        need_set_status(need=need, status="fulfilled")
    assert error_codes(refused.value) == {NeedErrorCode.STATUS_STEP_NOT_ALLOWED}
    assert ResponseLogEntry.objects.filter(need=need).count() == 2


def test_need_must_sit_in_a_county():
    with pytest.raises(ValidationError) as refused:
        make_need(county="360300")
    assert error_codes(refused.value) == {NeedErrorCode.NOT_A_COUNTY}


def test_a_need_is_fulfilled_only_with_a_delivery_record():
    need = make_need()
    need_set_status(need=need, status="in_progress")

    with pytest.raises(ValidationError) as refused:
        need_set_status(need=need, status="fulfilled")
    assert error_codes(refused.value) == {NeedErrorCode.DELIVERY_REQUIRED}

    assert NeedPage.objects.get(pk=need.pk).status == "in_progress"


# Many needs in a row: needs_batch ------------------------------------------------------------------


def _wagtail_indexed(need) -> bool:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    return IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(NeedPage), object_id=str(need.pk)
    ).exists()


def _referenced(need) -> bool:
    from wagtail.models import ReferenceIndex

    return ReferenceIndex.objects.filter(object_id=str(need.pk), model_path="county").exists()


def _fields(**extra):
    from matching.services.needs import NeedFields

    return NeedFields(
        **{
            "title": "莲花县留守儿童课后托管",
            "description": "<p>放学后无人照看。</p>",
            "categories": ["children", "education"],
            "skills": ("teaching",),
            **extra,
        }
    )


def _facts(need) -> dict:
    from wagtail.models import PageLogEntry

    need = NeedPage.objects.get(pk=need.pk)
    return {
        "live": need.live,
        "status": need.status,
        "parent": need.get_parent().specific.region.code,
        "categories": sorted(need.categories.values_list("code", flat=True)),
        "skills": sorted(need.skills.values_list("code", flat=True)),
        "revisions": need.revisions.count(),
        "live revision": need.live_revision_id == need.latest_revision_id,
        "page log": sorted(PageLogEntry.objects.filter(page=need).values_list("action", flat=True)),
        "response log": list(need.response_log.values_list("kind", "to_status")),
        "published_on": need.published_on,
        "wagtail search": _wagtail_indexed(need),
        "references": _referenced(need),
    }


def test_a_need_made_in_a_batch_is_the_same_as_one_made_alone(county_lianhua):
    from matching.services.needs import need_create, needs_batch

    alone = need_create(county=county_lianhua, fields=_fields(), ref="need-alone")
    with needs_batch() as batch:
        batched = need_create(county=county_lianhua, fields=_fields(), ref="need-batched", batch=batch)

    assert _facts(batched) == _facts(alone)
    assert _facts(alone)["wagtail search"] and _facts(alone)["references"]
    assert _facts(alone)["categories"] == ["children", "education"] and _facts(alone)["skills"] == ["teaching"]


def test_wagtails_indexes_wait_for_the_end_of_the_batch(county_lianhua):
    from matching.services.needs import need_create, needs_batch

    with needs_batch() as batch:
        need = need_create(county=county_lianhua, fields=_fields(), batch=batch)
        during = (_wagtail_indexed(need), _referenced(need))

    assert during == (False, False)
    assert (_wagtail_indexed(need), _referenced(need)) == (True, True)


def test_a_draft_in_a_batch_is_still_validated(county_lianhua):
    from matching.services.needs import need_create, needs_batch

    with pytest.raises(ValidationError) as refused:
        with needs_batch() as batch:
            need_create(county=county_lianhua, fields=_fields(status="draft", amount_requested=-100), batch=batch)
    assert error_codes(refused.value) == {NeedErrorCode.NEGATIVE_AMOUNT}

    assert not NeedPage.objects.exists()


def test_a_failed_batch_writes_nothing_and_saves_are_indexed_at_once_again(county_lianhua):
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler

    from matching.services.needs import need_create, needs_batch

    with pytest.raises(RuntimeError, match="中途失败"):
        with needs_batch() as batch:
            need_create(county=county_lianhua, fields=_fields(), ref="need-lost", batch=batch)
            raise RuntimeError("中途失败")

    assert not NeedPage.objects.filter(ref="need-lost").exists()
    assert post_save_signal_handler in post_save._live_receivers(NeedPage)[0]
    assert _wagtail_indexed(make_need(county="360321"))


@pytest.mark.django_db(transaction=True)
def test_a_save_in_another_thread_during_a_batch_is_indexed_at_once():
    """The batch defers only its own thread's index updates: staff saving a need in the admin while
    an import runs in the same process are not held back."""
    import threading

    from matching.models import Region
    from matching.services.needs import need_create, needs_batch

    county = Region.objects.get(code="360321")
    make_need(county="360321", ref="need-before")  # the region pages exist: no lock on the home page
    made = {}

    def staff_save():
        from django.db import connection

        try:
            made["need"] = need_create(county=county, fields=_fields(), ref="need-by-staff")
            made["indexed"] = _wagtail_indexed(made["need"])
        finally:
            connection.close()

    with needs_batch():
        worker = threading.Thread(target=staff_save)
        worker.start()
        worker.join(timeout=60)

    assert made == {"need": made.get("need"), "indexed": True}


@pytest.mark.parametrize("status", ["open", "draft"])
def test_a_need_with_invalid_content_is_refused_and_nothing_is_written(county_lianhua, status):
    from wagtail.models import Revision

    from matching.services.needs import need_create

    with pytest.raises(ValidationError) as refused:
        need_create(county=county_lianhua, fields=_fields(status=status, amount_requested=-100), ref="need-bad")
    assert error_codes(refused.value) == {NeedErrorCode.NEGATIVE_AMOUNT}

    assert not NeedPage.objects.filter(ref="need-bad").exists() and not Revision.objects.exists()
    assert not ResponseLogEntry.objects.exists()


def test_an_update_with_invalid_content_is_refused_and_the_need_is_unchanged():
    from matching.services.needs import need_update

    need = make_need()
    revisions = need.revisions.count()

    with pytest.raises(ValidationError) as refused:
        need_update(need=need, fields=_fields(amount_requested=-100))
    assert error_codes(refused.value) == {NeedErrorCode.NEGATIVE_AMOUNT}

    need = NeedPage.objects.get(pk=need.pk)
    assert need.amount_requested == 0 and need.revisions.count() == revisions


def test_an_update_of_a_need_scheduled_for_later_is_still_validated():
    import datetime as dt

    from django.utils import timezone

    from matching.services.needs import need_update

    need = make_need()
    NeedPage.objects.filter(pk=need.pk).update(go_live_at=timezone.now() + dt.timedelta(days=3))
    need = NeedPage.objects.get(pk=need.pk)

    with pytest.raises(ValidationError) as refused:
        need_update(need=need, fields=_fields(amount_requested=-100))
    assert error_codes(refused.value) == {NeedErrorCode.NEGATIVE_AMOUNT}


def test_a_response_log_line_is_never_changed():
    entry = make_need().response_log.get()
    entry.message = "改写过的记录"
    with pytest.raises(ValidationError) as refused:
        entry.save()
    assert error_codes(refused.value) == {NeedErrorCode.RESPONSE_LOG_APPEND_ONLY}
    assert ResponseLogEntry.objects.get(pk=entry.pk).message != "改写过的记录"
