"""The volunteer models (sign-ups, hours, availability, invitations) now belong to the matching app.

State only: the portal forgets them here and matching 0011 adopts them with the same tables (Meta.db_table), so
no table is dropped, created or copied and every row stays where it is.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_volunteer_invitation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="VolunteerInvitation"),
                migrations.DeleteModel(name="HoursEntry"),
                migrations.DeleteModel(name="VolunteerAvailability"),
                migrations.DeleteModel(name="VolunteerSignup"),
            ],
            database_operations=[],
        ),
    ]
