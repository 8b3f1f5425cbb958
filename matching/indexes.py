"""Index definitions that every supported database can build.

SQLite (the one-machine run) refuses NULLS FIRST/LAST in CREATE INDEX although it accepts them in ORDER BY;
PostgreSQL needs them for an index to serve ``ORDER BY x DESC NULLS LAST``. SQLite sorts NULL below every
value, so there ``x DESC`` already puts NULLs last: the index is built without the modifier and orders the same.
"""

from django.db import models
from django.db.models.expressions import OrderBy


class NullsOrderedIndex(models.Index):
    """A ``models.Index`` whose NULLS FIRST/LAST is dropped on databases that cannot index it."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "sqlite":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        _name, args, options = self.deconstruct()
        plain = [_without_nulls_order(expression) for expression in args]
        return models.Index(*plain, **options).create_sql(model, schema_editor, using=using, **kwargs)


def _without_nulls_order(expression):
    if isinstance(expression, OrderBy) and (expression.nulls_first or expression.nulls_last):
        return OrderBy(expression.expression, descending=expression.descending)
    return expression
