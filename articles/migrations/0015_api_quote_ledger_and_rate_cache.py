import django.db.models.functions.text
from django.core.management import call_command
from django.db import migrations, models


def create_cache_tables(apps, schema_editor):
    # The API's rate-limit counters have a cache table of their own (settings.CACHES["api-rate"]);
    # createcachetable makes any table of CACHES that is missing.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_review_flags_and_findings")]

    operations = [
        migrations.RunPython(create_cache_tables, migrations.RunPython.noop),
        migrations.AddField(
            model_name="quote",
            name="words",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.functions.text.MD5(
                    django.db.models.functions.text.Trim(
                        models.Func(
                            django.db.models.functions.text.Lower(models.F("text")),
                            models.Value("[^[:alnum:]]+"),
                            models.Value(" "),
                            models.Value("g"),
                            function="regexp_replace",
                            output_field=models.TextField(),
                        )
                    )
                ),
                output_field=models.CharField(max_length=32),
            ),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                condition=models.Q(("rejected", False)),
                fields=["words", "article"],
                name="quote_words_article_idx",
            ),
        ),
    ]
