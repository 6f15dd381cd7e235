"""Recompute the read models from the annotations, or compare them with what is stored.

The rebuild runs the same SQL as a refresh, without the filter on articles, into the emptied
tables, in one transaction (readers see the old rows until it commits); for an archive no one
reads yet (a generated one), in two transactions side by side. The drift check runs it
into temporary tables and lists the rows that differ either way.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from articles.readmodels.generation import advance_after_commit, draw_generation
from articles.readmodels.queries import (
    ENTITY_ARTICLE_COLUMNS,
    ENTITY_MONTH_COLUMNS,
    ENTITY_MONTH_ROWS,
    ENTITY_STATS_COLUMNS,
    ENTITY_STATS_ROWS,
    PERIOD_ARTICLE_COLUMNS,
    PERIOD_STATS_ROWS,
    QUOTE_ARTICLE_COLUMNS,
    entity_article_rows,
    period_article_rows,
    quote_article_rows,
)

EXAMPLES_SHOWN = 5


@dataclass(frozen=True)
class Table:
    name: str
    columns: str
    key: str  # the columns that identify a row, to name the rows that differ
    rows_sql: str  # reads the tables above it in TABLES, so the order matters
    live: str = "true"  # which stored rows count: a counter moved to zero is as good as absent
    # Written in this order, so that what pages read together lies together on disk: an
    # article's rows (read by "appears with" for each of an entity's latest articles).
    order: str = "1"


TABLES = [
    Table(
        "articles_entityarticle",
        ENTITY_ARTICLE_COLUMNS,
        "entity_id, article_id",
        entity_article_rows(for_articles=False),
        order="2, 1",
    ),
    Table(
        "articles_entitystats",
        ENTITY_STATS_COLUMNS,
        "entity_id",
        ENTITY_STATS_ROWS,
        live="article_count <> 0 OR mention_count <> 0 OR quote_count <> 0",
    ),
    Table(
        "articles_entitymonth",
        ENTITY_MONTH_COLUMNS,
        "entity_id, month",
        ENTITY_MONTH_ROWS,
        live="article_count <> 0 OR mention_count <> 0",
    ),
    Table(
        "articles_periodarticle",
        PERIOD_ARTICLE_COLUMNS,
        "granularity, period_start, article_id",
        period_article_rows(for_articles=False),
        order="1, 2, 4 DESC NULLS LAST, 3 DESC",
    ),
    Table(
        "articles_periodstats",
        "granularity, period_start, article_count",
        "granularity, period_start",
        PERIOD_STATS_ROWS,
        live="article_count <> 0",
    ),
    Table(
        "articles_quotearticle",
        QUOTE_ARTICLE_COLUMNS,
        "words, article_id",
        quote_article_rows(for_articles=False),
        order="1, 3, 2",
    ),
]

# Tables that read only the annotations and the tables before them in their lane.
LANES = [
    [table for table in TABLES if table.name.startswith("articles_entity")],
    [table for table in TABLES if not table.name.startswith("articles_entity")],
]


@dataclass
class Drift:
    """Rows of one table that differ from what the annotations say."""

    table: str
    missing: int = 0  # expected but not stored (or stored with other values)
    unexpected: int = 0  # stored but not expected (or expected with other values)
    examples: list[str] = field(default_factory=list)

    def describe(self) -> str:
        lines = [
            f"{self.table}: {self.missing} row(s) missing or different, "
            f"{self.unexpected} row(s) unexpected or different"
        ]
        lines += [f"  {example}" for example in self.examples]
        return "\n".join(lines)


def rebuild_read_models(*, offline: bool = False) -> dict[str, int]:
    """Empty every read model and fill it again from the annotations; rows written per table.

    Each table's secondary indexes are dropped while it is filled and built after (faster than
    keeping them up to date row by row), and the grouping gets memory enough to hash in RAM.

    `offline`: no one reads the archive meanwhile (a generated one being made), so the tables
    are filled in two lanes side by side, each in a transaction of its own on its own connection:
    an entity's tables, and the periods' and quotes'. Otherwise, one transaction."""
    if offline and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE " + ", ".join(table.name for table in TABLES))
        with ThreadPoolExecutor(len(LANES)) as lanes:
            filled = list(lanes.map(fill_on_own_connection, LANES))
        draw_generation()
        return {name: rows for lane in filled for name, rows in lane.items()}
    with transaction.atomic(), connection.cursor() as cursor:
        # Checks deferred by earlier writes of the same transaction would block the TRUNCATE.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE " + ", ".join(table.name for table in TABLES))
        written = fill(cursor, TABLES)
        advance_after_commit()
    return written


