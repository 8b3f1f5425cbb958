"""What an import leaves besides the records: Wagtail's own indexes, the search index, alerts.

Needs are written as a batch (Wagtail's per-save index updates wait for the end of the import, the
search outbox is drained once after commit); these tests pin that the end result is the same as
writing the needs one by one.
"""

import pytest
from django.db.models.signals import post_save
from wagtail.models import PageLogEntry, ReferenceIndex, Revision

from matching.models import NeedPage, ResponseLogEntry
from matching.notifications.models import Notification
from search.models import IndexOutbox, ProfileAlert
from search.standing_profiles.services import standing_profile_save
from tests.factories import MembershipFactory, OrganisationFactory, make_need

from .conftest import good_records, wagtail_index_entries

pytestmark = pytest.mark.django_db

TITLE = "莲花县某乡敬老院卫浴改造"  # need-t1 in good_records()


def test_after_an_import_every_need_is_in_wagtails_search_index(run_import):
    run_import(good_records())

    needs = {str(pk) for pk in NeedPage.objects.values_list("pk", flat=True)}
    assert len(needs) == 3 and wagtail_index_entries() == needs
    from wagtail.search.backends import get_search_backend

    found = list(get_search_backend().search(TITLE, NeedPage))
    assert [n.ref for n in found] == ["need-t1"]


def test_after_an_import_staff_find_the_need_in_the_admin_page_search(run_import, client):
    from django.urls import reverse

    from tests.factories import UserFactory

    run_import(good_records())
    need = NeedPage.objects.get(ref="need-t1")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    page = client.get(reverse("wagtailadmin_pages:search"), {"q": TITLE})

    assert page.status_code == 200
    assert reverse("wagtailadmin_pages:edit", args=[need.pk]) in page.content.decode()


def test_after_an_import_the_region_pages_are_in_wagtails_search_index_too(run_import):
    from matching.models import RegionPage

    run_import(good_records())

    pages = {str(pk) for pk in RegionPage.objects.values_list("pk", flat=True)}
    assert pages and wagtail_index_entries(RegionPage) == pages


def test_imported_needs_are_in_wagtails_reference_index_as_one_made_by_hand(run_import):
    run_import(good_records())
    imported = NeedPage.objects.get(ref="need-t1")
    by_hand = make_need(county="360321")

    def references(need):
        return sorted(
            ReferenceIndex.objects.filter(object_id=str(need.pk)).values_list(
                "content_type__model", "to_content_type__model", "to_object_id", "model_path"
            )
        )

    assert references(imported) == references(by_hand) == [("needpage", "region", "360321", "county")]


def test_each_imported_need_has_its_revision_page_log_and_response_log_line(run_import):
    run_import(good_records())

    for need in NeedPage.objects.all():
        assert Revision.page_revisions.filter(object_id=str(need.pk)).count() == 1
        actions = sorted(PageLogEntry.objects.filter(page=need).values_list("action", flat=True))
        if need.status == "draft":
            assert actions == ["wagtail.create", "wagtail.edit"] and not need.response_log.exists()
        else:
            assert actions == ["wagtail.create", "wagtail.edit", "wagtail.publish"]
            assert list(need.response_log.values_list("kind", "to_status")) == [("published", need.status)]


def test_the_first_revision_carries_the_files_publication_date(run_import):
    run_import(good_records())

    need = NeedPage.objects.get(ref="need-t1")

    assert str(need.published_on) == "2026-10-08"
    assert str(need.get_latest_revision_as_object().published_on) == "2026-10-08"


