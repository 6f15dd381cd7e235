"""Article text and every user-supplied string are escaped wherever a reading page shows them."""

import pytest
from django.urls import reverse

from tests.factories import date_mention, make_article, make_entity, mention, quote
from tests.reading.conftest import XSS

pytestmark = pytest.mark.django_db


def test_user_text_is_escaped_on_every_page(client):
    body = f"{XSS} met in Kabul in June 2020."
    article = make_article(
        headline=XSS, body=body, byline=XSS, sources=[XSS], published="2020-06-01"
    )
    entity = make_entity(name=XSS, kind="PERSON", role=XSS)
    entity.aliases.create(name=XSS)
    mention(article, entity, XSS)
    date_mention(article, "June 2020", "2020-06-01", "2020-06-30", "month")
    said = quote(article, XSS, entity)
    pages = [
        reverse("articles:article-list"),
        reverse("articles:article-list") + "?q=alert",
        reverse("articles:article-list") + "?q=" + XSS,
        article.get_absolute_url(),
        article.get_absolute_url() + f"?entity={entity.slug}",
        entity.get_absolute_url(),
        reverse("articles:people"),
        reverse("articles:people") + "?order=alpha",
        reverse("articles:date-month", args=[2020, 6]),
        reverse("articles:timeline"),
        reverse("articles:quote", args=[said.pk]),
    ]
    # Rendered, then served again from the pages kept for readers.
    for url in pages * 2:
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html, url
        assert "<img src=x" not in html, url
        assert '<b hx-get="/evil">' not in html, url
    html = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
