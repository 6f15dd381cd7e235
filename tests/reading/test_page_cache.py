"""Article pages kept for readers without an account: served from the cache until anything they
show changes, each reader with their own CSRF token, never to an editor."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.editing.entities import rename_entity
from articles.editing.quotes import add_quote
from articles.editing.rejecting import reject
from articles.models import Article, Flag, Mention, Quote, Topic
from articles.permissions import editors_group
from articles.reading.page_cache import CSRF_PLACEHOLDER
from tests.factories import UserFactory, make_article, make_entity, mention, quote

pytestmark = pytest.mark.django_db

BODY = "Ama Kariuki spoke in Talwick. “We will rebuild the harbour,” Kariuki said."


@pytest.fixture
def article():
    piece = make_article(headline="Harbour plan", body=BODY, slug="harbour-plan")
    kariuki = make_entity(name="Ama Kariuki", kind="PERSON", slug="ama-kariuki")
    mention(piece, kariuki, "Ama Kariuki")
    mention(piece, make_entity(name="Talwick", kind="PLACE", slug="talwick"), "Talwick")
    quote(piece, "We will rebuild the harbour", kariuki)
    return piece


@pytest.fixture
def editor():
    user = UserFactory.create(username="editor")
    user.save()  # the password the factory set, which the session is checked against
    user.groups.add(editors_group())
    return user


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def queries_for(client, article):
    with CaptureQueriesContext(connection) as captured:
        client.get(article.get_absolute_url())
    return len(captured)


def test_a_second_reader_is_served_from_the_cache(article):
    page(Client(), article)

    assert queries_for(Client(), article) == 2  # the revisions, and the kept page


def test_the_kept_page_is_the_page(article):
    first = page(Client(), article)

    assert re.sub(r'value="\w{64}"|"\w{64}"', "TOKEN", page(Client(), article)) == re.sub(
        r'value="\w{64}"|"\w{64}"', "TOKEN", first
    )


def test_the_placeholder_never_reaches_a_reader(article):
    page(Client(), article)

    assert CSRF_PLACEHOLDER not in page(Client(), article)


def test_a_reader_can_flag_from_a_kept_page(article):
    page(Client(), article)
    reader = Client(enforce_csrf_checks=True)
    html = page(reader, article)
    (token,) = re.findall(r'name="csrfmiddlewaretoken" value="(\w+)"', html)[:1]
    flagged = Quote.objects.get(article=article)

    reader.post(
        reverse("articles:flag-quote", args=[flagged.pk]),
        {"reason": Topic.WRONG_SPEAKER, "csrfmiddlewaretoken": token},
    )

    assert Flag.objects.filter(item__quote=flagged).count() == 1


def test_a_correction_shows_at_once(article, editor):
    page(Client(), article)
    talwick = article.mentions.get(text="Talwick")

    reject(Mention, pk=talwick.pk, version=talwick.version, editor=editor)

    assert 'data-entity="talwick"' not in page(Client(), article)


def test_a_quote_added_to_an_article_shows_at_once(editor):
    bare = make_article(headline="Bare", body="“Nothing to add,” a voice said.", slug="bare")
    page(Client(), bare)

    add_quote(article_id=bare.pk, start=1, end=15, speaker_id=None, kind="direct", editor=editor)

    assert "Nothing to add" in page(Client(), bare).split('id="article-quotes"')[1]


def test_a_renamed_entity_shows_at_once(article, editor):
    page(Client(), article)
    talwick = article.mentions.get(text="Talwick").entity

    rename_entity(entity_id=talwick.pk, version=talwick.version, name="Talwick Town", editor=editor)

    assert "Talwick Town" in page(Client(), article)


def test_a_new_headline_shows_at_once(article):
    page(Client(), article)
    article.headline = "Harbour plan approved"
    article.save()

    assert "Harbour plan approved" in page(Client(), Article.objects.get(pk=article.pk))


def test_an_editor_is_never_served_the_readers_page(article, editor):
    page(Client(), article)
    client = Client()
    client.force_login(editor)

    assert 'id="add-mention"' in page(client, article)
