"""The Celery app. Tasks live in each package's tasks.py and are found by autodiscovery."""

import os
import sys
from pathlib import Path

from celery import Celery

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("bangfu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
