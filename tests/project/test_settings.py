"""The settings a deployment gets from its environment: the replica, static files, refusals."""

import runpy

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.conftest import PROJECT

PRIMARY = "postgres://news@db.example.org:5432/newsdesk"
REPLICA = "postgres://news@replica.example.org:5432/newsdesk"
DEPLOYMENT_VARIABLES = "DEBUG SECRET_KEY ALLOWED_HOSTS DATABASE_REPLICA_URL CONN_MAX_AGE".split()
PRODUCTION = {
    "SECRET_KEY": "a-production-secret-key-for-this-test-only-0123456789abcdef",
    "ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": PRIMARY,
}


@pytest.fixture
def environment(monkeypatch):
    """Set exactly these variables of the settings' environment, then read the settings."""

    def settings_with(**variables) -> dict:
        for name in DEPLOYMENT_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(PROJECT / "newsdesk" / "settings.py"))

    return settings_with


def test_without_a_replica_url_there_is_one_database_and_no_router(environment):
    settings = environment(**PRODUCTION)
    assert list(settings["DATABASES"]) == ["default"]
    assert "DATABASE_ROUTERS" not in settings
    assert "newsdesk.replica.ReaderReplicaMiddleware" not in settings["MIDDLEWARE"]


def test_a_replica_url_adds_the_replica_its_router_and_middleware(environment):
    settings = environment(**PRODUCTION, DATABASE_REPLICA_URL=REPLICA)
    replica = settings["DATABASES"]["replica"]
    assert replica["HOST"] == "replica.example.org"
    assert settings["DATABASES"]["default"]["HOST"] == "db.example.org"
    assert replica["TEST"] == {"MIRROR": "default"}
    assert settings["DATABASE_ROUTERS"] == ["newsdesk.replica.ReplicaRouter"]


def test_the_replica_middleware_comes_right_after_authentication(environment):
    middleware = environment(**PRODUCTION, DATABASE_REPLICA_URL=REPLICA)["MIDDLEWARE"]
    after = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
    assert middleware[after] == "newsdesk.replica.ReaderReplicaMiddleware"


def test_connections_persist_and_are_checked_before_reuse(environment):
    replica = environment(**PRODUCTION, DATABASE_REPLICA_URL=REPLICA)["DATABASES"]["replica"]
    assert replica["CONN_MAX_AGE"] == 600
    assert replica["CONN_HEALTH_CHECKS"] is True


def test_whitenoise_comes_right_after_the_security_middleware(environment):
    middleware = environment(**PRODUCTION)["MIDDLEWARE"]
    after = middleware.index("django.middleware.security.SecurityMiddleware") + 1
    assert middleware[after] == "whitenoise.middleware.WhiteNoiseMiddleware"


def test_production_serves_hashed_compressed_static_files(environment):
    storage = environment(**PRODUCTION)["STORAGES"]["staticfiles"]["BACKEND"]
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_development_serves_static_files_as_they_are(environment):
    settings = environment(DEBUG="1", DATABASE_URL=PRIMARY)
    storage = settings["STORAGES"]["staticfiles"]["BACKEND"]
    assert storage == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_production_refuses_to_start_without_allowed_hosts(environment):
    with pytest.raises(ImproperlyConfigured, match="Set ALLOWED_HOSTS"):
        environment(SECRET_KEY=PRODUCTION["SECRET_KEY"], DATABASE_URL=PRIMARY)


def test_gunicorn_runs_two_workers_per_core_plus_one_by_default(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("NEWSDESK_WORKERS_PER_CORE", raising=False)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2, 3})
    config = runpy.run_path(str(PROJECT / "newsdesk" / "gunicorn.conf.py"))
    assert config["workers"] == 9


def test_gunicorn_workers_per_core_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setenv("NEWSDESK_WORKERS_PER_CORE", "1")
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1})
    config = runpy.run_path(str(PROJECT / "newsdesk" / "gunicorn.conf.py"))
    assert config["workers"] == 3


def test_web_concurrency_sets_the_gunicorn_workers_outright(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    config = runpy.run_path(str(PROJECT / "newsdesk" / "gunicorn.conf.py"))
    assert config["workers"] == 4
