"""The test suite: PostgreSQL when DATABASE_URL is set (CI), SQLite otherwise."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DATA_DIR = Path(tempfile.mkdtemp(prefix="bangfu-test-"))
MEDIA_ROOT = DATA_DIR / "media"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Tests hold a few needs: every refresh recounts them, so a page read after a write shows it.
FIGURES_RECOUNT_SECONDS = 0
SEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": str(DATA_DIR / "search-index")}
}
