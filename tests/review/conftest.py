"""What review tests share: an editor, a reader's client, and the cache emptied between tests
(flags are counted there)."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from articles.permissions import editors_group

HTMX = {"HTTP_HX_REQUEST": "true"}


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
