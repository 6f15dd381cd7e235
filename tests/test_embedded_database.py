"""The default database: an embedded PostgreSQL, used when DATABASE_URL is unset."""

import os
import subprocess
import sys

import psycopg

from newsdesk.database import EMBEDDED_SHARED_BUFFERS, database_config, embedded_database_url
from tests.conftest import PROJECT


def test_embedded_server_starts_creates_the_database_and_serves_trigram(tmp_path):
    url = embedded_database_url(data_dir=tmp_path / "pgdata", database="newsdesk_probe")
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == ("newsdesk_probe",)
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        assert conn.execute("SELECT similarity('Bajwa', 'Bajua') > 0.3").fetchone() == (True,)
    # Joining the running server again is idempotent.
    assert embedded_database_url(data_dir=tmp_path / "pgdata", database="newsdesk_probe") == url


def test_embedded_server_asks_for_a_buffer_cache_fit_for_an_archive(tmp_path):
    url = embedded_database_url(data_dir=tmp_path / "pgdata", database="newsdesk_probe")
    with psycopg.connect(url, autocommit=True) as conn:
        asked = conn.execute(
            "SELECT setting FROM pg_file_settings WHERE name = 'shared_buffers' "
            "ORDER BY seqno DESC LIMIT 1"
        ).fetchone()
    assert asked == (EMBEDDED_SHARED_BUFFERS,)


def test_database_url_wins_over_the_embedded_server(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@db.example.org:5433/news")
    config = database_config(base_dir=tmp_path)
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example.org", 5433, "news")
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["CONN_MAX_AGE"] == 600
    assert not (tmp_path / ".data").exists()


def test_a_fresh_project_migrates_on_the_embedded_default(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DEBUG="1", NEWSDESK_EMBEDDED_PGDATA=str(tmp_path / "pgdata"))
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    check = subprocess.run(
        [sys.executable, "manage.py", "showmigrations", "articles"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "[X] 0002_span_checks" in check.stdout
