"""The volunteer models moved from the portal app to matching by state-only migrations (portal 0004, matching 0011):
the tables keep their names, so rows written before the move are read after it, and the way back works too."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from matching.models import HoursEntry, VolunteerAvailability, VolunteerSignup
from tests.factories import VolunteerSignupFactory

BEFORE = [("portal", "0003_volunteer_invitation"), ("matching", "0010_need_awaiting_response_index")]
MOVED = ("volunteersignup", "hoursentry", "volunteeravailability", "volunteerinvitation")


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection)


@pytest.mark.django_db
def test_the_models_have_no_pending_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # SystemExit(1) on any change


@pytest.mark.django_db(transaction=True)
def test_rows_written_before_the_move_are_read_after_it_and_back():
    # given a sign-up written with today's models, and the content type its permissions hang on
    signup = VolunteerSignupFactory(status=VolunteerSignup.Status.APPROVED)
    type_id = ContentType.objects.get(app_label="matching", model="volunteersignup").pk

    # when the database goes back to before the move
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps

    # then the portal app holds the models again, on the same tables, with the same row
    assert old.get_model("portal", "VolunteerSignup").objects.get().pk == signup.pk
    assert not any(m._meta.app_label == "matching" and m.__name__ == "VolunteerSignup" for m in old.get_models())
    assert ContentType.objects.get(pk=type_id).app_label == "portal"
    # and rows written there (an hour entry, an availability) are the portal's
    old.get_model("portal", "HoursEntry").objects.create(
        signup_id=signup.pk, served_on=datetime.date(2026, 11, 1), hours=Decimal("2.5"), description="陪伴老人"
    )
    old.get_model("portal", "VolunteerAvailability").objects.create(volunteer_id=signup.volunteer_id, weekends=True)

    # when it migrates forward again
    executor = _migrate(executor.loader.graph.leaf_nodes())

    # then matching's models read every row, and the content types followed them
    assert not executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert VolunteerSignup.objects.get().status == VolunteerSignup.Status.APPROVED
    assert HoursEntry.objects.get().signup_id == signup.pk and HoursEntry.objects.get().hours == Decimal("2.5")
    assert VolunteerAvailability.objects.get(volunteer_id=signup.volunteer_id).weekends is True
    assert ContentType.objects.get(pk=type_id).app_label == "matching"
    assert ContentType.objects.filter(app_label="portal", model__in=MOVED).count() == 0
    assert ContentType.objects.filter(app_label="matching", model__in=MOVED).count() == len(MOVED)
