import os
import secrets
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import connection

from tests.conftest import PROJECT


@pytest.fixture
def server_url(db):
    """The test database server's URL: model checks of generated columns ask the server."""
    params = connection.settings_dict
    host = quote(params["HOST"] or "localhost", safe="")
    port = f":{params['PORT']}" if params["PORT"] else ""
    return f"postgres://{params['USER'] or 'postgres'}@{host}{port}/{params['NAME']}"


def run_manage(*args, **env):
    # The browser tests allow async-unsafe calls for themselves; a deployment never does.
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_warnings(server_url):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="news.example.org",
        DATABASE_URL=server_url,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DATABASE_URL="postgres://localhost/newsdesk")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr
