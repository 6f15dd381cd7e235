from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # The table of the database cache (settings.CACHES): created here so that every database
    # migrate sets up, tests' included, has it.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_read_models")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