def test_outbox_rows_are_written_in_the_import_transaction_and_drained_once_after_commit(
    run_import, search_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run_import(good_records())
        queued = set(IndexOutbox.objects.filter(kind="need").values_list("ref", flat=True))

    assert queued == {"need-t1", "need-t2", "need-t3"}
    drains = [c for c in callbacks if getattr(c, "__name__", "") == "_schedule_drain"]
    assert len(drains) == 1


def test_after_commit_the_needs_are_in_the_embedded_search_index(
    run_import, search_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(good_records())

    assert search_backend.get("need", "need-t1")["title"] == TITLE
    assert search_backend.get("need", "need-t2") is not None
    assert search_backend.get("need", "need-t3") is None  # a draft is not public
    assert IndexOutbox.objects.count() == 0


@pytest.fixture
def elderly_care_watcher(db):
    """An organisation whose standing profile fits need-t1 (elderly care in 萍乡市), and its admin."""
    organisation = OrganisationFactory(name="助老中心")
    admin = MembershipFactory(organisation=organisation, role="admin").user
    standing_profile_save(
        user=admin, organisation=organisation, name="萍乡养老", categories=["elderly_care"], regions=["360300"]
    )
    return admin


def test_standing_profile_alerts_fire_once_after_an_import(
    run_import, search_backend, elderly_care_watcher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(good_records())
    with django_capture_on_commit_callbacks(execute=True) as again:
        run_import(good_records())

    assert list(ProfileAlert.objects.values_list("need_ref", flat=True)) == ["need-t1"]
    alerts = Notification.objects.filter(recipient=elderly_care_watcher, kind="search.profile_match")
    assert alerts.count() == 1 and TITLE in alerts.get().title
    assert again == []  # the re-import schedules no alert and no drain


def test_a_reimport_writes_no_revision_log_line_or_index_work(run_import, django_capture_on_commit_callbacks):
    run_import(good_records())
    counts = (
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        ResponseLogEntry.objects.count(),
        IndexOutbox.objects.count(),
        ReferenceIndex.objects.count(),
        len(wagtail_index_entries()),
    )

    with django_capture_on_commit_callbacks() as callbacks:
        run_import(good_records())

    assert (
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        ResponseLogEntry.objects.count(),
        IndexOutbox.objects.count(),
        ReferenceIndex.objects.count(),
        len(wagtail_index_entries()),
    ) == counts
    assert callbacks == []


def test_a_changed_need_is_reindexed_in_wagtails_search(run_import):
    from wagtail.search.backends import get_search_backend

    run_import(good_records())
    records = good_records()
    records[6] = {**records[6], "title": "莲花县敬老院助浴设施"}

    run_import(records)

    assert [n.ref for n in get_search_backend().search("莲花县敬老院助浴设施", NeedPage)] == ["need-t1"]
    assert list(get_search_backend().search(TITLE, NeedPage)) == []


def test_after_an_import_a_need_saved_by_hand_is_indexed_at_once_again(run_import):
    from modelsearch.signal_handlers import post_save_signal_handler

    run_import(good_records())

    assert post_save_signal_handler in list(post_save._live_receivers(NeedPage)[0])
    need = make_need(county="360321", title="莲花县手工录入的需求")
    assert str(need.pk) in wagtail_index_entries()


def test_importing_a_second_file_leaves_the_needs_of_the_first_alone(run_import):
    run_import(good_records())
    first = list(NeedPage.objects.order_by("pk").values_list("ref", "latest_revision_id", "last_published_at"))
    other = [{**good_records()[6], "ref": "need-other", "title": "莲花县另一项需求"}]

    out, _ = run_import(other)

    assert "need: 新增 1，更新 0，未变 0" in out
    assert (
        list(
            NeedPage.objects.exclude(ref="need-other")
            .order_by("pk")
            .values_list("ref", "latest_revision_id", "last_published_at")
        )
        == first
    )


def test_the_snapshot_of_some_refs_is_the_same_as_of_all(run_import):
    from matching.importexport import snapshot

    run_import(good_records())

    assert snapshot.need_records({"need-t1", "need-t3", "need-nobody"}) == {
        ref: rec for ref, rec in snapshot.need_records().items() if ref in {"need-t1", "need-t3"}
    }
    assert snapshot.project_records({"prj-t2"}) == {"prj-t2": snapshot.project_records()["prj-t2"]}
    assert snapshot.organisation_records(set()) == {}
    assert snapshot.volunteer_records({"vol-t1"}) == snapshot.volunteer_records()
