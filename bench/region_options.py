"""Cost of the region picker's option list (matching/region_fields.py) on the shipped region dataset.

    .venv/bin/python bench/region_options.py [--rounds 50]

Migrates a fresh database (SQLite in a temporary folder unless DATABASE_URL is set), loads the shipped
regions, then times ``region_options_html`` uncached (the full build) and cached (the list taken from
the cache and the current choice marked), and prints median and p95 in ms with the list's size.
"""

from __future__ import annotations

import argparse
import statistics
import time

from django_env import prepare

prepare("regions")


def _times(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return sorted(out)


def _line(name: str, times: list[float]) -> str:
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return f"{name:<10} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   (n={len(times)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    from matching.models import Region
    from matching.region_fields import region_options_html

    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)

    def uncached():
        cache.clear()
        return region_options_html({"360321"}, empty_label="全部")

    html = uncached()
    print(f"regions: {Region.objects.count()}; options: {html.count('<option')}; list: {len(html.encode()) // 1024} KB")
    print(_line("uncached", _times(uncached, args.rounds)))
    print(_line("cached", _times(lambda: region_options_html({"360321"}, empty_label="全部"), args.rounds)))


if __name__ == "__main__":
    main()
