"""Standing profiles through a percolating engine: profiles reach it through the outbox, a
published need is answered by the engine, and the database keys answer when it is down.

Elasticsearch cannot run here, so ``PercolatingBackend`` stands in for its percolator: the
embedded engine plus a store of the percolator documents that evaluates their stored queries
(``terms``, ``match_phrase`` as a substring, ``bool`` filter/should, ``match_all``). The stored
queries themselves are the real ``search.percolator`` bodies, and the same calls run against a live
cluster in the contract suite when ELASTICSEARCH_URL is set.
"""

import random

import pytest

from matching.notifications.models import Notification
from search.backends.base import SearchUnavailable, get_search_backend, reset_backends
from search.backends.embedded import EmbeddedBackend
from search.models import IndexOutbox, StandingProfileKey
from search.outbox import outbox_drain
from search.percolator import NEED_FIELDS, build_percolate, profile_query
from search.standing_profiles.rules import URGENCY_RANK, ProfileSpec, profile_fits
from search.standing_profiles.services import standing_profile_delete, standing_profile_save
from tests.factories import MembershipFactory, OrganisationFactory, make_need

pytestmark = pytest.mark.django_db


def _fits(query: dict, document: dict) -> bool:
    """Evaluate a stored percolator query on a document, as Elasticsearch would for these clauses."""
    ((kind, body),) = query.items()
    if kind == "match_all":
        return True
    if kind == "terms":
        ((name, values),) = body.items()
        present = document.get(name) or []
        present = present if isinstance(present, list) else [present]
        return bool(set(values) & set(present))
    if kind == "match_phrase":
        ((name, phrase),) = body.items()
        return phrase.lower() in str(document.get(name) or "").lower()
    if kind == "bool":
        if not all(_fits(q, document) for q in body.get("filter", [])):
            return False
        should = body.get("should", [])
        return not should or sum(_fits(q, document) for q in should) >= body.get("minimum_should_match", 1)
    raise AssertionError(f"clause not understood: {kind}")


class PercolatingBackend(EmbeddedBackend):
    supports_percolation = True
    down = False

    def __init__(self, params):
        super().__init__(params)
        self.profiles: dict[str, dict] = {}
        self.percolated = 0

    def _check(self):
        if self.down:
            raise SearchUnavailable("percolator down (test)")

    def profiles_put(self, docs):
        self._check()
        self.profiles.update({d["profile_id"]: d for d in docs})
        return len(docs)

    def profiles_delete(self, profile_ids):
        self._check()
        for i in profile_ids:
            self.profiles.pop(str(i), None)
        return len(profile_ids)

    def profiles_rebuild(self, docs):
        self.profiles.clear()
        return self.profiles_put(list(docs))

    def percolate(self, need):
        self._check()
        self.percolated += 1
        document = build_percolate("profiles", need).to_dict()["query"]["percolate"]["document"]
        return [pid for pid, d in self.profiles.items() if _fits(d["query"], document)]


@pytest.fixture
def percolating(settings, tmp_path):
    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": f"{__name__}.PercolatingBackend", "PATH": str(tmp_path / "search-index")}
    }
    reset_backends()
    PercolatingBackend.down = False
    yield get_search_backend()
    PercolatingBackend.down = False
    reset_backends()


@pytest.fixture
def elderly_admin(db):
    org = OrganisationFactory(name="助老中心")
    return org, MembershipFactory(organisation=org, role="admin").user


# The outbox is drained explicitly below: in a test's one transaction the commit hook that
# schedules a drain is registered once (test_outbox.py covers that hook).


def _alerted(user) -> bool:
    return Notification.objects.filter(recipient=user, kind="search.profile_match").exists()


