"""Checks of a loaded scale database: what COPY wrote must be what Django and Wagtail would have written."""

from __future__ import annotations

import random


def check_loaded(*, log=print, sample: int = 20) -> list[str]:
    """Django's system checks, the page tree, a sample of pages rendered (public and admin editor) and
    needs created, changed and moved along their lifecycle through the services. Returns the problems."""
    from django.core.management import call_command

    problems = []
    call_command("check", verbosity=0)
    log("Django system checks: no issues")
    problems += _tree_problems()
    problems += _pages_render(sample)
    problems += _services_write()
    log("checks: " + ("all passed" if not problems else "; ".join(problems)))
    return problems


def _tree_problems() -> list[str]:
    """Every page's numchild is its real number of children, paths are unique and one step longer than
    the parent's, url_path follows the tree (set-based SQL, so it runs at a million pages)."""
    from django.db import connection

    queries = {
        "page whose parent path is missing": """
            SELECT count(*) FROM wagtailcore_page c WHERE c.depth > 1 AND NOT EXISTS (
              SELECT 1 FROM wagtailcore_page p WHERE p.path = substr(c.path, 1, length(c.path) - 4))""",
        "depth differs from the path": "SELECT count(*) FROM wagtailcore_page WHERE length(path) <> depth * 4",
        "url_path differs from the parent's + slug": """
            SELECT count(*) FROM wagtailcore_page c JOIN wagtailcore_page p
              ON p.path = substr(c.path, 1, length(c.path) - 4)
            WHERE c.depth > 2 AND c.url_path <> p.url_path || c.slug || '/'""",
        "live need without a live revision": """
            SELECT count(*) FROM wagtailcore_page p JOIN matching_needpage n ON n.page_ptr_id = p.id
            WHERE p.live AND p.live_revision_id IS NULL""",
    }
    problems = []
    with connection.cursor() as cur:
        for label, sql in queries.items():
            cur.execute(sql)
            n = cur.fetchone()[0]
            if n:
                problems.append(f"{n} × {label}")
        # numchild of big parents (counties with thousands of needs), by grouping instead of a subquery each.
        cur.execute("""
            SELECT count(*) FROM wagtailcore_page p JOIN (
              SELECT substr(path, 1, length(path) - 4) AS parent, count(*) AS n FROM wagtailcore_page
              WHERE depth > 1 GROUP BY 1) c ON c.parent = p.path WHERE c.n <> p.numchild""")
        n = cur.fetchone()[0]
        if n:
            problems.append(f"{n} × numchild differs (grouped)")
    return problems


def _client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    admin, _ = get_user_model().objects.get_or_create(
        username="scale-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(admin)
    return client


def _pages_render(sample: int) -> list[str]:
    from matching.models import NeedPage, Organisation, Project, RegionPage

    rng = random.Random(3)
    client = _client()
    problems = []
    last = NeedPage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = [rng.randint(1, last) for _ in range(sample * 3)]
    needs = list(NeedPage.objects.filter(pk__in=ids).only("pk", "url_path", "live")[:sample])
    urls = [n.url for n in needs if n.live] + [f"/admin/pages/{n.pk}/edit/" for n in needs[:5]]
    urls += [r.url for r in RegionPage.objects.order_by("?")[:5]]
    urls += [
        f"/projects/{ref}/"
        for ref in Project.objects.filter(status="active", organisation__status="verified").values_list(
            "ref", flat=True
        )[:5]
    ]
    urls += [
        f"/organisations/{ref}/"
        for ref in Organisation.objects.filter(status="verified").values_list("ref", flat=True)[:5]
    ]
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{url} answered {response.status_code}")
    print(
        f"rendered {len(urls)} pages (needs, need editors, region pages, projects, organisations): "
        f"{len(urls) - len(problems)} answered 200"
    )
    return problems


def _services_write() -> list[str]:
    """A new need in a full county (its path follows the loaded ones), an edit of a loaded need (a second
    revision after the loaded one) and a status change (response log), all through the services."""
    from django.db import transaction

    from matching.models import NeedPage, RegionPage
    from matching.services.needs import (
        NeedFields,
        need_create,
        need_set_status,
        need_update,
    )

    problems = []
    county_page = RegionPage.objects.filter(region__level="county").order_by("-numchild").first()
    with transaction.atomic():
        need = need_create(
            county=county_page.region,
            ref="need-scale-check",
            fields=NeedFields(title="规模检查：新增需求", description="<p>检查</p>", categories=["children"]),
        )
        county_page.refresh_from_db()
        if not need.live or need.get_parent().pk != county_page.pk:
            problems.append("need_create: the new need is not live under its county")
        loaded = NeedPage.objects.filter(status="open", live=True).exclude(pk=need.pk).order_by("pk").first()
        before = loaded.revisions.count()
        loaded = need_update(
            need=loaded,
            fields=NeedFields(
                title=loaded.title + "（已核实）",
                description=loaded.description,
                categories=[c.code for c in loaded.categories.all()],
                urgency="urgent",
            ),
        )
        need_set_status(need=loaded, status="matched")
        loaded.refresh_from_db()
        if (
            loaded.revisions.count() < before + 2
            or loaded.status != "matched"
            or not loaded.title.endswith("（已核实）")
        ):
            problems.append("need_update / need_set_status on a loaded need did not take")
        print(
            f"services: created {need.ref} at {need.path} (county had {county_page.numchild - 1:,} needs), "
            f"edited and matched {loaded.ref} ({loaded.revisions.count()} revisions)"
        )
        transaction.set_rollback(True)
    return problems
