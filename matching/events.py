"""Signals the domain sends to the layers above it (search), so it never imports them."""
from django.dispatch import Signal

# Sent with `instance=<NeedPage>` when a service changed a need's row with QuerySet.update(), which sends no
# post_save: the search layer queues the need's index update in the same transaction.
need_updated_in_place = Signal()
