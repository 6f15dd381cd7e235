"""Undo and redo, and which corrections a later one depends on."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.editing import entities, history, mentions
from articles.editing.errors import Conflict
from articles.models import Correction, Mention
from tests.factories import ArticleFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


def relabel(mention, kind, editor):
    mention.refresh_from_db()
    return mentions.relabel_mention(
        mention_id=mention.pk, version=mention.version, kind=kind, editor=editor
    )


def kind_of(mention) -> str:
    return Mention.objects.select_related("entity").get(pk=mention.pk).entity.kind


def test_undo_puts_the_rows_back_and_redo_puts_the_change_back(editor):
    torkham = MentionFactory.create(
        article__body="At Torkham.", entity__name="Torkham", entity__kind="ORG"
    )
    correction = relabel(torkham, "PLACE", editor)
    undone = history.undo(correction_id=correction.pk, editor=editor)
    assert kind_of(torkham) == "ORG"
    assert undone.undone_by == editor
    with pytest.raises(Conflict, match="already undone"):
        history.undo(correction_id=correction.pk, editor=editor)

    history.redo(correction_id=correction.pk, editor=editor)
    assert kind_of(torkham) == "PLACE"
    assert Correction.objects.get(pk=correction.pk).undone_at is None
    with pytest.raises(Conflict, match="it is not undone"):
        history.redo(correction_id=correction.pk, editor=editor)


def test_a_correction_a_later_one_depends_on_is_undone_after_it(editor):
    torkham = MentionFactory.create(
        article__body="At Torkham.", entity__name="Torkham", entity__kind="ORG"
    )
    first = relabel(torkham, "PLACE", editor)
    second = relabel(torkham, "PERSON", editor)
    with pytest.raises(Conflict, match="a later change depends on it: “Torkham”: Place → Person"):
        history.undo(correction_id=first.pk, editor=editor)
    history.undo(correction_id=second.pk, editor=editor)
    history.undo(correction_id=first.pk, editor=editor)
    assert kind_of(torkham) == "ORG"


def test_a_merge_blocks_undoing_what_it_moved_until_it_is_undone(editor):
    article = ArticleFactory.create(body="Lisa Curtis met Elizabeth Curtis.")
    lisa = MentionFactory.create(
        article=article, entity__name="Lisa Curtis", entity__kind="PERSON"
    ).entity
    elizabeth = EntityFactory.create(name="Elizabeth Curtis", kind="PERSON")
    moved = MentionFactory.create(
        article=article,
        entity=EntityFactory.create(name="E. Curtis", kind="PERSON"),
        text="Elizabeth Curtis",
    )
    linked = mentions.link_mention(
        mention_id=moved.pk, version=moved.version, entity_id=elizabeth.pk, editor=editor
    )
    elizabeth.refresh_from_db()
    merge = entities.merge_entities(
        source_id=elizabeth.pk, source_version=elizabeth.version, target_id=lisa.pk, editor=editor
    )
    with pytest.raises(Conflict, match="Elizabeth Curtis merged into Lisa Curtis"):
        history.undo(correction_id=linked.pk, editor=editor)
    history.undo(correction_id=merge.pk, editor=editor)
    history.undo(correction_id=linked.pk, editor=editor)
    assert Mention.objects.get(pk=moved.pk).entity.name == "E. Curtis"


def test_redo_is_refused_once_a_later_correction_touched_the_same_rows(editor):
    torkham = MentionFactory.create(
        article__body="At Torkham.", entity__name="Torkham", entity__kind="ORG"
    )
    first = relabel(torkham, "PLACE", editor)
    history.undo(correction_id=first.pk, editor=editor)
    relabel(torkham, "PERSON", editor)
    with pytest.raises(Conflict, match="a later change touched the same rows"):
        history.redo(correction_id=first.pk, editor=editor)
    assert kind_of(torkham) == "PERSON"


def test_a_merge_cannot_be_undone_once_the_merged_entity_was_renamed(editor):
    lisa = MentionFactory.create(
        article__body="Lisa Curtis spoke.", entity__name="Lisa Curtis"
    ).entity
    elizabeth = MentionFactory.create(
        article__body="Elizabeth Curtis spoke.", entity__name="Elizabeth Curtis"
    ).entity
    merge = entities.merge_entities(
        source_id=elizabeth.pk, source_version=elizabeth.version, target_id=lisa.pk, editor=editor
    )
    lisa.refresh_from_db()
    entities.rename_entity(
        entity_id=lisa.pk, version=lisa.version, name="Lisa M. Curtis", editor=editor
    )
    with pytest.raises(
        Conflict, match=r"a later change depends on it: Lisa Curtis renamed Lisa M\. Curtis"
    ):
        history.undo(correction_id=merge.pk, editor=editor)


def test_undo_and_redo_ask_the_database_however_many_corrections_followed(editor, monkeypatch):
    """Which later correction blocks an undo or a redo is found by the database: the later
    corrections are not read into Python, however many there are."""
    torkham = MentionFactory.create(
        article__body="At Torkham.", entity__name="Torkham", entity__kind="ORG"
    )
    first = relabel(torkham, "PLACE", editor)
    for number in range(30):
        other = MentionFactory.create(
            article__body=f"At Doha {number}.", entity__name=f"Doha {number}"
        )
        relabel(other, "ORG", editor)
    loaded = []
    from_db = Correction.from_db

    def counted(cls, /, db, field_names, values, **options):
        loaded.append(values)
        return from_db(db, field_names, values, **options)

    monkeypatch.setattr(Correction, "from_db", classmethod(counted))
    with CaptureQueriesContext(connection) as captured:
        history.undo(correction_id=first.pk, editor=editor)
        history.redo(correction_id=first.pk, editor=editor)
    assert len(loaded) == 2  # the correction itself, once for the undo and once for the redo
    assert len(captured) < 40
    assert kind_of(torkham) == "PLACE"


def test_a_later_correction_pointing_at_an_entity_this_one_made_blocks_undo_and_redo(editor):
    article = ArticleFactory.create(body="Torkham and Chaman reopened.")
    torkham = MentionFactory.create(article=article, entity__name="Torkham", entity__kind="ORG")
    chaman = MentionFactory.create(article=article, entity__name="Chaman", entity__kind="ORG")
    detached = mentions.detach_mention(
        mention_id=torkham.pk, version=torkham.version, editor=editor
    )
    made = Mention.objects.get(pk=torkham.pk).entity_id
    chaman.refresh_from_db()
    linked = mentions.link_mention(
        mention_id=chaman.pk, version=chaman.version, entity_id=made, editor=editor
    )
    with pytest.raises(Conflict, match="a later change depends on it"):
        history.undo(correction_id=detached.pk, editor=editor)
    history.undo(correction_id=linked.pk, editor=editor)
    history.undo(correction_id=detached.pk, editor=editor)
    history.redo(correction_id=detached.pk, editor=editor)
    assert Mention.objects.get(pk=torkham.pk).entity_id == made
