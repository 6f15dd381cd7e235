"""Search, entity pages and panels, indexes and date pages kept for readers without an account:
served from the cache until the next write to the archive, each variant (the panel, the page,
another query) apart, never to an editor."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.editing.entities import rename_entity
from articles.editing.rejecting import reject
from articles.ingest.service import ingest_bytes
from articles.models import Mention
from articles.permissions import editors_group
from articles.reading.page_cache import CSRF_PLACEHOLDER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEARCH = "/?q=Kabul"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def editor():
    user = UserFactory.create(username="editor")
    user.save()
    user.groups.add(editors_group())
    return user


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def text_of(client, url, headers=None) -> str:
    return client.get(url, headers=headers).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        SEARCH,
        "/people/",
        reverse("articles:timeline"),
        reverse("articles:date-month", args=[2020, 6]),
    ],
)
def test_a_second_reader_is_served_from_the_cache(envoy_archive, url):
    Client().get(url)

    assert queries_for(Client(), url) == 2  # the archive's generation, and the kept page


def test_a_kept_entity_page_is_read_in_two_queries(envoy_archive):
    Client().get(envoy_archive.get_absolute_url())

    assert queries_for(Client(), envoy_archive.get_absolute_url()) == 2


def test_the_panel_and_the_page_are_kept_apart(envoy_archive):
    url = envoy_archive.get_absolute_url()
    Client().get(url)
    panel = text_of(Client(), url, HTMX)

    assert "<html" not in panel


def test_the_page_after_its_panel_is_the_whole_page(envoy_archive):
    url = envoy_archive.get_absolute_url()
    Client().get(url, headers=HTMX)

    assert "<html" in text_of(Client(), url)


def test_another_query_is_another_page(envoy_archive):
    Client().get(SEARCH)

    assert "Zalmay Khalilzad" in text_of(Client(), "/?q=Khalilzad")


def test_a_new_article_shows_in_a_kept_search_at_once(envoy_archive):
    Client().get(SEARCH)
    ingest_bytes("new.txt", b"Kabul airport reopened\n\nFlights left Kabul on Monday.")

    assert "Kabul airport reopened" in text_of(Client(), SEARCH)


def test_a_rename_shows_in_a_kept_index_at_once(envoy_archive, editor):
    Client().get("/people/")
    rename_entity(
        entity_id=envoy_archive.pk,
        version=envoy_archive.version,
        name="Zalmay M. Khalilzad",
        editor=editor,
    )

    assert "Zalmay M. Khalilzad" in text_of(Client(), "/people/")


def test_a_rejected_mention_leaves_a_kept_panel_at_once(envoy_archive, editor):
    url = envoy_archive.get_absolute_url()
    Client().get(url, headers=HTMX)
    for found in Mention.objects.filter(entity=envoy_archive, article__headline="Story 0"):
        reject(Mention, pk=found.pk, version=found.version, editor=editor)

    assert "Story 0" not in text_of(Client(), url, HTMX)


def test_an_editor_is_never_served_a_kept_page(envoy_archive, editor, client):
    Client().get(envoy_archive.get_absolute_url())
    client.force_login(editor)

    assert "Rename" in text_of(client, envoy_archive.get_absolute_url())


def test_the_placeholder_never_reaches_a_reader(envoy_archive):
    Client().get(envoy_archive.get_absolute_url())

    assert CSRF_PLACEHOLDER not in text_of(Client(), envoy_archive.get_absolute_url())


def test_each_reader_gets_a_token_of_their_own(envoy_archive):
    url = envoy_archive.get_absolute_url()
    Client().get(url)
    tokens = [re.findall(r'"X-CSRFToken": "(\w+)"', text_of(Client(), url))[0] for _ in range(2)]

    assert tokens[0] != tokens[1]


def test_a_kept_page_keeps_its_vary_header(envoy_archive):
    Client().get(SEARCH)

    assert "HX-Request" in Client().get(SEARCH).headers["Vary"]


def test_nothing_is_kept_when_turned_off(envoy_archive, settings):
    settings.NEWSDESK_KEEP_READER_PAGES = False
    Client().get(SEARCH)

    assert queries_for(Client(), SEARCH) > 2
