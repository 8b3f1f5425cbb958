"""Fill an empty PostgreSQL database with a national-size data set behind the project's own models.

Rows are generated in Python and sent with COPY: region pages for every county that holds needs and
needs as NeedPages under them (treebeard paths, depths and child counts computed, one revision each,
live revision set, as Wagtail's ``add_child`` + ``save_revision`` + ``publish`` leave them), organisations,
projects, volunteers, matches, response-log lines, progress reports, donations, disbursements and the
double-entry ledger (every transaction sums to zero, no account holding money goes below zero).
Secondary indexes and constraints are dropped first and built after, on two connections.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace

from need_themes import THEMES

from matching.pagetree import page_child_path  # imported after django.setup() (national_scale.py)

UTC = dt.UTC
START = dt.datetime(2017, 1, 1, tzinfo=UTC)
SPAN_S = int((dt.datetime(2026, 11, 30, tzinfo=UTC) - START).total_seconds())
NEED_STATUSES = (["open", "matched", "in_progress", "fulfilled", "closed", "draft"], [60, 10, 12, 12, 3, 3])
ANSWERED = {"matched": "accepted", "in_progress": "accepted", "fulfilled": "delivered"}


@dataclass
class Sizes:
    needs: int
    projects: int
    orgs: int
    ledger_lines: int
    volunteers: int = 0
    seed: int = 13

    def __post_init__(self):
        self.volunteers = self.volunteers or max(10, self.needs // 20)


@dataclass
class Loaded:
    """Ids the later steps need."""

    counties: list = field(default_factory=list)  # (code, name, page id)
    # Parallel lists, one item per need (a million dicts would cost more memory than the lists).
    need_ids: list = field(default_factory=list)
    need_status: list = field(default_factory=list)
    need_published: list = field(default_factory=list)  # datetime, None for a draft
    project_ids: list = field(default_factory=list)
    org_ids: list = field(default_factory=list)
    volunteer_ids: list = field(default_factory=list)
    matched: dict = field(default_factory=dict)  # need id -> (project id of its accepted match, status, published)
    counts: dict = field(default_factory=dict)


def ts(rng: random.Random, lo: dt.datetime = START) -> dt.datetime:
    return lo + dt.timedelta(seconds=rng.randrange(max(1, SPAN_S - int((lo - START).total_seconds()))))


def load(sizes: Sizes, *, log=print) -> Loaded:
    """Migrate, load the regions and the base data, then COPY everything in. Returns what was made."""
    from django.core.management import call_command

    from matching.services.bootstrap import base_data_ensure

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    base_data_ensure()
    log(f"schema and base data {time.perf_counter() - t0:.0f} s")
    done = Loaded()
    steps = [
        ("region pages and needs", _pages),
        ("organisations, projects, volunteers", _actors),
        ("matches, response log, reports", _activity),
        ("ledger, donations, disbursements", _money),
    ]
    for label, step in steps:
        t = time.perf_counter()
        step(sizes, done, log)
        log(f"{label}: {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    _finish()
    log(f"sequences and ANALYZE {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    from matching.outcomes.services.figures import figures_recompute

    figures_recompute()
    log(f"kept transparency figures computed in {time.perf_counter() - t:.0f} s")
    return done


# ---- region pages and needs -----------------------------------------------------------------------------


def _county_weights(rng):
    from matching.models import Region

    rows = list(Region.objects.filter(level=Region.Level.COUNTY).values_list("code", "name", "tags", "parent_id"))
    weights = [4 if tags else 1 for _c, _n, tags, _p in rows]
    return rows, weights


PAGE_FIELDS = [
    "id",
    "path",
    "depth",
    "numchild",
    "title",
    "draft_title",
    "slug",
    "live",
    "has_unpublished_changes",
    "url_path",
    "seo_title",
    "show_in_menus",
    "search_description",
    "expired",
    "content_type_id",
    "locked",
    "translation_key",
    "locale_id",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "live_revision_id",
    "latest_revision_id",
]


def _page_row(
    pid,
    path,
    depth,
    numchild,
    title,
    slug,
    live,
    url,
    content_type,
    locale,
    *,
    published=None,
    created=None,
    live_revision=None,
    latest_revision=None,
) -> tuple:
    """A row of wagtailcore_page in the order of PAGE_FIELDS."""
    return (
        pid,
        path,
        depth,
        numchild,
        title,
        title,
        slug,
        live,
        not live,
        url,
        "",
        False,
        "",
        False,
        content_type,
        False,
        uuid.UUID(int=pid),
        locale,
        published,
        published,
        created,
        live_revision,
        latest_revision,
    )


def _needs_per_county(sizes: Sizes, rng) -> list:
    """(county, needs) for every county that holds needs."""
    counties, weights = _county_weights(rng)
    # One county holds a twentieth of the needs, at most 5,000 (the admin explorer is measured on it).
    big = min(5000, sizes.needs // 20)
    per_county = [0] * len(counties)
    for i in rng.choices(range(len(counties)), weights, k=sizes.needs - big):
        per_county[i] += 1
    per_county[weights.index(4)] += big
    return [(c, n) for c, n in zip(counties, per_county, strict=False) if n]


@dataclass
class _RegionTree:
    region_rows: list = field(default_factory=list)
    regionpage_rows: list = field(default_factory=list)
    county_pages: list = field(default_factory=list)
    home_children: int = 0
    next_page_id: int = 0


def _region_tree(held, regions, home, ct_region, locale, page_id) -> _RegionTree:
    """The region tree: province → prefecture → county (every county's parent is a prefecture), each page
    once, paths by child order, as add_child would have numbered them."""
    tree: dict[str, dict[str, list]] = {}
    for (code, name, _tags, prefecture), n in held:
        tree.setdefault(regions[prefecture].parent_id, {}).setdefault(prefecture, []).append((code, name, n))
    out = _RegionTree()
    depth = home.depth

    def region_page(pid, path, level, numchild, code, url, title):
        out.region_rows.append(_page_row(pid, path, depth + level, numchild, title, code, True, url, ct_region, locale))
        out.regionpage_rows.append((pid, code, ""))

    for pi, (province, prefectures) in enumerate(sorted(tree.items()), start=1):
        p_path, p_url = page_child_path(home.path, pi), f"{home.url_path}{province}/"
        region_page(page_id, p_path, 1, len(prefectures), province, p_url, regions[province].name)
        page_id += 1
        for fi, (prefecture, items) in enumerate(sorted(prefectures.items()), start=1):
            f_path, f_url = page_child_path(p_path, fi), f"{p_url}{prefecture}/"
            region_page(page_id, f_path, 2, len(items), prefecture, f_url, regions[prefecture].name)
            page_id += 1
            for ci, (code, name, n) in enumerate(sorted(items), start=1):
                c_path, c_url = page_child_path(f_path, ci), f"{f_url}{code}/"
                region_page(page_id, c_path, 3, n, code, c_url, name)
                out.county_pages.append((code, name, page_id, c_path, depth + 3, c_url, n))
                page_id += 1
    out.home_children = len(tree)
    out.next_page_id = page_id
    return out


NEED_FIELDS = [
    "page_ptr_id",
    "ref",
    "description",
    "circle",
    "urgency",
    "beneficiaries",
    "amount_requested",
    "currency",
    "volunteers_needed",
    "deadline",
    "status",
    "published_on",
    "first_response_at",
    "county_id",
]


def _pages(sizes: Sizes, done: Loaded, log) -> None:
    from django.contrib.contenttypes.models import ContentType
    from scale_copy import copy_model, copy_streams, indexes_deferred, next_id
    from wagtail.models import Locale, Page, Revision

    from cms.models import HomePage
    from matching.models import NeedPage, Region, RegionPage

    rng = random.Random(sizes.seed)
    held = _needs_per_county(sizes, rng)
    regions = {r.code: r for r in Region.objects.exclude(level=Region.Level.COUNTY)}
    home = HomePage.objects.get()
    locale = Locale.get_default().pk
    ct_region, ct_need = (ContentType.objects.get_for_model(m).pk for m in (RegionPage, NeedPage))
    page_id = next_id(Page)
    revision_id = next_id(Revision)
    tree = _region_tree(held, regions, home, ct_region, locale, page_id)
    region_rows, county_pages = tree.region_rows, tree.county_pages
    categories_m2m, skills_m2m = NeedPage.categories.through, NeedPage.skills.through
    need_models = [Page, NeedPage, RegionPage, Revision, categories_m2m, skills_m2m]
    with indexes_deferred(need_models, log=log):
        copy_model(Page, PAGE_FIELDS, region_rows)
        copy_model(RegionPage, ["page_ptr_id", "region_id", "intro"], tree.regionpage_rows)
        specs = {
            "page": (Page, PAGE_FIELDS),
            "need": (NeedPage, NEED_FIELDS),
            "revision": (
                Revision,
                ["id", "created_at", "content", "object_id", "content_type_id", "base_content_type_id", "object_str"],
            ),
            "category": (categories_m2m, ["needpage_id", "category_id"]),
            "skill": (skills_m2m, ["needpage_id", "skill_id"]),
        }
        with copy_streams(specs) as streams:
            _need_rows(rng, county_pages, tree.next_page_id, revision_id, ct_need, locale, done, streams)
        log(f"  {len(region_rows):,} region pages, {streams.count('need'):,} needs")
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + tree.home_children)
    done.counties = [(c[0], c[1], c[2]) for c in county_pages]
    done.counts.update(region_pages=len(region_rows), needs=streams.count("need"), revisions=streams.count("revision"))


def _need_rows(rng, county_pages, page_id, revision_id, ct_need, locale, done: Loaded, streams) -> None:
    """Page, NeedPage, Revision and many-to-many rows of every need, county by county, into the streams."""
    ref_n = 0
    for county in county_pages:
        for j in range(1, county[6] + 1):
            ref_n += 1
            _need_row(rng, county, j, ref_n, page_id, revision_id, ct_need, locale, done, streams)
            page_id += 1
            revision_id += 1


def _need_draws(rng, county, j, ref_n, pid) -> SimpleNamespace:
    """The county's ``j``-th need, drawn from the themes (the random draws in their order)."""
    code, cname, _cid, c_path, c_depth, c_url, _n = county
    category, titles, sentences, skill_codes = rng.choice(THEMES)
    title = rng.choice(titles).format(c=cname)
    ref = f"need-s{ref_n:07d}"
    status = rng.choices(*NEED_STATUSES)[0]
    live = status != "draft"
    created = ts(rng)
    published = created if live else None
    first_response = created + dt.timedelta(hours=rng.randint(2, 400)) if status not in ("open", "draft") else None
    description = "".join(
        f"<p>{cname}民政局反映：{s}。</p>" for s in rng.sample(sentences, k=rng.randint(1, len(sentences)))
    )
    need_cats = sorted({category} | ({rng.choice(THEMES)[0]} if rng.random() < 0.2 else set()))
    need_skills = sorted(rng.sample(skill_codes, k=rng.randint(0, len(skill_codes))))
    circle = rng.choice(("core", "low_income", "emergency"))
    urgency = rng.choices(("normal", "urgent", "critical"), (8, 2, 1))[0]
    beneficiaries, amount = rng.randint(1, 300), rng.randint(0, 5000) * 10000
    volunteers = rng.choice((0, 0, 2, 5))
    deadline = (created + dt.timedelta(days=rng.randint(30, 700))).date()
    published_on = published.date() if published else None
    path, url = page_child_path(c_path, j), f"{c_url}{ref}/"
    return SimpleNamespace(
        pid=pid,
        code=code,
        title=title,
        ref=ref,
        status=status,
        live=live,
        created=created,
        published=published,
        first_response=first_response,
        description=description,
        need_cats=need_cats,
        need_skills=need_skills,
        circle=circle,
        urgency=urgency,
        beneficiaries=beneficiaries,
        amount=amount,
        volunteers=volunteers,
        deadline=deadline,
        published_on=published_on,
        path=path,
        url=url,
        depth=c_depth + 1,
        key=uuid.UUID(int=pid),
    )


def _need_row(rng, county, j, ref_n, pid, rid, ct_need, locale, done: Loaded, streams) -> None:
    """The rows of the county's ``j``-th need."""
    d = _need_draws(rng, county, j, ref_n, pid)
    streams["page"](
        _page_row(
            pid,
            d.path,
            d.depth,
            0,
            d.title,
            d.ref,
            d.live,
            d.url,
            ct_need,
            locale,
            published=d.published,
            created=d.created,
            live_revision=rid if d.live else None,
            latest_revision=rid,
        )
    )
    streams["need"](
        (
            pid,
            d.ref,
            d.description,
            d.circle,
            d.urgency,
            d.beneficiaries,
            d.amount,
            "CNY",
            d.volunteers,
            d.deadline,
            d.status,
            d.published_on,
            d.first_response,
            d.code,
        )
    )
    content = _revision_content(d, ct_need, locale)
    streams["revision"]((rid, d.created, json.dumps(content, ensure_ascii=False), str(pid), ct_need, 1, d.title))
    for c in d.need_cats:
        streams["category"]((pid, c))
    for s in d.need_skills:
        streams["skill"]((pid, s))
    done.need_ids.append(pid)
    done.need_status.append(d.status)
    done.need_published.append(d.published)


def _revision_content(d: SimpleNamespace, ct_need, locale) -> dict:
    """The content of a need's first revision, as ``save_revision`` serialises the page."""
    return {
        "pk": d.pid,
        "ref": d.ref,
        "live": False,
        "path": d.path,
        "slug": d.ref,
        "depth": d.depth,
        "owner": None,
        "title": d.title,
        "circle": d.circle,
        "county": d.code,
        "locale": locale,
        "locked": False,
        "skills": d.need_skills,
        "status": d.status,
        "expired": False,
        "urgency": d.urgency,
        "alias_of": None,
        "currency": "CNY",
        "deadline": d.deadline.isoformat(),
        "numchild": 0,
        "url_path": d.url,
        "expire_at": None,
        "locked_at": None,
        "locked_by": None,
        "seo_title": "",
        "categories": d.need_cats,
        "go_live_at": None,
        "description": d.description,
        "draft_title": d.title,
        "content_type": ct_need,
        "published_on": d.published_on.isoformat() if d.published_on else None,
        "beneficiaries": d.beneficiaries,
        "live_revision": None,
        "show_in_menus": False,
        "latest_revision": None,
        "translation_key": str(d.key),
        "amount_requested": d.amount,
        "first_response_at": None,
        "last_published_at": None,
        "volunteers_needed": d.volunteers,
        "first_published_at": None,
        "search_description": "",
        "wagtail_admin_comments": [],
        "has_unpublished_changes": False,
        "latest_revision_created_at": None,
    }


# ---- organisations, projects, volunteers ------------------------------------------------------------------


ORG_FIELDS = [
    "id",
    "ref",
    "name",
    "uscc",
    "org_type",
    "registration_authority",
    "description",
    "status",
    "vetting_note",
    "created_at",
    "updated_at",
]

PROJECT_FIELDS = [
    "id",
    "ref",
    "title",
    "summary",
    "description",
    "budget_available",
    "currency",
    "volunteer_slots",
    "starts_on",
    "ends_on",
    "status",
    "created_at",
    "updated_at",
    "organisation_id",
]


def _org_rows(rng, sizes: Sizes, org_id, provinces, category_codes, org_types, done: Loaded) -> tuple[list, list, list]:
    from matching.uscc import uscc_check_char

    orgs, org_regions, org_cats = [], [], []
    for i in range(sizes.orgs):
        pk = org_id + i
        body = f"5{rng.randint(1, 3)}{rng.choice(provinces)[0]}{i:08d}X"[:17]
        body = body[:8] + "MJ" + f"{i:07d}"
        province, pname = rng.choice(provinces)
        created = ts(rng)
        orgs.append(
            (
                pk,
                f"org-s{i:06d}",
                f"{pname}{rng.choice(('阳光', '春晖', '同心', '爱心', '暖阳'))}社会工作服务中心{i}",
                body + uscc_check_char(body),
                rng.choice(org_types),
                f"{pname}民政厅",
                "扎根基层，服务困难群众。",
                rng.choices(("verified", "pending", "suspended"), (85, 12, 3))[0],
                "",
                created,
                created,
            )
        )
        org_regions.extend((pk, r) for r in {province, rng.choice(provinces)[0]})
        org_cats.extend((pk, c) for c in rng.sample(category_codes, 2))
        done.org_ids.append(pk)
    return orgs, org_regions, org_cats


def _project_rows(rng, sizes: Sizes, project_id, counties, prefectures, provinces, done: Loaded) -> tuple:
    projects, project_regions, project_cats, project_skills = [], [], [], []
    for i in range(sizes.projects):
        pk = project_id + i
        category, titles, sentences, skills = rng.choice(THEMES)
        start = ts(rng).date()
        created = dt.datetime.combine(start, dt.time(9), UTC)
        status = rng.choices(("active", "completed", "draft", "paused"), (70, 20, 7, 3))[0]
        scope = rng.random()
        region = (
            rng.choice(counties)
            if scope < 0.5
            else rng.choice(prefectures)
            if scope < 0.8
            else rng.choice(provinces)[0]
        )
        projects.append(
            (
                pk,
                f"project-s{i:06d}",
                rng.choice(titles).format(c="") + f"项目{i}",
                rng.choice(sentences),
                "；".join(sentences),
                rng.randint(0, 2000) * 10000,
                "CNY",
                rng.choice((0, 5, 20)),
                start,
                start + dt.timedelta(days=rng.randint(90, 1000)),
                status,
                created,
                created,
                rng.choice(done.org_ids),
            )
        )
        project_regions.append((pk, region))
        project_cats.append((pk, category))
        project_skills.extend((pk, s) for s in skills[:1])
        done.project_ids.append(pk)
    return projects, project_regions, project_cats, project_skills


def _volunteer_rows(rng, sizes: Sizes, volunteer_id, skill_codes, counties, done: Loaded) -> tuple[list, list, list]:
    volunteers, volunteer_skills, volunteer_regions = [], [], []
    for i in range(sizes.volunteers):
        pk = volunteer_id + i
        created = ts(rng)
        volunteers.append(
            (
                pk,
                f"volunteer-s{i:07d}",
                f"志愿者{i}",
                rng.choice((4, 8, 16, 40)),
                rng.choices(("active", "inactive"), (9, 1))[0],
                created,
                created,
            )
        )
        volunteer_skills.extend((pk, s) for s in rng.sample(skill_codes, rng.randint(1, 3)))
        volunteer_regions.append((pk, rng.choice(counties)))
        done.volunteer_ids.append(pk)
    return volunteers, volunteer_skills, volunteer_regions


def _actors_copy(rows: dict, log) -> None:
    """COPY the organisations, projects and volunteers and their many-to-many rows, indexes deferred."""
    from scale_copy import copy_model, indexes_deferred

    from matching.models import Organisation, Project, Volunteer

    orgs, org_regions, org_cats = rows["organisations"]
    projects, project_regions, project_cats, project_skills = rows["projects"]
    volunteers, volunteer_skills, volunteer_regions = rows["volunteers"]
    through = [
        Organisation.service_regions.through,
        Organisation.categories.through,
        Project.service_regions.through,
        Project.categories.through,
        Project.skills.through,
        Volunteer.skills.through,
        Volunteer.service_regions.through,
    ]
    with indexes_deferred([Organisation, Project, Volunteer, *through], log=log):
        copy_model(Organisation, ORG_FIELDS, orgs)
        copy_model(through[0], ["organisation_id", "region_id"], org_regions)
        copy_model(through[1], ["organisation_id", "category_id"], org_cats)
        copy_model(Project, PROJECT_FIELDS, projects)
        copy_model(through[2], ["project_id", "region_id"], project_regions)
        copy_model(through[3], ["project_id", "category_id"], project_cats)
        copy_model(through[4], ["project_id", "skill_id"], project_skills)
        copy_model(
            Volunteer,
            ["id", "ref", "display_name", "hours_per_month", "status", "created_at", "updated_at"],
            volunteers,
        )
        copy_model(through[5], ["volunteer_id", "skill_id"], volunteer_skills)
        copy_model(through[6], ["volunteer_id", "region_id"], volunteer_regions)


def _actors(sizes: Sizes, done: Loaded, log) -> None:
    from scale_copy import next_id

    from matching.models import Organisation, Project, Region, Volunteer
    from matching.taxonomy import CATEGORIES, ORG_TYPES, SKILLS

    rng = random.Random(sizes.seed + 1)
    provinces = list(Region.objects.filter(level=Region.Level.PROVINCE).values_list("code", "name"))
    prefectures = list(Region.objects.filter(level=Region.Level.PREFECTURE).values_list("code", flat=True))
    counties = [c for c, _n, _p in done.counties] or list(
        Region.objects.filter(level=Region.Level.COUNTY).values_list("code", flat=True)
    )
    category_codes, skill_codes, org_types = list(CATEGORIES), list(SKILLS), list(ORG_TYPES)
    org_id, project_id, volunteer_id = next_id(Organisation), next_id(Project), next_id(Volunteer)
    rows = {
        "organisations": _org_rows(rng, sizes, org_id, provinces, category_codes, org_types, done),
        "projects": _project_rows(rng, sizes, project_id, counties, prefectures, provinces, done),
        "volunteers": _volunteer_rows(rng, sizes, volunteer_id, skill_codes, counties, done),
    }
    _actors_copy(rows, log)
    orgs, projects, volunteers = (rows[k][0] for k in ("organisations", "projects", "volunteers"))
    done.counts.update(organisations=len(orgs), projects=len(projects), volunteers=len(volunteers))


# ---- matches, response log, progress reports --------------------------------------------------------------


MATCH_FIELDS = [
    "status",
    "score",
    "reasons",
    "note",
    "created_at",
    "updated_at",
    "need_id",
    "project_id",
    "volunteer_id",
    "proposed_side",
]

REPORT_FIELDS = [
    "period_start",
    "period_end",
    "narrative",
    "is_final",
    "reached_dibao",
    "reached_tekun",
    "reached_disabled",
    "reached_children",
    "reached_elderly",
    "reached_other",
    "submitted_at",
    "project_id",
]


def _match_and_log_rows(rng, done: Loaded) -> tuple[list, list]:
    """Matches and response-log lines of the published needs: answered ones matched to a project, a fifth of
    the open ones with a proposal, closed ones with their closing line."""
    from matching.services.needs import STAFF_LABEL, STATUS_MESSAGES

    matches, log_rows = [], []
    for pid, status, published in zip(done.need_ids, done.need_status, done.need_published, strict=False):
        if published is None:
            continue
        log_rows.append((published, "published", STAFF_LABEL, STATUS_MESSAGES["open"], "", "open", pid))
        if status in ANSWERED:
            project = rng.choice(done.project_ids)
            at = published + dt.timedelta(hours=rng.randint(2, 400))
            matches.append((ANSWERED[status], round(rng.random(), 3), "[]", "", at, at, pid, project, None, "need"))
            done.matched[pid] = (project, status, published)
            log_rows.append((at, "match", "社会组织", "已与帮扶项目匹配", "", "", pid))
            log_rows.append((at, "status", STAFF_LABEL, STATUS_MESSAGES[status], "open", status, pid))
        elif status == "open" and rng.random() < 0.2:
            at = published + dt.timedelta(hours=rng.randint(1, 100))
            if rng.random() < 0.5:
                matches.append(
                    (
                        "proposed",
                        round(rng.random(), 3),
                        "[]",
                        "",
                        at,
                        at,
                        pid,
                        rng.choice(done.project_ids),
                        None,
                        "need",
                    )
                )
            else:
                matches.append(
                    (
                        "proposed",
                        round(rng.random(), 3),
                        "[]",
                        "",
                        at,
                        at,
                        pid,
                        None,
                        rng.choice(done.volunteer_ids),
                        "need",
                    )
                )
        elif status == "closed":
            at = published + dt.timedelta(days=rng.randint(1, 90))
            log_rows.append((at, "status", STAFF_LABEL, STATUS_MESSAGES["closed"], "open", "closed", pid))
    return matches, log_rows


def _report_rows(rng, done: Loaded) -> list:
    """A quarterly progress report for six projects in ten."""
    reports = []
    for pk in done.project_ids:
        if rng.random() < 0.6:
            start = ts(rng).date()
            reports.append(
                (
                    start,
                    start + dt.timedelta(days=90),
                    "本期完成入户走访和物资发放。",
                    rng.random() < 0.2,
                    rng.randint(0, 50),
                    rng.randint(0, 20),
                    rng.randint(0, 20),
                    rng.randint(0, 50),
                    rng.randint(0, 50),
                    rng.randint(0, 10),
                    dt.datetime.combine(start, dt.time(10), UTC),
                    pk,
                )
            )
    return reports


def _activity(sizes: Sizes, done: Loaded, log) -> None:
    from scale_copy import copy_model, indexes_deferred

    from matching.models import Match, ResponseLogEntry
    from matching.outcomes.models import ProgressReport

    rng = random.Random(sizes.seed + 2)
    matches, log_rows = _match_and_log_rows(rng, done)
    reports = _report_rows(rng, done)
    with indexes_deferred([Match, ResponseLogEntry, ProgressReport], log=log):
        copy_model(Match, MATCH_FIELDS, matches)
        copy_model(
            ResponseLogEntry,
            ["created_at", "kind", "actor_label", "message", "from_status", "to_status", "need_id"],
            log_rows,
        )
        copy_model(ProgressReport, REPORT_FIELDS, reports)
    done.counts.update(matches=len(matches), response_log=len(log_rows), reports=len(reports))


# ---- money ----------------------------------------------------------------------------------------------


class _Accounts:
    """The ledger accounts the chains use, each made once, ids from ``first_id`` on."""

    def __init__(self, first_id: int):
        self.first_id = first_id
        self.rows: dict[str, tuple] = {}

    def add(self, kind: str, key: str, name: str, need=None, project=None) -> int:
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = (self.first_id + len(self.rows), kind, key, name, START, need, None, project)
        return row[0]


def _money_specs() -> dict:
    """The COPY streams of the money step: model and columns of each."""
    from matching.funding.models import Disbursement, Donation, LedgerEntry, LedgerTransaction

    return {
        "tx": (LedgerTransaction, ["id", "kind", "origin_kind", "memo", "created_at", "idempotency_key"]),
        "entry": (LedgerEntry, ["id", "amount", "currency", "account_id", "transaction_id"]),
        "donation": (
            Donation,
            [
                "ref",
                "amount",
                "currency",
                "donor_name",
                "is_anonymous",
                "email",
                "provider",
                "provider_payment_id",
                "status",
                "created_at",
                "succeeded_at",
                "need_id",
                "project_id",
            ],
        ),
        "disbursement": (
            Disbursement,
            [
                "kind",
                "amount",
                "currency",
                "purpose",
                "status",
                "created_at",
                "confirmed_at",
                "rejection_reason",
                "created_by_id",
                "confirmed_by_id",
                "need_id",
                "project_id",
                "allocation_transaction_id",
                "settlement_transaction_id",
            ],
        ),
    }


def _chain_records(w, c, amount, gift, half, donor, anonymous, at, need, project, clerk, first) -> None:
    """The chain's donation to the project, its donation to the need and the confirmed disbursement."""
    day = dt.timedelta(days=1)
    w["donation"](
        (
            f"don-s{2 * c}",
            amount,
            "CNY",
            donor,
            anonymous,
            "",
            "stripe",
            f"pi_scale_{2 * c}",
            "succeeded",
            at,
            at,
            None,
            project,
        )
    )
    w["donation"](
        (
            f"don-s{2 * c + 1}",
            gift,
            "CNY",
            donor,
            anonymous,
            "",
            "stripe",
            f"pi_scale_{2 * c + 1}",
            "succeeded",
            at + 2 * day,
            at + 2 * day,
            need,
            None,
        )
    )
    w["disbursement"](
        (
            "regular",
            half,
            "CNY",
            "物资采购",
            "confirmed",
            at + day,
            at + 3 * day,
            "",
            clerk.pk,
            clerk.pk,
            need,
            project,
            first + 1,
            first + 3,
        )
    )


def _money_chain(c, rng, funded, accounts: _Accounts, donors, clerk, w, tx_id, entry_id) -> tuple[int, int]:
    """The ``c``-th chain of four transactions, its two donations and its disbursement; returns the next
    transaction and entry ids."""
    from matching.funding.models import LedgerTransaction

    K = LedgerTransaction.Kind
    need, project, published = rng.choice(funded)
    p_acc = accounts.add("project", f"project:{project}", f"项目 {project}", project=project)
    a_acc = accounts.add(
        "allocated", f"allocated:{project}:{need}", f"项目 {project} → 需求 {need}", need=need, project=project
    )
    n_acc = accounts.add("need", f"need:{need}", f"需求 {need}", need=need)
    at = ts(rng, published or START)
    amount = rng.randint(10, 5000) * 100
    half, gift = amount // 2, rng.randint(1, 500) * 100
    anonymous = rng.random() < 0.3
    donor = "" if anonymous else f"爱心人士{c % 9973}"
    shown = "匿名爱心人士" if anonymous else donor
    day = dt.timedelta(days=1)
    steps = [
        (K.DONATION, ((p_acc, amount), (donors, -amount)), at, f"捐赠 don-s{2 * c}：{shown}"),
        (K.ALLOCATION, ((a_acc, half), (p_acc, -half)), at + day, f"拨付 需求 {need}"),
        (K.DONATION, ((n_acc, gift), (donors, -gift)), at + 2 * day, f"捐赠 don-s{2 * c + 1}：{shown}"),
        (K.SPEND, ((n_acc, half), (a_acc, -half)), at + 3 * day, f"拨付确认 需求 {need}"),
    ]
    first = tx_id
    for kind, lines, when, memo in steps:
        w["tx"]((tx_id, kind, kind, memo, when, f"scale:{tx_id}"))
        for acc, value in lines:
            w["entry"]((entry_id, value, "CNY", acc, tx_id))
            entry_id += 1
        tx_id += 1
    _chain_records(w, c, amount, gift, half, donor, anonymous, at, need, project, clerk, first)
    return tx_id, entry_id


def _money(sizes: Sizes, done: Loaded, log) -> None:
    """Chains of four balanced transactions (eight ledger lines): a donation to a project, an allocation
    from it to a need it took on, the county's confirmation (spend), and a donation straight to the need."""
    from django.contrib.auth import get_user_model
    from scale_copy import (
        copy_model,
        copy_streams,
        indexes_deferred,
        next_id,
        row_trigger_replaced,
    )

    from matching.funding.models import (
        Account,
        Disbursement,
        Donation,
        LedgerEntry,
        LedgerTransaction,
    )

    rng = random.Random(sizes.seed + 3)
    clerk, _ = get_user_model().objects.get_or_create(username="scale-clerk")
    funded = [
        (pid, project, published)
        for pid, (project, status, published) in done.matched.items()
        if status in ("in_progress", "fulfilled")
    ] or [(p, m[0], m[2]) for p, m in done.matched.items()]
    chains = sizes.ledger_lines // 8 if funded else 0
    account_id, tx_id, entry_id = next_id(Account), next_id(LedgerTransaction), next_id(LedgerEntry)
    accounts = _Accounts(account_id)
    donors = accounts.add("donors", "donors", "捐赠人（汇总）")
    specs = _money_specs()
    balanced = """SELECT count(*) FROM (SELECT transaction_id FROM funding_ledgerentry GROUP BY transaction_id, currency
                   HAVING sum(amount) <> 0 OR count(*) < 2) broken"""
    with (
        row_trigger_replaced(LedgerEntry, "funding_ledgerentry_balanced", balanced),
        indexes_deferred([Account, LedgerTransaction, LedgerEntry, Donation, Disbursement], log=log),
        copy_streams(specs) as w,
    ):
        for c in range(chains):
            tx_id, entry_id = _money_chain(c, rng, funded, accounts, donors, clerk, w, tx_id, entry_id)
        copy_model(
            Account,
            ["id", "kind", "key", "name", "created_at", "need_id", "organisation_id", "project_id"],
            accounts.rows.values(),
        )
    done.counts.update(
        accounts=len(accounts.rows),
        ledger_transactions=w.count("tx"),
        ledger_lines=w.count("entry"),
        donations=w.count("donation"),
        disbursements=w.count("disbursement"),
    )


def _finish() -> None:
    from django.apps import apps
    from django.db import connection
    from scale_copy import sequences_reset

    sequences_reset(
        m for m in apps.get_models() if m._meta.app_label in ("wagtailcore", "matching", "funding", "outcomes")
    )
    with connection.cursor() as cur:
        cur.execute("VACUUM (ANALYZE)")
