"""Wagtail's own search (the admin's page search) on the database, without a full-table pass on
every save.

On PostgreSQL, Wagtail's database backend ends every indexed save by averaging the title length
over the whole index and rewriting the title weight of every entry still at its default. Chinese
titles are one lexeme each, so every entry keeps that default and each save rewrote the whole
index: 69 ms at 3,500 entries, growing with every need. Here a save only writes its own entry;
title weights are computed over the whole index by ``manage.py update_index`` (a full rebuild),
so the admin ranks new pages' titles with the default weight until then. The platform's own
search (needs, projects, the matcher) does not use this index (search/).
"""

from functools import lru_cache

from django.db import connection
from modelsearch.backends import database


@lru_cache(maxsize=1)
def _postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

    class Index(PostgresIndex):
        def _refresh_title_norms(self, full=False):
            if full:  # a rebuild: once, over the whole index
                super()._refresh_title_norms(full=True)

    class Backend(PostgresSearchBackend):
        index_class = Index

    return Backend


def SearchBackend(params):
    if connection.vendor != "postgresql":
        return database.SearchBackend(params)
    return _postgres_backend_class()(params)
