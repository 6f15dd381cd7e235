"""Readers flag a mention or a quote: taken without an account, counted once per reader,
held back past the hour's allowance, and never a change to the annotation."""

import pytest
from django.test import override_settings
from django.urls import reverse

from articles.models import Entity, Flag, Mention, ReviewItem
from tests.factories import make_article, make_entity, mention, quote
from tests.review.conftest import HTMX, reader_at

pytestmark = pytest.mark.django_db
BODY = "Torkham reopened on Monday. “We are open,” said Gul Rahman."


@pytest.fixture
def torkham():
    article = make_article(body=BODY)
    return mention(article, make_entity(name="Torkham", kind="ORG"), "Torkham")


def flag(client, torkham, reason="wrong-kind", note="", **headers):
    url = reverse("articles:flag-mention", args=[torkham.pk])
    return client.post(url, {"reason": reason, "note": note}, **headers)


def test_a_reader_without_an_account_flags_a_name_from_its_panel(torkham):
    reader = reader_at("203.0.113.5")
    panel = reader.get(
        f"{torkham.article.get_absolute_url()}?entity={torkham.entity.slug}&mention={torkham.pk}"
    )
    assert "Something wrong with “Torkham”?" in panel.content.decode()
    response = flag(reader, torkham, note="It is a border crossing", **HTMX)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    item = ReviewItem.objects.get()
    assert (item.topic, item.readers, item.mention_id) == ("wrong-kind", 1, torkham.pk)
    assert item.evidence["notes"] == ["It is a border crossing"]


def test_a_flag_changes_nothing_in_the_annotation(torkham):
    flag(reader_at("203.0.113.5"), torkham, reason="not-a-name")
    torkham.refresh_from_db()
    assert (torkham.rejected, torkham.version, torkham.entity.kind) == (False, 1, "ORG")


def test_the_same_reader_flagging_twice_counts_once(torkham):
    reader = reader_at("203.0.113.5")
    flag(reader, torkham, **HTMX)
    again = flag(reader, torkham, **HTMX)
    assert "flagged this already" in again.content.decode()
    assert ReviewItem.objects.get().readers == 1


def test_two_readers_are_one_item_with_two_readers(torkham):
    flag(reader_at("203.0.113.5"), torkham)
    flag(reader_at("198.51.100.7"), torkham)
    assert list(ReviewItem.objects.values_list("readers", flat=True)) == [2]


@override_settings(NEWSDESK_FLAGS_PER_READER=2)
def test_a_reader_past_the_hours_allowance_is_held_back(torkham):
    reader = reader_at("203.0.113.5")
    for reason in ("wrong-kind", "not-a-name"):
        assert flag(reader, torkham, reason=reason, **HTMX).status_code == 200
    held = flag(reader, torkham, reason="wrong-person", **HTMX)
    assert held.status_code == 429
    assert "as many flags as we take from one reader" in held.content.decode()
    assert Flag.objects.count() == 2


@override_settings(NEWSDESK_FLAGS_PER_ARTICLE=2)
def test_an_article_past_the_hours_allowance_is_held_back(torkham):
    flag(reader_at("203.0.113.1"), torkham)
    flag(reader_at("203.0.113.2"), torkham)
    held = flag(reader_at("203.0.113.3"), torkham, **HTMX)
    assert held.status_code == 429
    assert "on one article" in held.content.decode()


def test_a_flag_without_a_reason_is_refused_in_place(torkham):
    response = flag(reader_at("203.0.113.5"), torkham, reason="", **HTMX)
    assert response.status_code == 422
    assert "Choose what is wrong" in response.content.decode()


def test_a_plain_form_post_returns_to_the_article_with_a_message(torkham):
    reader = reader_at("203.0.113.5")
    response = flag(reader, torkham, follow=True)
    assert response.redirect_chain[0][0].startswith(torkham.article.get_absolute_url())
    assert "Thank you" in response.content.decode()


def test_a_readers_note_is_escaped_for_editors(torkham, editor_client):
    flag(reader_at("203.0.113.5"), torkham, note="<script>alert(1)</script>")
    page = editor_client.get(reverse("articles:review")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_a_reader_flags_a_quotes_speaker():
    article = make_article(body=BODY)
    spoken = quote(article, "“We are open,”", make_entity(name="Gul Rahman", kind="PERSON"))
    page = reader_at("203.0.113.5").get(article.get_absolute_url()).content.decode()
    assert "Wrong speaker?" in page
    url = reverse("articles:flag-quote", args=[spoken.pk])
    reader_at("203.0.113.5").post(url, {"reason": "wrong-speaker"})
    item = ReviewItem.objects.get()
    assert (item.topic, item.quote_id) == ("wrong-speaker", spoken.pk)


def test_flagging_needs_the_csrf_token(torkham):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.5")
    url = reverse("articles:flag-mention", args=[torkham.pk])
    assert strict.post(url, {"reason": "wrong-kind"}).status_code == 403


def test_the_correction_that_answers_a_flag_closes_it(torkham, editor):
    from articles.editing.history import undo
    from articles.editing.mentions import relabel_mention

    flag(reader_at("203.0.113.5"), torkham)
    correction = relabel_mention(mention_id=torkham.pk, version=1, kind="PLACE", editor=editor)
    item = ReviewItem.objects.get()
    assert (item.status, item.closed_by_id) == ("fixed", correction.pk)
    undo(correction_id=correction.pk, editor=editor)
    assert ReviewItem.objects.get().status == "open"
    assert Entity.objects.filter(name="Torkham").count() == 1
    assert Mention.objects.get().entity.kind == "ORG"
