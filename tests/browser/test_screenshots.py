"""Screenshots of the main pages at 1280 and 375 px for docs/screenshots/ (run with SCREENSHOTS=1; skipped in the
suite). PNGs reduced to a 128-colour palette to stay small."""

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.world import PASSWORD, world_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("SCREENSHOTS"), reason="SCREENSHOTS=1 writes docs/screenshots"),
]
OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {1280: 900, 375: 812}


@pytest.fixture(scope="module")
def world(site_server):
    return world_make()


def _save(page, name: str, width: int) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    png = page.screenshot(full_page=True, clip=None)
    image = Image.open(io.BytesIO(png))
    image = image.crop((0, 0, image.width, min(image.height, WIDTHS[width] * 2)))
    image.convert("RGB").quantize(colors=128).save(OUT / f"{name}-{width}.png", optimize=True)


def _sign_in(page, login: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_load_state()


def test_screenshots_of_the_main_pages(module_page, world):
    need = world.proposal.need
    public = [
        ("home", "/"),
        ("needs", "/needs/"),
        ("need", need.url),
        ("project", "/projects/prj-journey/"),
        ("donate", "/funding/donate/project/prj-journey/"),
        ("region-transparency", "/transparency/regions/360300/"),
    ]
    for width in WIDTHS:
        page = module_page(width=width)
        for name, path in public:
            page.goto(path)
            _save(page, name, width)
    for width in WIDTHS:
        page = module_page(width=width)
        _sign_in(page, "admin@shanxing.example")
        page.goto(f"/portal/org/{world.organisation.pk}/")
        _save(page, "organisation-home", width)
    for f in OUT.glob("*.png"):
        assert f.stat().st_size < 400_000, f
