"""Signals the domain sends to the layers above it (search), so it never imports them."""

from django.dispatch import Signal

# Sent with `instance=<NeedPage>` when a service changed a need's row with QuerySet.update(), which sends no
# post_save: the search layer queues the need's index update in the same transaction.
need_updated_in_place = Signal()

# Rows of one model written in bulk (no post_save per row): sent once per batch, inside the transaction,
# with sender=the model, refs=their external refs and published=the refs of needs that went live. What
# listens to post_save for single rows (the search outbox, the transparency cache, the kept figures)
# listens to this as well.
rows_bulk_saved = Signal()
