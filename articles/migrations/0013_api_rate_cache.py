from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # The API's rate-limit counters have a cache table of their own (settings.CACHES["api-rate"]);
    # createcachetable makes any table of CACHES that is missing.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_span_checks_per_statement")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
