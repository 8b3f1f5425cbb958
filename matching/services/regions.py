"""The region tree in the site: a region page exists for every region that holds needs or staff."""

from django.apps import apps
from django.conf import settings
from django.db import transaction

from matching.models import Region, RegionPage
from matching.taxonomy import NATIONWIDE


def region_ancestry(region: Region) -> list[Region]:
    """Province first, the region itself last."""
    chain = []
    node: Region | None = region
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def home_page_model():
    """The site's home page model (settings.BANGFU_HOME_PAGE_MODEL): the site layer defines it, the domain
    only puts region pages under it."""
    return apps.get_model(settings.BANGFU_HOME_PAGE_MODEL)


@transaction.atomic
def region_page_ensure(*, region: Region) -> RegionPage:
    """Return the region's page, creating it and any missing ancestor pages under the home page."""
    existing = RegionPage.objects.filter(region=region).first()
    if existing:
        return existing
    parent = home_page_model().objects.get()
    for node in region_ancestry(region):
        page = RegionPage.objects.filter(region=node).first()
        if page is None:
            page = parent.add_child(instance=RegionPage(title=node.name, slug=node.code, region=node))
        parent = page
    return parent


REGIONS_CSV = __import__("pathlib").Path(__file__).resolve().parents[1] / "data" / "regions.csv"
LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2}


def regions_load(*, path=REGIONS_CSV, progress=None) -> dict:
    """Upsert the region dataset (code,name,parent,level,tags); parents before children. Idempotent."""
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: (LEVEL_ORDER[r["level"]], r["code"]))
    existing = {r.code: r for r in Region.objects.all()}
    created = updated = 0
    with transaction.atomic():
        for level in ("province", "prefecture", "county"):
            batch_new, batch_changed = [], []
            for row in (r for r in rows if r["level"] == level):
                tags = row["tags"].split() if row["tags"] else []
                values = {"name": row["name"], "level": level, "parent_id": row["parent"] or None, "tags": tags}
                current = existing.get(row["code"])
                if current is None:
                    batch_new.append(Region(code=row["code"], **values))
                elif any(getattr(current, k) != v for k, v in values.items()):
                    for k, v in values.items():
                        setattr(current, k, v)
                    batch_changed.append(current)
                if progress:
                    progress(1)
            Region.objects.bulk_create(batch_new, batch_size=1000)
            Region.objects.bulk_update(batch_changed, ["name", "level", "parent", "tags"], batch_size=1000)
            created += len(batch_new)
            updated += len(batch_changed)
        _, made = Region.objects.update_or_create(
            code=NATIONWIDE, defaults={"name": "全国", "level": Region.Level.NATION}
        )
        created += int(made)
    return {"created": created, "updated": updated, "total": len(rows)}
