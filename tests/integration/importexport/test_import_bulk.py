"""The bulk path of the import (new records written in batches) keeps every rule of records.md and leaves
the rows the single-record services leave: the same pages, revisions, histories and logs, a valid page
tree, nothing written when any line is bad, nothing changed by a re-import, kept figures that equal a
full recomputation."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, PageLogEntry, Revision

from matching.importexport import RecordsInvalid, records_import
from matching.models import (
    NeedPage,
    Organisation,
    Project,
    RegionPage,
    ResponseLogEntry,
    Volunteer,
)

from .conftest import as_text, database_state, good_records, uscc

pytestmark = pytest.mark.django_db

STATUSES = ["open", "matched", "in_progress", "fulfilled", "closed", "draft"]


def many_needs(n: int, prefix: str) -> list[dict]:
    """``n`` need records over two counties, every status, with and without a publication date."""
    template = good_records()[6]
    return [
        {
            **template,
            "ref": f"{prefix}{i:05d}",
            "title": f"需求{i}：敬老院卫浴改造",
            "region": "360321" if i % 3 else "360827",
            "status": STATUSES[i % len(STATUSES)],
            "categories": ["elderly_care"] + (["medical"] if i % 4 == 0 else []),
            "skills": [] if i % 5 == 0 else ["construction"],
            "beneficiaries": i,
            "published_on": None if i % 7 == 0 or STATUSES[i % len(STATUSES)] == "draft" else "2026-10-08",
        }
        for i in range(n)
    ]


def import_lines(records, *, bulk):
    return records_import(as_text(records).splitlines(), bulk=bulk)


VOLATILE = {
    "id",
    "page_ptr",
    "page_ptr_id",
    "path",
    "url_path",
    "slug",
    "ref",
    "translation_key",
    "latest_revision",
    "latest_revision_id",
    "live_revision",
    "live_revision_id",
    "latest_revision_created_at",
    "first_published_at",
    "last_published_at",
    "pk",
}


def need_rows(prefix: str) -> list[dict]:
    """Everything the import wrote for the needs whose refs start with ``prefix``, without ids and times."""
    out = []
    for need in NeedPage.objects.filter(ref__startswith=prefix).order_by("path"):
        revisions = list(Revision.page_revisions.filter(object_id=str(need.pk)))
        fields = {
            f.attname: getattr(need, f.attname)
            for f in NeedPage._meta.concrete_fields
            if f.attname not in VOLATILE and f.name not in VOLATILE
        }
        out.append(
            {
                "page": fields,
                "stamps": [
                    getattr(need, a) is not None
                    for a in ("first_published_at", "last_published_at", "latest_revision_created_at")
                ],
                "revisions": [
                    (
                        r.content_type_id,
                        r.base_content_type_id,
                        r.object_str,
                        r.user_id,
                        r.approved_go_live_at,
                        {k: v for k, v in r.content.items() if k not in VOLATILE},
                    )
                    for r in revisions
                ],
                "live revision is the revision": need.live_revision_id == (revisions[0].pk if need.live else None),
                "latest revision is the revision": need.latest_revision_id == revisions[0].pk,
                "history": sorted(
                    (
                        e.action,
                        e.content_type_id,
                        e.label,
                        e.data,
                        e.user_id,
                        e.content_changed,
                        e.revision_id == revisions[0].pk,
                        e.deleted,
                    )
                    for e in PageLogEntry.objects.filter(page=need)
                ),
                "response log": list(
                    need.response_log.values_list("kind", "actor_label", "message", "from_status", "to_status", "actor")
                ),
                "categories": sorted(need.categories.values_list("code", flat=True)),
                "skills": sorted(need.skills.values_list("code", flat=True)),
                "parent": need.get_parent().specific.region_id,
                "url_path": need.url_path == f"{need.get_parent().url_path}{need.ref}/",
            }
        )
    return out


def tree_problems() -> list:
    return [list(p) for p in Page.find_problems() if p]


def test_the_bulk_path_writes_the_rows_the_single_record_path_writes():
    import_lines(many_needs(30, "one-"), bulk=False)
    import_lines(many_needs(30, "bulk-"), bulk=True)

    single, bulk = need_rows("one-"), need_rows("bulk-")
    assert len(bulk) == 30 and bulk == single
    assert tree_problems() == []


def test_bulk_pages_follow_the_existing_children_in_treebeard_order_and_parents_count_them():
    import_lines(many_needs(5, "one-"), bulk=False)
    import_lines(many_needs(1200, "bulk-"), bulk=True)

    county = RegionPage.objects.get(region_id="360321")
    children = list(county.get_children().values_list("path", flat=True))
    assert children == sorted(children) and len(set(children)) == len(children)
    assert county.numchild == len(children) == NeedPage.objects.filter(county_id="360321").count()
    refs = list(county.get_children().specific().values_list("needpage__ref", flat=True))
    assert refs == [r["ref"] for r in many_needs(5, "one-") + many_needs(1200, "bulk-") if r["region"] == "360321"]
    assert tree_problems() == []
    before = list(Page.objects.order_by("pk").values_list("path", "depth", "numchild"))
    Page.fix_tree()
    assert list(Page.objects.order_by("pk").values_list("path", "depth", "numchild")) == before


def test_bulk_imported_needs_are_wagtail_pages_the_site_admin_and_services_treat_as_any(client):
    from django.urls import reverse

    from matching.services.needs import NeedFields, need_update
    from tests.factories import UserFactory

    import_lines(many_needs(12, "bulk-"), bulk=True)
    live = NeedPage.objects.get(ref="bulk-00000")
    draft = NeedPage.objects.get(ref="bulk-00005")

    page = client.get(live.url)
    assert page.status_code == 200 and "需求0：敬老院卫浴改造" in page.content.decode()
    assert draft.url is None or client.get(draft.url).status_code == 404
    assert live.get_latest_revision_as_object().title == live.title
    assert live.live_revision.as_object().ref == "bulk-00000"
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[live.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:history", args=[live.pk])).status_code == 200
    fields = NeedFields(
        title="需求0：敬老院卫浴与扶手改造", description=live.description, categories=["elderly_care"], status="matched"
    )
    updated = need_update(need=live, fields=fields)
    assert updated.live and updated.status == "matched"
    assert Revision.page_revisions.filter(object_id=str(live.pk)).count() == 2
    assert list(updated.response_log.values_list("to_status", flat=True)) == ["open", "matched"]


def test_a_bad_line_at_the_end_of_a_big_file_writes_nothing():
    records = many_needs(1200, "bulk-") + [{**good_records()[6], "ref": "bulk-bad", "circle": "inner"}]
    before = database_state()

    with pytest.raises(RecordsInvalid) as caught:
        import_lines(records, bulk=True)

    assert [e.line for e in caught.value.errors] == [1201]
    assert database_state() == before


def test_personal_data_in_the_second_batch_rolls_back_the_first():
    records = many_needs(1200, "bulk-")
    records[1100] = {**records[1100], "description": "联系人电话 13912345678"}
    before = database_state()

    with pytest.raises(ValidationError) as caught:
        import_lines(records, bulk=True)

    assert "bulk-01100" in str(caught.value)
    assert database_state() == before and not NeedPage.objects.filter(ref__startswith="bulk-").exists()


def test_a_reimport_of_a_bulk_import_changes_nothing_and_round_trips(run_import):
    records = good_records() + many_needs(1100, "bulk-")
    import_lines(records, bulk=True)
    before = database_state()

    result = import_lines(records, bulk=True)

    assert sum(result.created.values()) == sum(result.updated.values()) == 0
    assert database_state() == before


def test_new_organisations_projects_and_volunteers_in_bulk_equal_the_single_path():
    from matching.importexport import snapshot

    def actors(prefix, first):
        records = []
        for i in range(40):
            records.append(
                {
                    **good_records()[2],
                    "ref": f"{prefix}org{i}",
                    "uscc": uscc(first + i),
                    "name": f"社会组织{i}",
                    "service_regions": ["360300", "000000"][: 1 + i % 2],
                }
            )
            records.append(
                {
                    **good_records()[0],
                    "ref": f"{prefix}prj{i}",
                    "organisation": f"{prefix}org{i}",
                    "budget_available": f"{i}.5{i % 10}",
                    "skills": [] if i % 2 else ["construction"],
                }
            )
            records.append({**good_records()[5], "ref": f"{prefix}vol{i}", "hours_per_month": i})
        return records

    import_lines(actors("one-", 100), bulk=False)
    result = import_lines(actors("bulk-", 200), bulk=True)

    assert dict(result.created) == {"organisation": 40, "project": 40, "volunteer": 40}

    def strip(records: dict, prefix: str) -> list:
        return [
            {k: (v.removeprefix(prefix) if isinstance(v, str) else v) for k, v in rec.items() if k != "uscc"}
            for ref, rec in sorted(records.items())
            if ref.startswith(prefix)
        ]

    for read in (snapshot.organisation_records, snapshot.project_records, snapshot.volunteer_records):
        assert strip(read(), "bulk-") == strip(read(), "one-") and strip(read(), "bulk-")
    assert Organisation.objects.filter(ref__startswith="bulk-", status="verified").count() == 40
    assert Project.objects.get(ref="bulk-prj3").budget_available == 353
    assert Volunteer.objects.filter(ref__startswith="bulk-").count() == 40


def test_an_organisation_with_personal_data_in_bulk_writes_nothing():
    records = [
        {**good_records()[2], "ref": f"org{i}", "uscc": uscc(300 + i), "name": f"社会组织{i}"} for i in range(30)
    ]
    records[20]["name"] = "社会组织 13912345678"
    before = database_state()

    with pytest.raises(ValidationError):
        import_lines(records, bulk=True)

    assert database_state() == before


def test_bulk_import_queues_index_work_once_per_batch(django_capture_on_commit_callbacks):
    from search.models import IndexOutbox

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        import_lines(good_records() + many_needs(50, "bulk-"), bulk=True)
        queued = {
            kind: set(IndexOutbox.objects.filter(kind=kind).values_list("ref", flat=True))
            for kind in ("need", "project", "organisation", "volunteer")
        }

    assert queued["need"] == {"need-t1", "need-t2", "need-t3"} | {f"bulk-{i:05d}" for i in range(50)}
    assert queued["project"] == {"prj-t1", "prj-t2"} and queued["organisation"] == {"org-t1", "org-t2"}
    assert queued["volunteer"] == {"vol-t1"}
    names = [getattr(c, "__name__", "") for c in callbacks]
    assert names.count("_schedule_drain") == 1 and names.count("_figures_queue") == 1
    assert ResponseLogEntry.objects.filter(need__ref__startswith="bulk-").count() == sum(
        1 for r in many_needs(50, "bulk-") if r["status"] != "draft"
    )


def test_kept_figures_equal_a_full_recomputation_after_a_bulk_import():
    from matching.outcomes.models import PLATFORM
    from matching.outcomes.services.figures import figures_recompute, figures_refresh
    from tests.integration.outcomes.test_figures_kept import (
        _kept,
        _recomputed,
        _snapshot,
    )

    import_lines(good_records() + many_needs(1100, "bulk-"), bulk=True)

    figures_refresh()

    for code in (PLATFORM, "360000", "360300", "360321", "360800", "360827"):
        assert _kept(code) == _recomputed(code), code
    kept = _snapshot()
    figures_recompute()
    assert _snapshot() == kept
    assert _kept(PLATFORM)["needs_open"] == NeedPage.objects.live().filter(status="open").count() > 0


def test_the_alerts_of_a_bulk_import_are_those_each_need_would_get_on_its_own(
    search_backend, django_capture_on_commit_callbacks
):
    from search.documents import need_document
    from search.models import ProfileAlert
    from search.standing_profiles.rules import profile_fits
    from search.standing_profiles.services import spec_of, standing_profile_save
    from tests.factories import MembershipFactory, OrganisationFactory

    profiles = []
    for name, categories, regions in (
        ("吉安养老", ["elderly_care"], ["360800"]),
        ("萍乡医疗", ["medical"], ["360300"]),
        ("全国", ["medical"], []),
    ):
        admin = MembershipFactory(organisation=OrganisationFactory(name=f"{name}中心"), role="admin").user
        profiles.append(
            standing_profile_save(
                user=admin,
                organisation=admin.memberships.get().organisation,
                name=name,
                categories=categories,
                regions=regions,
            )
        )

    with django_capture_on_commit_callbacks(execute=True):
        import_lines(many_needs(60, "bulk-"), bulk=True)

    expected = {
        (p.pk, page.ref)
        for page in NeedPage.objects.live().filter(status="open", ref__startswith="bulk-")
        for p in profiles
        if profile_fits(spec_of(p), need_document(page))
    }
    assert {pk for pk, _ref in expected} == {profiles[0].pk, profiles[2].pk}  # the open needs are in 360827
    assert set(ProfileAlert.objects.values_list("profile_id", "need_ref")) == expected
