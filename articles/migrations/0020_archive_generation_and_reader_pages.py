from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # Readers' whole pages have a cache table of their own (settings.CACHES["reader-pages"]);
    # createcachetable makes any table of CACHES that is missing.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    """The archive's generation (articles.readmodels.generation): one row, moved after every
    committed write, read by the pages kept under it."""

    dependencies = [("articles", "0019_entity_months_and_mention_roles")]

    operations = [
        migrations.RunSQL(
            "CREATE TABLE articles_archivegeneration "
            "(id smallint PRIMARY KEY CHECK (id = 1), value bigint NOT NULL);"
            "INSERT INTO articles_archivegeneration VALUES (1, 0);",
            "DROP TABLE articles_archivegeneration;",
        ),
        migrations.RunPython(create_cache_tables, migrations.RunPython.noop),
    ]
