"""Every reading page runs the same number of queries whatever the archive's size."""

import datetime as dt
from functools import partial

import pytest
from django.urls import reverse

from articles.models import Article, Quote
from articles.readmodels.refresh import refresh_articles
from tests.bounds import at_two_sizes, queries_for
from tests.factories import DateMentionFactory, MentionFactory, make_article, make_entity
from tests.reading.conftest import HTMX

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_afresh")]
BODY = "Kabul and Doha and Quetta in June 2020. Gul Rahman said so."


def build_archive(size: int) -> dict[str, object]:
    places = [make_entity(name=name) for name in ("Kabul", "Doha", "Quetta")]
    person = make_entity(name="Gul Rahman", kind="PERSON")
    for number in range(size):
        article = make_article(
            headline=f"Story {number}", body=BODY, published=dt.date(2020, 6, 1 + number % 28)
        )
        # Built and saved, not created: the read models are refreshed once, at the end.
        for entity in [*places, person]:
            MentionFactory.build(article=article, entity=entity, label="GPE").save()
        DateMentionFactory.build(
            article=article,
            text="June 2020",
            value_start=dt.date(2020, 6, 1),
            value_end=dt.date(2020, 6, 30),
            granularity="month",
        ).save()
        Quote.objects.create(article=article, start=0, end=38, text=BODY[:38], speaker=person)
    refresh_articles(Article.objects.values_list("pk", flat=True))
    return {"article": article, "place": places[0], "person": person}


def page_urls(archive, client) -> list[tuple[str, dict]]:
    article, place, person = archive["article"], archive["place"], archive["person"]
    listing = reverse("articles:article-list")
    second = client.get(listing).context["results"].page.next_cursor
    return [
        (listing, {}),
        (f"{listing}?cursor={second}", {}),
        (f"{listing}?q=Kabul", {}),
        (f"{listing}?q=Kabul&sort=date", {}),
        (f"{listing}?q=Kabul&kind=PLACE&from=2020-01-01", {}),
        (f"{listing}?entity={place.slug}", {}),
        (f"{listing}?q=Kabul", {"HTTP_HX_TARGET": "results", **HTMX}),
        (article.get_absolute_url(), {}),
        (f"{article.get_absolute_url()}?entity={person.slug}", {}),
        (place.get_absolute_url(), {}),
        (f"{person.get_absolute_url()}?article={article.slug}", HTMX),
        (reverse("articles:places"), {}),
        (reverse("articles:places") + "?order=alpha", {}),
        (reverse("articles:places") + "?q=a", {}),
        (reverse("articles:timeline"), {}),
        (reverse("articles:date-year", args=[2020]), {}),
        (reverse("articles:date-month", args=[2020, 6]), {}),
        (reverse("articles:date-day", args=[2020, 6, 1]), {}),
    ]


def queries_per_page(client, size: int) -> list[int]:
    archive = build_archive(size)
    counts = []
    for url, headers in page_urls(archive, client):
        client.get(url, **headers)  # the article body's rendering is kept after the first
        counts.append(queries_for(client, url, headers))
    return counts


def test_pages_run_as_many_queries_at_either_archive_size(client):
    small, large = at_two_sizes(partial(queries_per_page, client), 45, 150)
    assert small == large
    assert max(small) <= 14
