"""The table of Django's database cache (settings.CACHES), where plan pages are kept."""

from django.core.management import call_command
from django.db import migrations


def create(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS cache")


class Migration(migrations.Migration):
    dependencies = [("planning", "0017_change_scope")]

    operations = [migrations.RunPython(create, drop)]
