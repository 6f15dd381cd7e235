"""What review tests share: an editor, a reader's client, and the cache emptied between tests
(flags are counted there)."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from articles.models import ReviewItem
from articles.permissions import editors_group
from tests.bounds import queries_for

HTMX = {"HTTP_HX_REQUEST": "true"}
QUEUE = "/review/"


@pytest.fixture(autouse=True)
def empty_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor():
    user = User.objects.create_user("editor", password="pw")
    user.groups.add(editors_group())
    return user


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def reader_at(address: str) -> Client:
    """An anonymous reader's client, calling from `address`."""
    return Client(REMOTE_ADDR=address)


def unplaced(article, text: str):
    """A date the pipeline found but could not place on the calendar."""
    from tests.factories import DateMentionFactory

    return DateMentionFactory.create(
        article=article, text=text, value_start=None, value_end=None, granularity=""
    )


def queue_queries(editor, build: Callable[[int], object], sizes: tuple[int, ...]) -> list[int]:
    """The queries the queue's page runs (on a second visit, as each editor sees it) over the
    items `build(size)` leaves, for each size in turn."""
    counts = []
    for size in sizes:
        ReviewItem.objects.all().delete()
        build(size)
        client = Client()
        client.force_login(editor)
        client.get(QUEUE)
        counts.append(queries_for(client, QUEUE))
    return counts


def uncertain_jalalabad():
    """A place two mentions call a place and one, the pipeline's, a person."""
    from tests.factories import MentionFactory, make_article, make_entity, mention

    article = make_article(body="Jalalabad grew. Jalalabad traded. Jalalabad spoke.")
    jalalabad = make_entity(name="Jalalabad", kind="PLACE")
    mention(article, jalalabad, "Jalalabad")
    mention(article, jalalabad, "Jalalabad", occurrence=1)
    spoke = MentionFactory.create(
        article=article, entity=jalalabad, text="Jalalabad", occurrence=2, label="PERSON"
    )
    return article, jalalabad, spoke
