"""What every answer of the API gets: an ETag and 304s, Last-Modified on an article, a rate
limit, and CORS only for the origins the settings allow."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from articles.editing.mentions import relabel_mention
from articles.models import Article
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ARTICLE = "envoy-meets-officials"


def test_an_answer_has_an_etag(client, archive):
    response = client.get(reverse("api:entity-json", args=["kabul"]))

    assert response.headers["ETag"].startswith('"')


def test_the_same_answer_again_is_not_sent_again(client, archive):
    url = reverse("api:entity-json", args=["kabul"])
    etag = client.get(url).headers["ETag"]

    response = client.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 304


def test_a_changed_answer_is_sent_in_full(client, archive):
    url = reverse("api:article-json", args=[ARTICLE])
    etag = client.get(url).headers["ETag"]
    kabul = archive["article"].mentions.filter(text="Kabul").first()
    relabel_mention(
        mention_id=kabul.pk, version=kabul.version, kind="ORG", editor=UserFactory.create()
    )

    response = client.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 200


def test_an_article_says_when_it_last_changed(client, archive):
    response = client.get(reverse("api:article-json", args=[ARTICLE]))

    assert response.headers["Last-Modified"] == http_date(archive["article"].updated_at.timestamp())


def test_an_article_unchanged_since_is_not_sent_again(client, archive):
    url = reverse("api:article-json", args=[ARTICLE])
    modified = client.get(url).headers["Last-Modified"]

    response = client.get(url, headers={"If-Modified-Since": modified})

    assert response.status_code == 304


def test_a_correction_makes_the_article_newer(client, archive):
    # An hour ago: Last-Modified counts whole seconds.
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    Article.objects.filter(pk=archive["article"].pk).update(updated_at=hour_ago)
    url = reverse("api:article-json", args=[ARTICLE])
    before = client.get(url).headers["Last-Modified"]
    kabul = archive["article"].mentions.filter(text="Kabul").first()
    relabel_mention(
        mention_id=kabul.pk, version=kabul.version, kind="ORG", editor=UserFactory.create()
    )

    response = client.get(url, headers={"If-Modified-Since": before})

    assert response.status_code == 200


@override_settings(NEWSDESK_API_RATE_PER_MINUTE=3)
def test_a_client_asking_too_often_is_told_to_wait(client, archive):
    url = reverse("api:entities-json") + "?kind=PLACE"
    for _ in range(3):
        client.get(url)

    response = client.get(url)

    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 60


@override_settings(NEWSDESK_API_RATE_PER_MINUTE=3)
def test_the_rate_is_counted_per_client(client, archive):
    url = reverse("api:entities-json") + "?kind=PLACE"
    for _ in range(3):
        client.get(url)

    response = client.get(url, REMOTE_ADDR="192.0.2.7")

    assert response.status_code == 200


def test_no_cors_by_default(client, archive):
    response = client.get(
        reverse("api:entity-json", args=["kabul"]), headers={"Origin": "https://cms.example.org"}
    )

    assert "Access-Control-Allow-Origin" not in response.headers


@override_settings(NEWSDESK_API_CORS_ORIGINS=["https://cms.example.org"])
def test_an_allowed_origin_may_read(client, archive):
    response = client.get(
        reverse("api:entity-json", args=["kabul"]), headers={"Origin": "https://cms.example.org"}
    )

    assert response.headers["Access-Control-Allow-Origin"] == "https://cms.example.org"


@override_settings(NEWSDESK_API_CORS_ORIGINS=["https://cms.example.org"])
def test_another_origin_may_not(client, archive):
    response = client.get(
        reverse("api:entity-json", args=["kabul"]), headers={"Origin": "https://evil.example"}
    )

    assert "Access-Control-Allow-Origin" not in response.headers


@override_settings(NEWSDESK_API_CORS_ORIGINS=["https://cms.example.org"])
def test_an_allowed_origin_is_answered_before_it_asks(client, archive):
    response = client.options(
        reverse("api:entity-json", args=["kabul"]),
        headers={"Origin": "https://cms.example.org", "Access-Control-Request-Method": "GET"},
    )

    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Headers"] == "If-None-Match, If-Modified-Since"


@override_settings(NEWSDESK_API_CORS_ORIGINS=["*"])
def test_any_origin_when_the_settings_say_so(client, archive):
    response = client.get(
        reverse("api:entity-json", args=["kabul"]), headers={"Origin": "https://anyone.example"}
    )

    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_the_api_only_reads(client, archive):
    response = client.post(reverse("api:entities-json") + "?kind=PLACE")

    assert response.status_code == 405


def test_head_answers_as_get_without_a_body(client, archive):
    url = reverse("api:entity-json", args=["kabul"])

    response = client.head(url)

    assert (response.status_code, response.content) == (200, b"")
    assert response.headers["ETag"] == client.get(url).headers["ETag"]
