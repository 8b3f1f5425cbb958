"""The environment of a benchmark that runs Django, set before Django is imported: a temporary
folder for data and a SQLite database in it (unless ``DATABASE_URL`` is set), the dev settings,
quiet logs, and the project's folders on ``sys.path``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def prepare(prefix: str) -> Path:
    """Set the environment; returns the temporary folder."""
    tmp = Path(tempfile.mkdtemp(prefix=f"bangfu-{prefix}-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / f'{prefix}.sqlite3'}")
    os.environ.setdefault("BANGFU_DATA_DIR", str(tmp))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DEBUG", "false")
    sys.path[:0] = [str(REPO), str(REPO / "site")]
    return tmp
