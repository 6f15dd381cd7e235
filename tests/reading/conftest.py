import pytest

from articles.ingest.service import ingest_paths
from articles.models import Article
from tests.conftest import SEED

HTMX = {"HTTP_HX_REQUEST": "true"}
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)"><b hx-get="/evil">'


@pytest.fixture
def seed(db):
    """The seed article, ingested through the real pipeline."""
    ingest_paths([str(SEED)])
    return Article.objects.get()
