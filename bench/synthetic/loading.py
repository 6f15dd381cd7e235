"""Making a large load cheap for PostgreSQL: what a chunk's transaction sets, and the secondary
indexes set aside while millions of rows go in.

Building an index once over the loaded rows costs less than updating it row by row (the
secondary indexes took a third of the database's time per article, the mention table's four
alone a fifth), so a run that at least doubles the archive drops the non-unique indexes of the
article and span tables first and builds them again at the end, two at a time. Primary keys and
unique constraints stay: they guard the rows.

The dropped definitions are written to a small journal table in the same transaction as the
drops, so a run that is killed before it rebuilds them leaves them on record, and the next run
(or `restore_indexes`) builds them before anything else.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.db import connection, transaction

LOADED_TABLES = ["articles_article", "articles_mention", "articles_datemention", "articles_quote"]
JOURNAL = "synthetic_set_aside_index"
SECONDARY_INDEXES = """
SELECT index.relname, pg_index.indrelid::regclass::text, pg_get_indexdef(pg_index.indexrelid)
FROM pg_index
JOIN pg_class AS index ON index.oid = pg_index.indexrelid
WHERE pg_index.indrelid = ANY(%s::regclass[])
  AND NOT pg_index.indisunique
  AND NOT pg_index.indisprimary
ORDER BY index.relname
"""


@contextmanager
def load_settings(cursor):
    """Within the current transaction, while the block runs: faster compression of bodies and
    search vectors (lz4 rather than pglz, where the server has it), and, for a superuser, no row
    triggers: spans and foreign keys are correct by construction, and checked by sample instead
    (storing.check_spans).

    Set and reset rather than SET LOCAL, so that a caller's longer transaction (a test's) goes on
    with its triggers; a rollback undoes the settings too."""
    cursor.execute(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
    )
    settings = {"default_toast_compression": "lz4"} if cursor.fetchone()[0] else {}
    cursor.execute("SELECT current_setting('is_superuser') = 'on'")
    if cursor.fetchone()[0]:
        settings["session_replication_role"] = "replica"
    for name, value in settings.items():
        cursor.execute(f"SET {name} = {value}")
    yield
    for name in settings:
        cursor.execute(f"RESET {name}")


def set_aside_indexes() -> list[str]:
    """Drop the secondary indexes of the loaded tables, recording them in the journal; their
    names."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {JOURNAL} "
            "(name text PRIMARY KEY, table_name text NOT NULL, definition text NOT NULL)"
        )
        cursor.execute(SECONDARY_INDEXES, [LOADED_TABLES])
        indexes = cursor.fetchall()
        for name, table, definition in indexes:
            cursor.execute(f"INSERT INTO {JOURNAL} VALUES (%s, %s, %s)", [name, table, definition])
            cursor.execute(f'DROP INDEX "{name}"')
    return [name for name, _, _ in indexes]


def restore_indexes(*, builders: int = 1) -> list[str]:
    """Build every index the journal holds, `builders` at a time (each on its own connection,
    so only outside a transaction), then drop the journal; the names built."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [JOURNAL])
        if not cursor.fetchone()[0]:
            return []
        # Biggest tables first, so the longest builds do not come last for one builder alone.
        cursor.execute(
            f"SELECT name, definition FROM {JOURNAL} "
            "ORDER BY pg_total_relation_size(table_name::regclass) DESC, name"
        )
        indexes = cursor.fetchall()
    if builders > 1 and not connection.in_atomic_block:
        with ThreadPoolExecutor(builders) as executor:
            list(executor.map(build_index_on_own_connection, indexes))
    else:
        for index in indexes:
            build_index(*index)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {JOURNAL}")
    return [name for name, _ in indexes]


def build_index(name: str, definition: str) -> None:
    # One transaction per index: a run killed half-way keeps what was built.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute("SELECT to_regclass(%s) IS NULL", [f'"{name}"'])
        if cursor.fetchone()[0]:
            cursor.execute(definition)
        cursor.execute(f"DELETE FROM {JOURNAL} WHERE name = %s", [name])


def build_index_on_own_connection(index: tuple[str, str]) -> None:
    try:
        build_index(*index)
    finally:
        connection.close()  # this thread's connection, not the caller's
