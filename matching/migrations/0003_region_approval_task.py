import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_taxonomy_terms"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="RegionApprovalTask",
            fields=[
                ("task_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE,
                                                  parent_link=True, primary_key=True, serialize=False,
                                                  to="wagtailcore.task")),
            ],
            options={"verbose_name": "地区民政审核", "verbose_name_plural": "地区民政审核"},
            bases=("wagtailcore.task",),
        ),
    ]
