"""The entity page with its pictures, its network's year swapped in, and a period's network run
the same number of queries for a small archive and a larger one, whether what they draw is kept
yet or not (the rows they read are bounded: months, a window of articles)."""

import datetime as dt
from functools import partial

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.models import Article
from articles.readmodels.refresh import refresh_articles
from tests.bounds import at_two_sizes, queries_for
from tests.factories import DateMentionFactory, MentionFactory, make_article, make_entity
from tests.reading.conftest import HTMX

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_afresh")]
BODY = "Gul Rahman met Kabul and Doha officials on 1 June 2020."
NAMES = ("Gul Rahman", "Kabul", "Doha")
# The entity page: what the panel reads, plus its months, the network's companions of the year
# (kept) and their names, and the kept chart and roles. Each block or count kept on a first
# visit costs five queries of the database cache.
ENTITY_PAGE_COLD = 60
ENTITY_PAGE_KEPT = 20
NETWORK_COLD = 14
NETWORK_KEPT = 6


def build_archive(size: int) -> dict[str, object]:
    person = make_entity(name="Gul Rahman", kind="PERSON")
    entities = [person, make_entity(name="Kabul"), make_entity(name="Doha")]
    for number in range(size):
        published = dt.date(2019 + number % 3, 1 + number % 12, 1 + number % 28)
        article = make_article(headline=f"Story {number}", body=BODY, published=published)
        # Built and saved, not created: the read models are refreshed once, at the end.
        role = "minister" if number % 5 else "then-minister"
        for entity in entities[: 2 + number % 2]:
            MentionFactory.build(article=article, entity=entity, label="PERSON", role=role).save()
        day = dt.date(2020, 6, 1)
        DateMentionFactory.build(
            article=article, text="1 June 2020", value_start=day, value_end=day, granularity="day"
        ).save()
    refresh_articles(Article.objects.values_list("pk", flat=True))
    return {"person": person}


def picture_urls(archive) -> list[tuple[str, dict]]:
    person = archive["person"]
    network = {"HTTP_HX_TARGET": "entity-network", **HTMX}
    return [
        (person.get_absolute_url(), {}),
        (f"{person.get_absolute_url()}?year=2019", {}),
        (f"{person.get_absolute_url()}?year=2020", network),
        (reverse("articles:network-year", args=[2020]), {}),
        (reverse("articles:network-month", args=[2020, 6]), {}),
        (reverse("articles:network-day", args=[2020, 6, 1]), {}),
    ]


def queries_per_page(client, size: int) -> dict[str, list[int]]:
    archive = build_archive(size)
    counts: dict[str, list[int]] = {"cold": [], "kept": []}
    cache.clear()
    for state in ("cold", "kept"):
        for url, headers in picture_urls(archive):
            counts[state].append(queries_for(client, url, headers))
    return counts


def test_the_pictures_run_as_many_queries_at_either_archive_size(client):
    small, large = at_two_sizes(partial(queries_per_page, client), 40, 130)

    assert small == large
    assert max(small["cold"][:2]) <= ENTITY_PAGE_COLD
    assert max(small["kept"][:2]) <= ENTITY_PAGE_KEPT
    assert max(small["cold"][2:]) <= NETWORK_COLD
    assert max(small["kept"][2:]) <= NETWORK_KEPT
