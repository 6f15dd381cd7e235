"""What every correction shares: one record with the rows' states before and after, all or
nothing, safe against a second editor, and what it touched known when it finishes."""

import threading

import pytest
from django.db import connection

from articles.editing import entities, history, mentions
from articles.editing.errors import Conflict
from articles.models import Correction, LexiconEntry, Mention
from tests.factories import ArticleFactory, EntityFactory, MentionFactory, QuoteFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def torkham():
    return MentionFactory.create(
        article__body="Trucks crossed at Torkham.", entity__name="Torkham", entity__kind="ORG"
    )


def test_a_correction_records_each_touched_row_before_and_after(editor, torkham):
    entity = torkham.entity
    correction = mentions.relabel_mention(
        mention_id=torkham.pk, version=torkham.version, kind="PLACE", editor=editor
    )
    lesson = LexiconEntry.objects.get(text="Torkham")
    mention_state = {
        "article_id": torkham.article_id,
        "entity_id": entity.pk,
        "start": 18,
        "end": 25,
        "text": "Torkham",
        "label": "GPE",
        "origin": "model",
        "rejected": False,
    }
    entity_state = {
        "name": "Torkham",
        "kind": "ORG",
        "slug": entity.slug,
        "role": "",
        "aliases": [],
    }
    assert correction.before == {
        "mention": {str(torkham.pk): mention_state},
        "entity": {str(entity.pk): entity_state},
        "lexicon": {str(lesson.pk): None},
    }
    assert correction.after == {
        "mention": {str(torkham.pk): {**mention_state, "origin": "editor"}},
        "entity": {str(entity.pk): {**entity_state, "kind": "PLACE"}},
        "lexicon": {str(lesson.pk): {"text": "Torkham", "kind": "PLACE", "rejected": False}},
        "summary": "“Torkham”: Organisation → Place",
    }
    assert (correction.editor, correction.article, correction.entity) == (
        editor,
        torkham.article,
        entity,
    )


def test_a_stale_version_is_a_conflict_and_changes_nothing(editor, torkham):
    mentions.relabel_mention(
        mention_id=torkham.pk, version=torkham.version, kind="PLACE", editor=editor
    )
    with pytest.raises(Conflict, match="Someone else changed this mention meanwhile by editor"):
        mentions.relabel_mention(
            mention_id=torkham.pk, version=torkham.version, kind="PERSON", editor=editor
        )
    assert Mention.objects.get(pk=torkham.pk).entity.kind == "PLACE"
    assert Correction.objects.count() == 1


def test_a_failed_correction_changes_nothing(editor, torkham, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(mentions, "teach", fail)
    with pytest.raises(RuntimeError):
        mentions.relabel_mention(
            mention_id=torkham.pk, version=torkham.version, kind="PERSON", editor=editor
        )
    after = Mention.objects.select_related("entity").get(pk=torkham.pk)
    assert (after.entity_id, after.entity.kind, after.version) == (
        torkham.entity_id,
        "ORG",
        torkham.version,
    )
    assert not Correction.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_editors_changing_one_mention_at_once(editor, torkham):
    other = UserFactory.create(username="other")
    start = threading.Barrier(2)
    results = {}

    def edit(user, kind):
        try:
            start.wait()
            mentions.relabel_mention(
                mention_id=torkham.pk, version=torkham.version, kind=kind, editor=user
            )
            results[user.username] = "ok"
        except Conflict:
            results[user.username] = "conflict"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=edit, args=(editor, "PLACE")),
        threading.Thread(target=edit, args=(other, "PERSON")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == ["conflict", "ok"]
    assert Correction.objects.count() == 1


def test_every_correction_finishes_knowing_the_articles_and_entities_it_touched(editor, finished):
    one = ArticleFactory.create(body="Trade through Chaman grew after Chaman reopened.")
    two = ArticleFactory.create(body="In Chaman, Elizabeth Curtis met traders.")
    three = ArticleFactory.create(body="Lisa Curtis spoke in Doha.")
    four = ArticleFactory.create(body="“Talks will go on,” Elizabeth Curtis said.")
    chaman = EntityFactory.create(name="Chaman")
    relabelled = MentionFactory.create(article=one, entity=chaman)
    MentionFactory.create(article=one, entity=chaman, occurrence=1)
    MentionFactory.create(article=two, entity=chaman)
    elizabeth = MentionFactory.create(
        article=two, entity__name="Elizabeth Curtis", entity__kind="PERSON"
    ).entity
    lisa = MentionFactory.create(
        article=three, entity__name="Lisa Curtis", entity__kind="PERSON"
    ).entity
    QuoteFactory.create(article=four, text="“Talks will go on,”", speaker=elizabeth)

    relabel = mentions.relabel_mention(
        mention_id=relabelled.pk, version=relabelled.version, kind="ORG", editor=editor
    )
    entities.merge_entities(
        source_id=elizabeth.pk, source_version=elizabeth.version, target_id=lisa.pk, editor=editor
    )
    history.undo(correction_id=relabel.pk, editor=editor)

    relabelling, merging, undoing = finished
    chaman_org = relabel.entity
    assert chaman_org is not None
    assert relabelling.touched_articles == {one.pk}
    assert relabelling.touched_entities == {chaman.pk, chaman_org.pk}
    # The mentions and quotes that moved, not those the target already had.
    assert merging.touched_articles == {two.pk, four.pk}
    assert merging.touched_entities == {elizabeth.pk, lisa.pk}
    assert undoing.touched_articles == {one.pk}
    assert undoing.touched_entities == {chaman.pk, chaman_org.pk}
