"""One machine, embedded defaults: SQLite file, embedded search, tasks in-process."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
