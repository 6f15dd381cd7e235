"""Static files as production serves them: collected with hashed names and compressed copies,
answered by WhiteNoise before the rest of the site, under the same strict CSP."""

import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
HASHED_STYLESHEET = re.compile(r"/static/newsdesk/newsdesk\.[0-9a-f]{12}\.css")
STRICT_SCRIPTS = "script-src 'self';"


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES):
        # Compressing the admin's files and htmx's extensions and unminified copies would be most
        # of the work; no reader's page links them.
        call_command(
            "collectstatic",
            interactive=False,
            verbosity=0,
            ignore_patterns=["admin", "ext", "htmax-*", "htmx-2.js"],
        )
    return root


@pytest.fixture
def production(static_root):
    """A client of the site serving what collectstatic wrote, as in production."""
    with override_settings(
        STATIC_ROOT=static_root,
        STORAGES=PRODUCTION_STORAGES,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        yield Client()


def stylesheet_url(client: Client) -> str:
    return HASHED_STYLESHEET.findall(client.get("/").text)[0]


def static_file(client: Client, url: str, **headers):
    """The response for a static file, its file closed (WhiteNoise streams it)."""
    response = client.get(url, **headers)
    response.close()
    return response


def test_pages_link_the_stylesheet_by_its_hashed_name(production):
    assert HASHED_STYLESHEET.search(production.get("/").text)


def test_a_hashed_stylesheet_is_served_and_cached_for_good(production):
    response = static_file(production, stylesheet_url(production))
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]


def test_a_stylesheet_goes_compressed_to_browsers_that_accept_it(production):
    response = static_file(production, stylesheet_url(production), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_the_favicon_redirects_to_its_hashed_name(production):
    response = production.get("/favicon.ico")
    assert re.fullmatch(r"/static/newsdesk/favicon\.[0-9a-f]{12}\.svg", response["Location"])


def test_pages_keep_the_strict_content_security_policy(production):
    assert STRICT_SCRIPTS in production.get("/")["Content-Security-Policy"]


def test_the_suite_serves_static_files_from_the_source_folder(client):
    # The test settings find files as development does: no collectstatic before the tests.
    response = static_file(client, "/static/newsdesk/newsdesk.css")
    assert response.status_code == 200