def test_profiles_reach_the_percolator_through_the_outbox_and_leave_it(
    percolating, elderly_admin, django_capture_on_commit_callbacks
):
    org, admin = elderly_admin
    profile = standing_profile_save(
        user=admin, organisation=org, name="萍乡养老", categories=["elderly_care"], regions=["360300"]
    )
    outbox_drain()
    assert list(percolating.profiles) == [str(profile.pk)]
    assert percolating.profiles[str(profile.pk)]["organisation"] == org.ref

    standing_profile_delete(user=admin, profile=profile)
    outbox_drain()
    assert percolating.profiles == {}
    assert not IndexOutbox.objects.exists()


def test_a_published_need_is_answered_by_the_percolator(percolating, elderly_admin, django_capture_on_commit_callbacks):
    org, admin = elderly_admin
    standing_profile_save(user=admin, organisation=org, name="萍乡敬老院", regions=["360300"], keywords=["敬老院"])
    outbox_drain()
    StandingProfileKey.objects.all().delete()  # the database path alone would now find nothing

    with django_capture_on_commit_callbacks(execute=True):
        make_need(county="360321", title="莲花县某乡敬老院卫浴改造")
        make_need(county="360827", title="遂川县敬老院改造")  # 吉安市: outside the profile's region

    assert percolating.percolated == 2
    assert Notification.objects.filter(recipient=admin, kind="search.profile_match").count() == 1


def test_a_percolator_that_is_down_loses_neither_the_profile_nor_the_alert(
    percolating, elderly_admin, django_capture_on_commit_callbacks
):
    org, admin = elderly_admin
    PercolatingBackend.down = True
    profile = standing_profile_save(user=admin, organisation=org, name="养老", categories=["elderly_care"])
    assert outbox_drain()["failed"] >= 1
    assert IndexOutbox.objects.filter(kind="profile", ref=str(profile.pk), attempts=1).exists()

    with django_capture_on_commit_callbacks(execute=True):
        make_need(county="360321", title="莲花县敬老院助浴")
    assert _alerted(admin)  # answered by the database keys

    PercolatingBackend.down = False
    IndexOutbox.objects.update(available_at=IndexOutbox.objects.first().created_at)
    assert outbox_drain()["failed"] == 0
    assert str(profile.pk) in percolating.profiles


def test_an_engine_without_percolation_drains_profile_rows_as_nothing_to_do(
    search_backend, elderly_admin, django_capture_on_commit_callbacks
):
    org, admin = elderly_admin
    standing_profile_save(user=admin, organisation=org, name="养老", categories=["elderly_care"])
    assert outbox_drain()["failed"] == 0
    assert not IndexOutbox.objects.filter(kind="profile").exists()
    with django_capture_on_commit_callbacks(execute=True):
        make_need(county="360321", title="莲花县敬老院助浴")
    assert _alerted(admin)


def test_stored_queries_say_exactly_what_profile_fits_says():
    rng = random.Random(5)
    regions = [["360321", "360300", "360000", "000000"], ["513222", "513200", "510000", "000000"]]
    cats, words = ["elderly_care", "children", "disability"], ["敬老院", "助浴", "课堂", "轮椅"]
    for _ in range(400):
        spec = ProfileSpec(
            categories=tuple(rng.sample(cats, rng.randint(0, 2))),
            regions=tuple(rng.sample(["360300", "000000", "510000", "360800"], rng.randint(0, 2))),
            keywords=tuple(rng.sample(words, rng.randint(0, 2))),
            min_urgency=rng.choice(list(URGENCY_RANK)),
        )
        need = {
            "region_path": rng.choice(regions),
            "categories": rng.sample(cats, rng.randint(1, 2)),
            "urgency": rng.choice(list(URGENCY_RANK)),
            "title": rng.choice(["敬老院改造", "四点半课堂"]),
            "description": rng.choice(["老人助浴", "需要轮椅", ""]),
        }
        document = {k: need[k] for k in NEED_FIELDS if need.get(k)}
        assert _fits(profile_query(spec).to_dict(), document) is profile_fits(spec, need), (spec, need)
