"""import_records rates on the loaded database: organisations, projects and volunteers, then needs, each
file imported as the command does (records_import) and imported a second time, which must change nothing."""

from __future__ import annotations

import random
import time

from need_themes import THEMES


def _actor_records(n: int, tag: str, rng: random.Random) -> list[dict]:
    from matching.models import Region
    from matching.taxonomy import CATEGORIES, SKILLS
    from matching.uscc import uscc_check_char

    counties = list(Region.objects.filter(level="county").values_list("code", flat=True))
    categories, skills = list(CATEGORIES), list(SKILLS)
    out = []
    for i in range(n):
        # A random six-digit area part: runs whose tags end alike must not draw the same USCC (the import
        # would refuse the file, as it should).
        body = f"52{rng.randint(110000, 659999)}MJ{tag[-2:]}{i:05d}"[:17]
        out.append(
            {
                "kind": "organisation",
                "ref": f"org-{tag}-{i}",
                "name": f"导入测试社会组织{tag}{i}",
                "uscc": body + uscc_check_char(body),
                "org_type": "social_service_agency",
                "service_regions": [rng.choice(counties)],
                "categories": rng.sample(categories, 2),
                "status": "verified",
            }
        )
    for i in range(n):
        category, titles, sentences, skill = rng.choice(THEMES)
        out.append(
            {
                "kind": "project",
                "ref": f"prj-{tag}-{i}",
                "organisation": f"org-{tag}-{rng.randrange(n)}",
                "title": rng.choice(titles).format(c="") + f"项目{i}",
                "summary": sentences[0],
                "categories": [category],
                "service_regions": [rng.choice(counties)],
                "budget_available": f"{rng.randint(0, 9000)}.00",
                "skills": skill[:1],
                "status": "active",
            }
        )
    for i in range(n):
        out.append(
            {
                "kind": "volunteer",
                "ref": f"vol-{tag}-{i}",
                "display_name": f"志愿者{tag}{i}",
                "skills": rng.sample(skills, 2),
                "service_regions": [rng.choice(counties)],
                "hours_per_month": rng.choice([4, 8, 16]),
            }
        )
    return out


def _need_records(n: int, tag: str, rng: random.Random) -> list[dict]:
    from matching.models import Region

    counties = list(Region.objects.filter(level="county", page__isnull=False).values_list("code", "name"))
    chosen = rng.sample(counties, min(len(counties), max(1, n // 8)))
    out = []
    for i in range(n):
        code, cname = rng.choice(chosen)
        category, titles, sentences, skills = rng.choice(THEMES)
        out.append(
            {
                "kind": "need",
                "ref": f"need-{tag}-{i}",
                "title": rng.choice(titles).format(c=cname),
                "description": "\n".join(f"{cname}民政局反映：{s}。" for s in sentences[:2]),
                "categories": [category],
                "region": code,
                "beneficiaries": rng.randint(1, 300),
                "amount_requested": f"{rng.randint(0, 5000) * 100}.00",
                "skills": skills[:1],
                "published_on": "2026-11-01",
                "status": "open",
            }
        )
    return out


def _timed_import(records: list[dict]) -> dict:
    """One import as the command runs it; the Celery tasks its commit sets off run in-process (no broker)
    and are timed apart: ``to_commit`` is what the caller waits for when a worker takes them,
    ``to_searchable`` adds the outbox drain into the search engine and the alerts."""
    import json
    import os

    from task_timing import celery_tasks_timed, split_times

    from matching.importexport import records_import

    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    load = os.getloadavg()[0]
    with celery_tasks_timed() as tasks:
        t0 = time.perf_counter()
        result = records_import(lines)
        wall = time.perf_counter() - t0
    times = split_times(wall, tasks)
    return {
        "seconds": round(wall, 1),
        **{key: round(value, 1) for key, value in times.items()},
        "summary": result.summary(),
        "load_average": [round(load, 1), round(os.getloadavg()[0], 1)],
    }


def _rates(n: int, first: dict, again: dict) -> dict:
    return {
        "records": n,
        **first,
        "per_s": round(n / first["seconds"]),
        "per_s_to_commit": round(n / first["to_commit"]),
        "per_s_to_searchable": round(n / first["to_searchable"]),
        "reimport_seconds": again["seconds"],
        "reimport_summary": again["summary"],
    }


def measure_import(*, needs: int, actors: int = 2000) -> dict:
    """Rates in records per second, first import and re-import, with what the importer said. ``per_s`` is
    the whole call with its tasks run in-process (no broker); ``per_s_to_commit`` and ``per_s_to_searchable``
    as in ``_timed_import``."""
    from django.db.models import Max
    from wagtail.models import Revision

    from search.document_source import warm_up

    warm_up()  # as in a running worker: the first drain of a process would load the segmenter and weights
    rng = random.Random(int(time.time()))
    tag = f"m{int(time.time()) % 100000}"
    actor_records = _actor_records(actors, tag, rng)
    first = _timed_import(actor_records)
    out = {"organisations_projects_volunteers": _rates(len(actor_records), first, _timed_import(actor_records))}
    need_records = _need_records(needs, tag, rng)
    first = _timed_import(need_records)
    last = Revision.objects.aggregate(m=Max("pk"))["m"]
    out["needs"] = {
        **_rates(needs, first, _timed_import(need_records)),
        "reimport_made_no_revision": Revision.objects.aggregate(m=Max("pk"))["m"] == last,
    }
    return out
