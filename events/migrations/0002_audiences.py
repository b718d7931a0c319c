from django.db import migrations

CODES = ["children", "teens", "adults", "seniors", "disabilities", "migrant_workers", "families"]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("events", "Audience")
    for code in CODES:
        Audience.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
