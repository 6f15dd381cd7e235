"""Database-side guarantee that every stored span lies inside its article's body and quotes it.

A CHECK constraint cannot look at another table, so a trigger does it: mentions, date mentions and
quotes are refused unless `end <= length(body)` and `text` equals the body's characters there.
PostgreSQL counts characters the way Python indexes strings (code points), so offsets agree.
"""

from django.db import migrations

TABLES = ["articles_mention", "articles_datemention", "articles_quote"]

CREATE_FUNCTION = """
CREATE FUNCTION articles_check_span() RETURNS trigger AS $$
DECLARE
    article_body text;
BEGIN
    IF NEW."end" <= NEW.start THEN
        RETURN NEW;  -- the offsets_ordered CHECK constraint refuses it with its own name
    END IF;
    SELECT body INTO article_body FROM articles_article WHERE id = NEW.article_id;
    IF NEW."end" > char_length(article_body) THEN
        RAISE EXCEPTION 'span %..% lies outside the body of article % (% characters)',
            NEW.start, NEW."end", NEW.article_id, char_length(article_body)
            USING ERRCODE = 'check_violation';
    END IF;
    IF substr(article_body, NEW.start + 1, NEW."end" - NEW.start) <> NEW.text THEN
        RAISE EXCEPTION 'span %..% of article % does not hold the text %',
            NEW.start, NEW."end", NEW.article_id, NEW.text
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def create_triggers():
    return "".join(
        f"CREATE TRIGGER {table}_span_check BEFORE INSERT OR UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION articles_check_span();\n"
        for table in TABLES
    )


def drop_triggers():
    return "".join(f"DROP TRIGGER IF EXISTS {table}_span_check ON {table};\n" for table in TABLES)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.RunSQL(
            sql=CREATE_FUNCTION + create_triggers(),
            reverse_sql=drop_triggers() + "DROP FUNCTION IF EXISTS articles_check_span();",
        ),
    ]
