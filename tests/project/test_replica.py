"""Reads from the replica: only readers' pages use it; writes and everything else stay on the
primary. The test settings make the primary its own replica (`TEST["MIRROR"]`); the tests here add
the middleware that marks readers' pages, as DATABASE_REPLICA_URL does in production."""

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Entity
from articles.permissions import editors_group
from newsdesk.replica import ReplicaRouter, RequestReads, current_reads
from newsdesk.settings import reading_from_replica
from tests.factories import make_article, make_entity, mention

BOTH = ["default", "replica"]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def replica_middleware(settings):
    settings.MIDDLEWARE = reading_from_replica(settings.MIDDLEWARE)


@pytest.fixture
def reading_request():
    """The state a reader's page is in once the middleware has marked it."""
    token = current_reads.set(RequestReads(from_replica=True))
    yield
    current_reads.reset(token)


def test_reads_outside_any_request_stay_on_the_primary():
    # Management commands and task workers: nothing marks them.
    assert ReplicaRouter().db_for_read(Article) == "default"


def test_a_readers_page_reads_articles_from_the_replica(reading_request):
    assert ReplicaRouter().db_for_read(Article) == "replica"


@pytest.mark.parametrize("model", [User, Session])
def test_accounts_and_sessions_are_read_from_the_primary_even_on_a_readers_page(
    reading_request, model
):
    assert ReplicaRouter().db_for_read(model) == "default"


def test_reads_after_a_write_in_the_same_request_go_to_the_primary(reading_request):
    router = ReplicaRouter()
    assert router.db_for_write(Article) == "default"
    assert router.db_for_read(Entity) == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary(reading_request):
    with transaction.atomic():
        assert ReplicaRouter().db_for_read(Article) == "default"


def test_only_the_primary_is_migrated():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "articles") is True
    assert router.allow_migrate("replica", "articles") is False


@pytest.fixture
def archive():
    """Committed rows (transactional tests), which the replica's own connection can see."""
    article = make_article(headline="Talks in Kabul", body="Kabul hosted the talks.")
    kabul = make_entity(name="Kabul")
    mention(article, kabul, "Kabul")
    return article, kabul


@pytest.fixture
def editor_client():
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(editors_group())
    client = Client()
    client.force_login(editor)
    return client


def requested(client: Client, method: str, url: str, **extra):
    """Send the request; return (response, queries on the primary, queries on the replica)."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = getattr(client, method)(url, **extra)
    return response, len(primary), len(replica)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_readers_article_page_runs_every_query_on_the_replica(client, archive):
    article, _ = archive
    # The first reading renders the marked body and keeps it (a write, on the primary).
    client.get(article.get_absolute_url())
    response, on_primary, on_replica = requested(client, "get", article.get_absolute_url())

    assert response.status_code == 200
    assert "Talks in Kabul" in response.text
    assert on_replica > 0
    assert on_primary == 0


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_readers_entity_panel_is_read_from_the_replica(client, archive):
    article, kabul = archive
    url = f"{kabul.get_absolute_url()}?article={article.slug}"
    response, _, on_replica = requested(client, "get", url, **HTMX)

    # (Raw SQL through django.db.connection bypasses routers, and so reads the primary.)
    assert response.status_code == 200
    assert on_replica > 0


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_editor_reading_an_article_reads_the_primary(editor_client, archive):
    # Editors see their own corrections at once, whatever the replica's lag.
    article, _ = archive
    response, on_primary, on_replica = requested(editor_client, "get", article.get_absolute_url())

    assert response.status_code == 200
    assert on_primary > 0
    assert on_replica == 0


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_editors_correction_runs_on_the_primary(editor_client, archive):
    _, kabul = archive
    url = reverse("articles:edit-entity", args=[kabul.slug])
    form = {"action": "rename", "name": "Kabul city", "version": kabul.version}
    response, on_primary, on_replica = requested(editor_client, "post", url, data=form)

    assert response.status_code in (200, 302)
    assert Entity.objects.get(pk=kabul.pk).name == "Kabul city"
    assert on_primary > 0
    assert on_replica == 0


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_pages_that_are_not_readers_pages_stay_on_the_primary(client, archive):
    response, on_primary, on_replica = requested(client, "get", reverse("articles:changes"))

    assert response.status_code == 200
    assert on_primary > 0
    assert on_replica == 0


@pytest.mark.django_db
def test_inside_a_tests_transaction_readers_pages_read_the_primary(client):
    # What keeps the rest of the suite, whose rows are never committed, on the primary. (This test
    # may not use the replica alias: Django would refuse the query, and the page would fail.)
    article = make_article(headline="Uncommitted")
    with CaptureQueriesContext(connections["default"]) as primary:
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert len(primary) > 0
