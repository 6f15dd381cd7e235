import pytest

from articles.ingest.service import ingest_paths
from articles.models import Article
from tests.conftest import SEED
from tests.factories import date_mention, make_article, make_entity, mention, quote

HTMX = {"HTTP_HX_REQUEST": "true"}
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)"><b hx-get="/evil">'


@pytest.fixture
def pages_afresh(settings):
    """Every reading page rendered for each request, as after any write to the archive: what the
    views themselves cost (articles.reading.kept_pages keeps them for readers otherwise)."""
    settings.NEWSDESK_KEEP_READER_PAGES = False


@pytest.fixture
def seed(db):
    """The seed article, ingested through the real pipeline."""
    ingest_paths([str(SEED)])
    return Article.objects.get()


@pytest.fixture
def envoy_archive(db):
    """Three stories of June 2020 naming Kabul and an envoy, who speaks in the last one."""
    kabul = make_entity(name="Kabul")
    envoy = make_entity(name="Zalmay Khalilzad", kind="PERSON", role="U.S. envoy")
    for number in range(3):
        article = make_article(
            headline=f"Story {number}",
            body=f"Talks opened in Kabul in June 2020. Zalmay Khalilzad attended talk {number}.",
            published=f"2020-06-0{number + 1}",
        )
        mention(article, kabul, "Kabul")
        mention(article, envoy, "Zalmay Khalilzad")
        date_mention(article, "June 2020", "2020-06-01", "2020-06-30", "month")
    quote(article, f"Zalmay Khalilzad attended talk {number}.", envoy)
    return envoy
