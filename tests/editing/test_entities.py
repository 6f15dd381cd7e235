"""Corrections to entities: rename, edit, another kind, merge (and its preview), split an alias
off, and "never the same"."""

import pytest

from articles.editing import entities, history
from articles.editing.errors import Conflict, Invalid
from articles.models import Entity, EntityDistinction, EntityStats, LexiconEntry
from tests.factories import ArticleFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def curtises():
    """Lisa Curtis in one article and, as the pipeline saw her, Elizabeth Curtis in another."""
    one = ArticleFactory.create(headline="One", body="Lisa Curtis met officials in Doha on Monday.")
    two = ArticleFactory.create(
        headline="Two", body="Elizabeth Curtis spoke to reporters in Kabul."
    )
    lisa = MentionFactory.create(
        article=one, entity__name="Lisa Curtis", entity__kind="PERSON"
    ).entity
    elizabeth = MentionFactory.create(
        article=two, entity__name="Elizabeth Curtis", entity__kind="PERSON"
    ).entity
    return lisa, elizabeth


def aliases(entity: Entity) -> set[str]:
    return set(entity.aliases.values_list("name", flat=True))


def test_merge_preview_then_merge_moves_mentions_and_names(editor, curtises):
    lisa, elizabeth = curtises
    preview = entities.merge_preview(source=elizabeth, target=lisa)
    assert preview == {
        "mentions": 1,
        "articles": 1,
        "quotes": 0,
        "aliases": ["Elizabeth Curtis"],
        "distinct": False,
    }
    merge = entities.merge_entities(
        source_id=elizabeth.pk, source_version=elizabeth.version, target_id=lisa.pk, editor=editor
    )
    assert merge.after["summary"] == "Elizabeth Curtis merged into Lisa Curtis"
    assert set(lisa.mentions.values_list("article__headline", flat=True)) == {"One", "Two"}
    assert aliases(lisa) == {"Elizabeth Curtis"}
    assert not Entity.objects.filter(pk=elizabeth.pk).exists()
    lisa.refresh_from_db()
    with pytest.raises(Invalid, match="merged into itself"):
        entities.merge_entities(
            source_id=lisa.pk, source_version=lisa.version, target_id=lisa.pk, editor=editor
        )


def test_rename_keeps_the_old_name_as_an_alias_and_edit_sets_role_and_aliases(editor):
    lisa = EntityFactory.create(name="Lisa Curtis", kind="PERSON")
    entities.rename_entity(
        entity_id=lisa.pk, version=lisa.version, name=" Lisa  M. Curtis", editor=editor
    )
    lisa.refresh_from_db()
    assert lisa.name == "Lisa M. Curtis"
    assert aliases(lisa) == {"Lisa Curtis"}
    with pytest.raises(Invalid, match="Give a new name"):
        entities.rename_entity(
            entity_id=lisa.pk, version=lisa.version, name="Lisa M. Curtis", editor=editor
        )

    entities.edit_entity(
        entity_id=lisa.pk,
        version=lisa.version,
        role=" U.S. official ",
        aliases=["Curtis", " ", "Lisa M. Curtis"],
        editor=editor,
    )
    lisa.refresh_from_db()
    assert lisa.role == "U.S. official"
    assert aliases(lisa) == {"Curtis"}


def test_an_alias_split_off_takes_the_mentions_reading_so(editor, curtises):
    lisa, elizabeth = curtises
    entities.merge_entities(
        source_id=elizabeth.pk, source_version=elizabeth.version, target_id=lisa.pk, editor=editor
    )
    lisa.refresh_from_db()
    split = entities.split_alias(
        entity_id=lisa.pk, version=lisa.version, alias="Elizabeth Curtis", editor=editor
    )
    assert split.entity is not None
    assert split.entity.name == "Elizabeth Curtis"
    assert split.entity.mentions.get().article.headline == "Two"
    assert aliases(lisa) == set()
    assert entities.merge_preview(source=split.entity, target=lisa)["distinct"]
    lisa.refresh_from_db()
    with pytest.raises(Invalid, match="has no alias"):
        entities.split_alias(entity_id=lisa.pk, version=lisa.version, alias="Liz", editor=editor)


def test_two_entities_marked_different_once(editor, curtises):
    lisa, elizabeth = curtises
    marked = entities.mark_distinct(first_id=elizabeth.pk, second_id=lisa.pk, editor=editor)
    assert marked.entity == elizabeth
    assert marked.after["summary"] == "Lisa Curtis is not Elizabeth Curtis"
    assert EntityDistinction.objects.filter(first=lisa, second=elizabeth).exists()
    with pytest.raises(Invalid, match="already marked"):
        entities.mark_distinct(first_id=lisa.pk, second_id=elizabeth.pk, editor=editor)
    with pytest.raises(Invalid, match="always the same as itself"):
        entities.mark_distinct(first_id=lisa.pk, second_id=lisa.pk, editor=editor)


def test_a_stale_entity_version_is_a_conflict(editor):
    kabul = EntityFactory.create(name="Kabul")
    entities.rename_entity(
        entity_id=kabul.pk, version=kabul.version, name="Kabul city", editor=editor
    )
    with pytest.raises(Conflict, match="Someone else changed this entity meanwhile by editor"):
        entities.rename_entity(
            entity_id=kabul.pk, version=kabul.version, name="Kabool", editor=editor
        )


def test_an_entity_of_the_wrong_kind_takes_another_everywhere(editor):
    torkham = MentionFactory.create(
        article__body="Trucks crossed at Torkham.", entity__name="Torkham", entity__kind="ORG"
    ).entity
    correction = entities.change_entity_kind(
        entity_id=torkham.pk, version=torkham.version, kind="PLACE", editor=editor
    )
    assert Entity.objects.get(pk=torkham.pk).kind == "PLACE"
    assert correction.after["summary"] == "Torkham: Organisation → Place"
    assert EntityStats.objects.get(entity=torkham).kind == "PLACE"
    assert LexiconEntry.objects.get(text="Torkham").kind == "PLACE"
    history.undo(correction_id=correction.pk, editor=editor)
    assert EntityStats.objects.get(entity=torkham).kind == "ORG"


def test_another_kind_the_name_already_has_is_a_merge_not_a_kind(editor):
    organisation = MentionFactory.create(
        article__body="Trucks crossed at Torkham.", entity__name="Torkham", entity__kind="ORG"
    ).entity
    EntityFactory.create(name="Torkham", kind="PLACE")
    with pytest.raises(Invalid, match="has Torkham as a place already: merge the two instead"):
        entities.change_entity_kind(
            entity_id=organisation.pk, version=organisation.version, kind="PLACE", editor=editor
        )
    assert Entity.objects.get(pk=organisation.pk).kind == "ORG"
