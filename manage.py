#!/usr/bin/env python
"""Django's command-line utility for Bangfu."""

import os
import sys
from pathlib import Path

# The web layer lives in site/ as plain packages (config, cms, portal); the folder itself is
# never imported, because `site` is a standard-library module.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
