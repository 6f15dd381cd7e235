"""Where the pipeline's stages disagreed: recorded at ingest beside the spans, queued by the
checks after the readers' flags, each with its evidence and a one-key fix, and answered by a
correction."""

import pytest
from django.urls import reverse

from articles.ingest.service import ingest_bytes
from articles.models import Doubt, Mention, ReviewItem, Topic
from articles.review.checks import run_checks
from articles.review.fixing import apply_fix
from tests.factories import make_article, make_entity, mention, quote
from tests.review.conftest import HTMX, QUEUE, queue_queries, reader_at

pytestmark = pytest.mark.django_db


def ingest_text(name: str, text: str) -> None:
    report = ingest_bytes(name, text.encode())
    assert report.counts["failed"] == 0, report.failed


def test_a_kind_a_rule_gave_over_the_models_is_recorded_with_the_mention():
    ingest_text("crossings.txt", "Crossings\n\nTrucks queued at the Torkham and Chaman crossings.")
    torkham = Mention.objects.get(text="Torkham")
    doubt = Doubt.objects.get(mention=torkham)
    assert (doubt.topic, doubt.detail) == ("doubt-kind", {"model": "ORG", "kind": "PLACE"})


def test_a_name_matching_two_archive_entities_is_recorded_with_its_rival():
    first = make_entity(name="Ahmed Shah", kind="PERSON")
    second = make_entity(name="Ahmed Shah", kind="PERSON")
    ingest_text("shah.txt", "Visit\n\nAhmed Shah arrived in Kabul on Friday.")
    doubt = Doubt.objects.get(topic="doubt-link")
    assert doubt.detail == {
        "chosen": first.pk,
        "other": second.pk,
        "other_name": "Ahmed Shah (person)",
    }


def test_a_name_matching_one_archive_entity_is_no_doubt():
    make_entity(name="Ahmed Shah", kind="PERSON")
    ingest_text("shah.txt", "Visit\n\nAhmed Shah arrived in Kabul on Friday.")
    assert not Doubt.objects.filter(topic="doubt-link").exists()


def linked_twice():
    """Ahmed Shah linked to the first of two people of that name, a doubt of the linking."""
    article = make_article(body="Ahmed Shah arrived in Kabul.")
    chosen = make_entity(name="Ahmed Shah", kind="PERSON")
    other = make_entity(name="Ahmed Shah", kind="PERSON")
    shah = mention(article, chosen, "Ahmed Shah")
    Doubt.objects.create(
        article=article,
        mention=shah,
        topic="doubt-link",
        detail={"chosen": chosen.pk, "other": other.pk, "other_name": "Ahmed Shah"},
    )
    return shah, other


def test_a_doubt_is_an_item_with_its_evidence():
    linked_twice()
    run_checks([Topic.DOUBT_KIND])
    item = ReviewItem.objects.get(topic=Topic.DOUBT_LINK)
    assert item.evidence["counts"][1] == ["also matched", "Ahmed Shah"]


def test_a_clean_archive_has_no_doubts():
    mention(make_article(body="Kabul is busy."), make_entity(name="Kabul", kind="PLACE"), "Kabul")
    assert run_checks([Topic.DOUBT_KIND])[Topic.DOUBT_LINK].items == 0


def test_the_rival_is_one_key_and_answers_the_doubt(editor):
    shah, other = linked_twice()
    run_checks([Topic.DOUBT_KIND])
    item = ReviewItem.objects.get(topic=Topic.DOUBT_LINK)
    apply_fix(item_id=item.pk, fix="link-other", versions={"mention": shah.version}, editor=editor)
    run_checks([Topic.DOUBT_KIND])
    shah.refresh_from_db()
    assert (shah.entity_id, ReviewItem.objects.filter(status="open").count()) == (other.pk, 0)


def test_a_nearer_speaker_is_one_key(editor):
    article = make_article(body="Gul Rahman waited. “It will close,” Ahmed Shah said.")
    rahman = make_entity(name="Gul Rahman", kind="PERSON")
    shah = make_entity(name="Ahmed Shah", kind="PERSON")
    mention(article, rahman, "Gul Rahman")
    mention(article, shah, "Ahmed Shah")
    spoken = quote(article, "“It will close,”", rahman)
    Doubt.objects.create(
        article=article,
        quote=spoken,
        topic="doubt-speaker",
        detail={"nearer": shah.pk, "nearer_name": "Ahmed Shah"},
    )
    run_checks([Topic.DOUBT_KIND])
    item = ReviewItem.objects.get(topic=Topic.DOUBT_SPEAKER)
    apply_fix(
        item_id=item.pk, fix="speaker-other", versions={"quote": spoken.version}, editor=editor
    )
    spoken.refresh_from_db()
    assert spoken.speaker_id == shah.pk


def test_doubts_come_after_readers_flags_and_by_the_articles_they_touch(editor_client):
    shah, _other = linked_twice()
    for _ in range(2):  # Ahmed Shah named in three articles
        mention(make_article(body="Ahmed Shah left."), shah.entity, "Ahmed Shah")
    flagged = mention(
        make_article(body="Jalalabad is a city."),
        make_entity(name="Jalalabad", kind="PERSON"),
        "Jalalabad",
    )
    reader_at("203.0.113.1").post(
        reverse("articles:flag-mention", args=[flagged.pk]), {"reason": "wrong-kind"}
    )
    quiet = make_article(body="“Soon,” someone said.")
    quote(quiet, "“Soon,”", None)
    run_checks([Topic.DOUBT_KIND, Topic.QUOTE_NO_SPEAKER])
    body = editor_client.get(QUEUE).content.decode()
    order = [body.index(text) for text in ("Jalalabad", "The name matched two", "“Soon,”")]
    assert order == sorted(order)


def test_the_rivals_fix_is_offered_with_its_key(editor_client):
    linked_twice()
    run_checks([Topic.DOUBT_KIND])
    body = editor_client.get(QUEUE, **HTMX).content.decode()
    assert 'data-key="c"><kbd>c</kbd> It is Ahmed Shah' in body


def doubts_of_links(size: int) -> None:
    for number in range(size):
        article = make_article(body=f"Person{number} Shah spoke.")
        chosen = make_entity(name=f"Person{number} Shah", kind="PERSON")
        other = make_entity(name=f"Person{number} Shah", kind="PERSON")
        found = mention(article, chosen, f"Person{number} Shah")
        detail = {"chosen": chosen.pk, "other": other.pk, "other_name": other.name}
        Doubt.objects.create(article=article, mention=found, topic="doubt-link", detail=detail)
    run_checks([Topic.DOUBT_KIND])


def test_a_queue_of_doubts_costs_the_same_at_two_sizes(editor):
    small, large = queue_queries(editor, doubts_of_links, (5, 40))
    assert small == large


def test_names_in_a_doubt_are_escaped(editor_client):
    article = make_article(body="<b>Shah</b> arrived.")
    chosen = make_entity(name="<b>Shah</b>", kind="PERSON")
    other = make_entity(name="<b>Shah</b>", kind="PERSON")
    found = mention(article, chosen, "<b>Shah</b>")
    detail = {"chosen": chosen.pk, "other": other.pk, "other_name": "<b>Shah</b> (person)"}
    Doubt.objects.create(article=article, mention=found, topic="doubt-link", detail=detail)
    run_checks([Topic.DOUBT_KIND])
    body = editor_client.get(QUEUE).content.decode()
    assert "<b>Shah</b>" not in body
