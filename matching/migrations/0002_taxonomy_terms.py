from django.db import migrations

from matching.taxonomy import CATEGORIES, SKILLS


def create_terms(apps, schema_editor):
    Category = apps.get_model("matching", "Category")
    Skill = apps.get_model("matching", "Skill")
    for model, terms in ((Category, CATEGORIES), (Skill, SKILLS)):
        for code, (zh, en) in terms.items():
            model.objects.update_or_create(code=code, defaults={"name_zh": zh, "name_en": en})


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]
    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
