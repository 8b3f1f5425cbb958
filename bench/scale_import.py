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
        body = f"52{rng.randint(11, 65)}0000MJ{tag[-2:]}{i:05d}"[:17]
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


def _timed_import(records: list[dict]) -> tuple[float, str]:
    import json

    from matching.importexport import records_import

    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    t0 = time.perf_counter()
    result = records_import(lines)
    return time.perf_counter() - t0, result.summary()


def measure_import(*, needs: int, actors: int = 2000) -> dict:
    """Rates in records per second, first import and re-import, with what the importer said."""
    from django.db.models import Max
    from wagtail.models import Revision

    rng = random.Random(int(time.time()))
    tag = f"m{int(time.time()) % 100000}"
    out = {}
    actor_records = _actor_records(actors, tag, rng)
    took, summary = _timed_import(actor_records)
    again, summary_again = _timed_import(actor_records)
    out["organisations_projects_volunteers"] = {
        "records": len(actor_records),
        "seconds": round(took, 1),
        "records_per_s": round(len(actor_records) / took),
        "reimport_seconds": round(again, 1),
        "summary": summary,
        "reimport_summary": summary_again,
    }
    need_records = _need_records(needs, tag, rng)
    took, summary = _timed_import(need_records)
    last = Revision.objects.aggregate(m=Max("pk"))["m"]
    again, summary_again = _timed_import(need_records)
    out["needs"] = {
        "records": needs,
        "seconds": round(took, 1),
        "needs_per_s": round(needs / took, 1),
        "reimport_seconds": round(again, 1),
        "summary": summary,
        "reimport_summary": summary_again,
        "reimport_made_no_revision": Revision.objects.aggregate(m=Max("pk"))["m"] == last,
    }
    return out
