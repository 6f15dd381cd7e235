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


# What an answer says of its version, and the request header that gives it back.
VALIDATORS = pytest.mark.parametrize(
    ("validator", "condition"),
    [("ETag", "If-None-Match"), ("Last-Modified", "If-Modified-Since")],
)


@VALIDATORS
def test_the_same_answer_again_is_not_sent_again(client, archive, validator, condition):
    url = reverse("api:article-json", args=[ARTICLE])
    seen = client.get(url).headers[validator]

    response = client.get(url, headers={condition: seen})

    assert response.status_code == 304


@VALIDATORS
def test_a_correction_makes_the_answer_new(client, archive, validator, condition):
    # An hour ago: Last-Modified counts whole seconds.
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    Article.objects.filter(pk=archive["article"].pk).update(updated_at=hour_ago)
    url = reverse("api:article-json", args=[ARTICLE])
    seen = client.get(url).headers[validator]
    kabul = archive["article"].mentions.filter(text="Kabul").first()
    relabel_mention(
        mention_id=kabul.pk, version=kabul.version, kind="ORG", editor=UserFactory.create()
    )

    response = client.get(url, headers={condition: seen})

    assert response.status_code == 200


def test_an_article_says_when_it_last_changed(client, archive):
    response = client.get(reverse("api:article-json", args=[ARTICLE]))

    assert response.headers["Last-Modified"] == http_date(archive["article"].updated_at.timestamp())


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


@pytest.mark.parametrize(
    ("allowed", "origin", "answered"),
    [
        (["https://cms.example.org"], "https://cms.example.org", "https://cms.example.org"),
        (["https://cms.example.org"], "https://evil.example", None),
        (["*"], "https://anyone.example", "*"),
    ],
    ids=["an allowed origin may read", "another may not", "any when the settings say so"],
)
def test_cors_answers_the_origins_the_settings_allow(client, archive, allowed, origin, answered):
    with override_settings(NEWSDESK_API_CORS_ORIGINS=allowed):
        response = client.get(
            reverse("api:entity-json", args=["kabul"]), headers={"Origin": origin}
        )

    assert response.headers.get("Access-Control-Allow-Origin") == answered


@override_settings(NEWSDESK_API_CORS_ORIGINS=["https://cms.example.org"])
def test_an_allowed_origin_is_answered_before_it_asks(client, archive):
    response = client.options(
        reverse("api:entity-json", args=["kabul"]),
        headers={"Origin": "https://cms.example.org", "Access-Control-Request-Method": "GET"},
    )

    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Headers"] == "If-None-Match, If-Modified-Since"


def test_the_api_only_reads(client, archive):
    response = client.post(reverse("api:entities-json") + "?kind=PLACE")

    assert response.status_code == 405


def test_head_answers_as_get_without_a_body(client, archive):
    url = reverse("api:entity-json", args=["kabul"])

    response = client.head(url)

    assert (response.status_code, response.content) == (200, b"")
    assert response.headers["ETag"] == client.get(url).headers["ETag"]


@pytest.mark.parametrize(
    ("operation", "slug"), [("api:article-json", "no-such-article"), ("api:entity-json", "nobody")]
)
def test_an_unknown_article_or_entity_is_not_found(client, archive, operation, slug):
    response = client.get(reverse(operation, args=[slug]))

    assert response.status_code == 404
