import datetime as dt

import pytest

from articles.ingest.service import ingest_paths
from articles.models import Article
from tests.conftest import SEED
from tests.factories import date_mention, make_article, make_entity, mention, quote

BODY = (
    "Zalmay Khalilzad met officials in Kabul in June 2020. "
    "The talks will go on, Khalilzad said. Kabul welcomed the news."
)


@pytest.fixture
def archive(db):
    """One article naming a person and a place, with a date and a quote."""
    article = make_article(
        headline="Envoy meets officials in Kabul",
        body=BODY,
        byline="Staff",
        published=dt.date(2020, 6, 15),
        slug="envoy-meets-officials",
    )
    person = make_entity(name="Zalmay Khalilzad", kind="PERSON", slug="zalmay-khalilzad")
    place = make_entity(name="Kabul", kind="PLACE", slug="kabul")
    mention(article, person, "Zalmay Khalilzad")
    mention(article, place, "Kabul")
    mention(article, place, "Kabul", occurrence=1)
    june = date_mention(article, "June 2020", "2020-06-01", "2020-06-30", "month")
    said = quote(article, "The talks will go on", person)
    return {"article": article, "person": person, "place": place, "date": june, "quote": said}


@pytest.fixture
def seed(db):
    """The seed article, ingested through the real pipeline."""
    ingest_paths([str(SEED)])
    return Article.objects.get()
