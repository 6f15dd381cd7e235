"""A generated archive of N articles in a database of its own, kept between load runs.

The database is `newsdesk_bench_<N>` (shared with bench/pages.py) on the server of
`DATABASE_URL` (or the embedded server when it is unset). It is reused when it already holds
exactly N articles; otherwise it is made afresh with
`manage.py generate_archive --articles N --seed S` (an interrupted generation is redone).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

PROJECT = Path(__file__).resolve().parent.parent.parent


def add_archive_arguments(parser: argparse.ArgumentParser) -> None:
    """--articles and --seed: the archive a benchmark runs on (the same database for every
    benchmark given the same size)."""
    parser.add_argument("--articles", type=int, default=100_000, help="Articles in the archive.")
    parser.add_argument("--seed", type=int, default=0, help="Seed of the archive and the sample.")


def archive_database_url(*, articles: int, seed: int) -> str:
    """The URL of a database holding a generated archive of `articles` articles."""
    name = f"newsdesk_bench_{articles}"
    url = database_url(name)
    maintenance = with_database(url, "postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--noinput", "-v0", database_url=url)
    stored = article_count(url)
    if stored == articles:
        print(f"archive: reusing {name} ({articles:,} articles)")
        return url
    if stored:
        print(f"archive: {name} holds {stored:,} articles, not {articles:,}: making it afresh")
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        manage("migrate", "--noinput", "-v0", database_url=url)
    print(f"archive: generating {articles:,} articles into {name} (seed {seed})")
    started = time.perf_counter()
    manage("generate_archive", "--articles", str(articles), "--seed", str(seed), database_url=url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # the statistics of a settled database
    print(f"archive: ready in {time.perf_counter() - started:.0f} s")
    return url


def database_url(name: str) -> str:
    if server := os.environ.get("DATABASE_URL"):
        return with_database(server, name)
    from newsdesk.database import embedded_database_url

    data_dir = Path(
        os.environ.get("NEWSDESK_EMBEDDED_PGDATA", PROJECT / ".data" / "postgres")
    ).resolve()
    return embedded_database_url(data_dir=data_dir, database=name)


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def article_count(url: str) -> int:
    with psycopg.connect(url) as conn:
        (count,) = conn.execute("SELECT count(*) FROM articles_article").fetchone() or (0,)
        return int(count)


def manage(*args: str, database_url: str) -> None:
    environment = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url}
    environment.pop("DATABASE_REPLICA_URL", None)
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=environment, check=True)
