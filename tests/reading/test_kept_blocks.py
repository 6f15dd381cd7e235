"""Panels, entity pages and period pages keep what is costly to read under a revision of their
figures: a reader who comes back after any write sees the archive as it is now."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.editing.dates import change_date
from articles.editing.entities import rename_entity
from articles.editing.rejecting import reject
from articles.models import Article, DateMention, Entity, EntityStats, Mention
from tests.factories import UserFactory, make_article, make_entity, mention

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_afresh")]
HTMX = {"HX-Request": "true"}


@pytest.fixture
def archive(envoy_archive):
    return {
        "envoy": envoy_archive,
        "kabul": Entity.objects.get(name="Kabul"),
        "editor": UserFactory(),
    }


def panel(client, entity) -> str:
    return client.get(entity.get_absolute_url(), headers=HTMX).content.decode()


def june(client) -> str:
    return client.get(reverse("articles:date-month", args=[2020, 6])).content.decode()


def test_a_panel_seen_again_reads_less(client, archive):
    panel(client, archive["envoy"])
    with CaptureQueriesContext(connection) as first:
        panel(client, archive["envoy"])
    EntityStats.objects.filter(entity=archive["envoy"]).update(revision=0)  # a new revision
    with CaptureQueriesContext(connection) as afresh:
        panel(client, archive["envoy"])

    assert len(first) < len(afresh)


def test_a_kept_panel_shows_an_article_stored_since(client, archive):
    panel(client, archive["envoy"])
    later = make_article(
        headline="Story of July",
        body="Zalmay Khalilzad flew home.",
        published="2020-07-01",
    )
    mention(later, archive["envoy"], "Zalmay Khalilzad")

    html = panel(client, archive["envoy"])

    assert "Story of July" in html


def test_a_kept_panel_drops_an_article_whose_mention_an_editor_rejected(client, archive):
    panel(client, archive["envoy"])
    rejected = Mention.objects.get(article__headline="Story 2", entity=archive["envoy"])
    reject(Mention, pk=rejected.pk, version=rejected.version, editor=archive["editor"])

    html = panel(client, archive["envoy"])

    assert "Articles (2)" in html


def test_a_kept_panel_shows_a_companion_under_its_new_name(client, archive):
    panel(client, archive["envoy"])
    kabul = archive["kabul"]
    rename_entity(
        entity_id=kabul.pk, version=kabul.version, name="Kabul city", editor=archive["editor"]
    )

    html = panel(client, archive["envoy"])

    assert ">Kabul city</a>" in html


def test_a_kept_panel_shows_a_corrected_date(client, archive):
    panel(client, archive["envoy"])
    date = DateMention.objects.filter(article__headline="Story 2").get()
    change_date(
        date_id=date.pk,
        version=date.version,
        value_start=dt.date(2020, 6, 5),
        value_end=dt.date(2020, 6, 5),
        granularity="day",
        editor=archive["editor"],
    )

    html = panel(client, archive["envoy"])

    assert "5 June 2020" in html


def test_a_kept_month_page_shows_a_renamed_entity_under_its_new_name(client, archive):
    june(client)
    kabul = archive["kabul"]
    rename_entity(
        entity_id=kabul.pk, version=kabul.version, name="Kabul city", editor=archive["editor"]
    )

    html = june(client)

    assert ">Kabul city</a>" in html


def test_a_kept_month_page_counts_an_entity_named_in_a_correction(client, archive):
    june(client)
    newcomer = make_entity(name="Abdullah Abdullah", kind="PERSON")
    story = Article.objects.get(headline="Story 0")
    mention(story, newcomer, "Talks")  # an entity marked near the date since

    html = june(client)

    assert ">Abdullah Abdullah</a>" in html