def fill(cursor: CursorWrapper, tables: list[Table]) -> dict[str, int]:
    """Fill the emptied `tables` in order, in the current transaction; rows written per table."""
    cursor.execute("SET LOCAL work_mem = '256MB'")
    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
    written = {}
    for table in tables:
        indexes = secondary_indexes(cursor, table.name)
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        rows = f"{table.rows_sql} ORDER BY {table.order}"
        cursor.execute(f"INSERT INTO {table.name} ({table.columns}) {rows}")
        written[table.name] = cursor.rowcount
        for _name, definition in indexes:
            cursor.execute(definition)
    return written


def fill_on_own_connection(tables: list[Table]) -> dict[str, int]:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            return fill(cursor, tables)
    finally:
        connection.close()  # this thread's connection, not the caller's


def vacuum_read_models() -> None:
    """Mark the rebuilt tables' pages all-visible and gather their statistics, so pages read
    them from their indexes alone. VACUUM cannot run in a transaction: inside one (a test's),
    there is nothing to do."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"VACUUM (ANALYZE) {table.name}")


def secondary_indexes(cursor: CursorWrapper, table: str) -> list[tuple[str, str]]:
    """The table's indexes other than its primary key, with the SQL that creates each."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(x.indexrelid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = %s::regclass AND NOT x.indisprimary
        ORDER BY i.relname
        """,
        [table],
    )
    return [(name, definition) for name, definition in cursor.fetchall()]


def drift() -> list[Drift]:
    """Every read model compared with the annotations; empty when all is true."""
    found = []
    with transaction.atomic(), connection.cursor() as cursor:
        for table in TABLES:
            # The stats are derived from the expected rows above them, not the stored ones, so
            # that a wrong row is reported once, where it is wrong.
            expected = f"expected_{table.name}"
            rows_sql = table.rows_sql
            for earlier in TABLES:
                rows_sql = re.sub(rf"\b{earlier.name}\b", f"expected_{earlier.name}", rows_sql)
            cursor.execute(f"DROP TABLE IF EXISTS {expected}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {expected} ON COMMIT DROP AS "
                f"SELECT {table.columns} FROM ({rows_sql}) AS rows({table.columns})"
            )
            stored = f"(SELECT * FROM {table.name} WHERE {table.live}) AS stored"
            missing, missing_examples = compare(cursor, expected, stored, table.columns)
            unexpected, unexpected_examples = compare(cursor, stored, expected, table.columns)
            if missing or unexpected:
                report = Drift(table.name, missing, unexpected)
                report.examples = [f"missing: {row}" for row in missing_examples] + [
                    f"unexpected: {row}" for row in unexpected_examples
                ]
                found.append(report)
    return found


def compare(
    cursor: CursorWrapper, first: str, second: str, columns: str
) -> tuple[int, list[tuple[object, ...]]]:
    """How many rows of `first` are not in `second`, and the first few of them."""
    difference = f"SELECT {columns} FROM {first} EXCEPT ALL SELECT {columns} FROM {second}"
    cursor.execute(f"SELECT count(*) FROM ({difference}) AS rows")
    (count,) = cursor.fetchone() or (0,)
    cursor.execute(f"{difference} ORDER BY 1, 2 LIMIT {EXAMPLES_SHOWN}")
    return count, cursor.fetchall()
