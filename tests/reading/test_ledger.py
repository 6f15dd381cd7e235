"""The quote ledger: the same words quoted in several articles are one quote with appearances,
earliest first; a speaker's lists show each line once."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from articles.editing.rejecting import reject
from articles.models import Quote
from articles.reading import ledger
from tests.factories import UserFactory, make_article, make_entity, quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    speaker = make_entity(name="Lisa Curtis", kind="PERSON", slug="lisa-curtis")
    quoted = []
    for day, body, words in (
        (20, "Peace is near, she said.", "Peace is near"),
        (3, "“PEACE is near!” she told reporters.", "PEACE is near!"),
        (11, "She said peace  is near.", "peace  is near"),
    ):
        article = make_article(
            headline=f"June {day}", body=body, published=dt.date(2020, 6, day), slug=f"june-{day}"
        )
        quoted.append(quote(article, words, speaker))
    other = make_article(headline="Other", body="War is far.", published=dt.date(2020, 7, 1))
    quote(other, "War is far.", speaker)
    return {"speaker": speaker, "latest": quoted[0]}


def test_the_same_words_have_the_same_digest(archive):
    assert Quote.objects.filter(text__iregex="peace").values("words").distinct().count() == 1


def test_a_quote_page_lists_its_appearances_earliest_first(client, archive):
    html = client.get(reverse("articles:quote", args=[archive["latest"].pk])).content.decode()
    listed = html.split('id="appearances"', 1)[1].split("</ol>", 1)[0]

    assert re.findall(r">(June \d+)</a>", listed) == ["June 3", "June 11", "June 20"]


def test_a_quote_page_says_when_it_was_first_quoted(client, archive):
    html = client.get(reverse("articles:quote", args=[archive["latest"].pk])).content.decode()

    assert "Quoted in 3 articles" in html
    assert 'First quoted on <time datetime="2020-06-03">3 June 2020</time>' in html


def test_a_speaker_page_shows_a_repeated_line_once(client, archive):
    html = client.get(archive["speaker"].get_absolute_url()).content.decode()
    listed = html.split('id="entity-quotes"', 1)[1].split("</ul>", 1)[0]

    assert re.findall(r"<blockquote>(.*?)</blockquote>", listed) == ["War is far.", "Peace is near"]


def test_a_speaker_page_says_how_often_a_line_was_quoted(client, archive):
    html = client.get(archive["speaker"].get_absolute_url()).content.decode()

    assert "First quoted 3 Jun 2020, in <a" in html


def test_the_api_gives_each_quote_its_appearances(client, archive):
    items = client.get(reverse("api:quotes-json"), {"speaker": "lisa-curtis"}).json()["items"]

    assert [(item["appearances"], item["first_quoted"]) for item in items] == [
        (1, "2020-07-01"),
        (3, "2020-06-03"),
        (3, "2020-06-03"),
        (3, "2020-06-03"),
    ]


def test_a_rejected_quote_is_no_appearance(client, archive):
    rejected = Quote.objects.get(article__slug="june-3")
    reject(Quote, pk=rejected.pk, version=rejected.version, editor=UserFactory.create())

    html = client.get(reverse("articles:quote", args=[archive["latest"].pk])).content.decode()

    assert "Quoted in 2 articles" in html


def test_a_line_repeated_past_the_count_says_more_than(client, archive, monkeypatch):
    monkeypatch.setattr(ledger, "COUNTED_UP_TO", 2)

    html = client.get(reverse("articles:quote", args=[archive["latest"].pk])).content.decode()

    assert "Quoted in more than 2 articles" in html


def test_a_line_repeated_up_to_the_count_says_how_often(client, archive, monkeypatch):
    monkeypatch.setattr(ledger, "COUNTED_UP_TO", 3)

    html = client.get(reverse("articles:quote", args=[archive["latest"].pk])).content.decode()

    assert "Quoted in 3 articles" in html
