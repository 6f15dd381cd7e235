"""Corrections to mentions: kind, entity, boundaries, rejection, additions, and the same fix
applied everywhere else it fits."""

from typing import Any

import pytest

from articles.editing import history, mentions
from articles.editing.errors import Conflict, Invalid, Overlap
from articles.editing.rejecting import reject
from articles.models import Entity, EntityDistinction, LexiconEntry, Mention
from articles.models.corrections import CorrectionAction
from tests.factories import ArticleFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


def test_relabel_changes_the_kind_of_an_entity_named_only_there(editor):
    torkham = MentionFactory.create(
        article__body="Trucks crossed at Torkham.", entity__name="Torkham", entity__kind="ORG"
    )
    correction = mentions.relabel_mention(
        mention_id=torkham.pk, version=torkham.version, kind="PLACE", editor=editor
    )
    relabelled = Mention.objects.select_related("entity").get(pk=torkham.pk)
    assert relabelled.entity_id == torkham.entity_id
    assert relabelled.entity.kind == "PLACE"
    assert (relabelled.label, relabelled.origin) == ("GPE", "editor")
    assert correction.action == CorrectionAction.RELABEL
    assert correction.after["summary"] == "“Torkham”: Organisation → Place"
    assert LexiconEntry.objects.get(text="Torkham").kind == "PLACE"
    with pytest.raises(Invalid, match="already a place"):
        mentions.relabel_mention(
            mention_id=torkham.pk, version=relabelled.version, kind="PLACE", editor=editor
        )


def test_relabel_of_one_mention_among_several_moves_it_to_a_namesake_of_that_kind(editor):
    article = ArticleFactory.create(body="Trade through Chaman grew after Chaman reopened.")
    chaman = EntityFactory.create(name="Chaman", kind="PLACE")
    first = MentionFactory.create(article=article, entity=chaman)
    second = MentionFactory.create(article=article, entity=chaman, occurrence=1)
    mentions.relabel_mention(mention_id=first.pk, version=first.version, kind="ORG", editor=editor)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.entity.name, first.entity.kind) == ("Chaman", "ORG")
    assert second.entity == chaman


def test_link_to_another_entity_then_detach_as_an_entity_of_its_own(editor):
    article = ArticleFactory.create(body="John Nicolson met Ashraf Ghani in Kabul.")
    nicolson = MentionFactory.create(
        article=article, entity__name="John Nicolson", entity__kind="PERSON"
    )
    ghani = MentionFactory.create(
        article=article, entity__name="Ashraf Ghani", entity__kind="PERSON"
    )
    mentions.link_mention(
        mention_id=nicolson.pk, version=nicolson.version, entity_id=ghani.entity_id, editor=editor
    )
    nicolson.refresh_from_db()
    assert nicolson.entity_id == ghani.entity_id
    assert not Entity.objects.filter(name="John Nicolson").exists()  # nothing mentions it now
    with pytest.raises(Invalid, match="already points to Ashraf Ghani"):
        mentions.link_mention(
            mention_id=nicolson.pk,
            version=nicolson.version,
            entity_id=ghani.entity_id,
            editor=editor,
        )

    detached = mentions.detach_mention(
        mention_id=nicolson.pk, version=nicolson.version, editor=editor
    )
    nicolson.refresh_from_db()
    assert nicolson.entity.name == "John Nicolson"
    assert nicolson.entity_id != ghani.entity_id
    assert detached.after["summary"] == "“John Nicolson” is not Ashraf Ghani"
    pair = sorted([nicolson.entity_id, ghani.entity_id])
    assert EntityDistinction.objects.filter(first_id=pair[0], second_id=pair[1]).exists()


def test_adjust_moves_a_mentions_boundaries_within_the_article(editor):
    article = ArticleFactory.create(body="Gen. Bajwa met Kabul officials.")
    bajwa = MentionFactory.create(article=article, entity__name="Bajwa", entity__kind="PERSON")
    kabul = MentionFactory.create(article=article, entity__name="Kabul")
    correction = mentions.adjust_mention(
        mention_id=bajwa.pk, version=bajwa.version, start=0, end=bajwa.end, editor=editor
    )
    bajwa.refresh_from_db()
    assert (bajwa.start, bajwa.text) == (0, "Gen. Bajwa")
    assert correction.after["summary"] == "“Bajwa” → “Gen. Bajwa”"
    with pytest.raises(Invalid, match="overlap the mention “Kabul”"):
        mentions.adjust_mention(
            mention_id=bajwa.pk, version=bajwa.version, start=0, end=kabul.end, editor=editor
        )
    with pytest.raises(Invalid, match="outside the article"):
        mentions.adjust_mention(
            mention_id=bajwa.pk, version=bajwa.version, start=0, end=500, editor=editor
        )


def test_add_marks_a_name_the_pipeline_missed(editor):
    article = ArticleFactory.create(body="The pilots flew from Kabul.")
    kabul = MentionFactory.create(article=article, entity__name="Kabul")
    start = article.body.index("pilots")
    correction = mentions.add_mention(
        article_id=article.pk, start=start, end=start + len("pilots"), kind="GROUP", editor=editor
    )
    added = Mention.objects.select_related("entity").get(text="pilots")
    assert (added.entity.name, added.entity.kind, added.origin) == ("pilots", "GROUP", "editor")
    assert correction.after["summary"] == "Marked “pilots” as group pilots"
    with pytest.raises(Invalid, match="“pil” runs into “pilots”, already marked"):
        mentions.add_mention(
            article_id=article.pk, start=start, end=start + 3, kind="GROUP", editor=editor
        )
    with pytest.raises(Invalid, match="without spaces around"):
        mentions.add_mention(
            article_id=article.pk, start=start - 1, end=start, kind="GROUP", editor=editor
        )
    with pytest.raises(Invalid, match="Unknown kind"):
        mentions.add_mention(article_id=article.pk, start=0, end=3, kind="NOPE", editor=editor)
    mentions.add_mention(
        article_id=article.pk,
        start=0,
        end=3,
        kind="PLACE",
        entity_id=kabul.entity_id,
        editor=editor,
    )
    assert Mention.objects.get(start=0).entity_id == kabul.entity_id


def test_reject_hides_the_mention_and_marking_it_again_brings_it_back(editor):
    pakistanis = MentionFactory.create(
        article__body="The Pakistanis voted.", entity__name="Pakistanis", entity__kind="GROUP"
    )
    reject(Mention, pk=pakistanis.pk, version=pakistanis.version, editor=editor)
    assert not Mention.objects.filter(pk=pakistanis.pk).exists()
    assert Mention.all_objects.get(pk=pakistanis.pk).rejected
    assert LexiconEntry.objects.get(text="Pakistanis").rejected

    mentions.add_mention(
        article_id=pakistanis.article_id,
        start=pakistanis.start,
        end=pakistanis.end,
        kind="GROUP",
        editor=editor,
    )
    assert Mention.objects.filter(pk=pakistanis.pk).exists()


def test_a_relabel_applied_everywhere_is_one_bulk_correction(editor):
    one = ArticleFactory.create(body="Trade through Chaman grew after Chaman reopened.")
    two = ArticleFactory.create(body="Officials in Chaman said the road was open.")
    chaman = EntityFactory.create(name="Chaman", kind="PLACE")
    target = MentionFactory.create(article=one, entity=chaman)
    MentionFactory.create(article=one, entity=chaman, occurrence=1)
    MentionFactory.create(article=two, entity=chaman)
    correction = mentions.relabel_mention(
        mention_id=target.pk, version=target.version, kind="ORG", editor=editor
    )
    assert mentions.same_elsewhere(correction).count() == 2

    bulk = mentions.apply_elsewhere(correction_id=correction.pk, editor=editor)
    assert bulk.action == CorrectionAction.BULK_RELABEL
    assert bulk.after["summary"] == "“Chaman” relabelled in 2 more places"
    kinds = Mention.objects.filter(text="Chaman").values_list("entity__kind", flat=True)
    assert set(kinds) == {"ORG"}
    assert mentions.same_elsewhere(correction).count() == 0
    with pytest.raises(Invalid, match="nowhere else"):
        mentions.apply_elsewhere(correction_id=correction.pk, editor=editor)

    history.undo(correction_id=bulk.pk, editor=editor)
    assert Mention.objects.filter(text="Chaman", entity__kind="ORG").count() == 1


def test_a_rejection_applied_everywhere_leaves_editors_mentions_alone(editor):
    article = ArticleFactory.create(body="The Pakistanis voted. The Pakistanis queued.")
    group = EntityFactory.create(name="Pakistanis", kind="GROUP")
    rejected = MentionFactory.create(article=article, entity=group)
    MentionFactory.create(article=article, entity=group, occurrence=1)
    confirmed = MentionFactory.create(
        article__body="Pakistanis abroad voted too.", entity=group, origin="editor"
    )
    correction = reject(Mention, pk=rejected.pk, version=rejected.version, editor=editor)
    bulk = mentions.apply_elsewhere(correction_id=correction.pk, editor=editor)
    assert bulk.action == CorrectionAction.BULK_REJECT
    assert bulk.after["summary"] == "“Pakistanis” rejected in 1 more place"
    assert list(Mention.objects.filter(text="Pakistanis")) == [confirmed]


def test_only_relabels_and_rejections_apply_elsewhere(editor):
    mention = MentionFactory.create(article__body="Gen. Bajwa spoke.", entity__name="Bajwa")
    MentionFactory.create(article__body="Bajwa left.", entity=mention.entity)
    adjusted = mentions.adjust_mention(
        mention_id=mention.pk, version=mention.version, start=0, end=mention.end, editor=editor
    )
    assert mentions.same_elsewhere(adjusted).count() == 0
    with pytest.raises(Invalid, match="nowhere else"):
        mentions.apply_elsewhere(correction_id=adjusted.pk, editor=editor)


# -- marking over names already marked ---------------------------------------------------------
REGION = "She directed South and Central Asia policy."


def region_article(editor):
    """An article where "South and Central Asia" holds "South", which an editor rejected, and
    "Central Asia", still marked."""
    article = ArticleFactory.create(body=REGION)
    south = MentionFactory.create(article=article, entity__name="South")
    central = MentionFactory.create(article=article, entity__name="Central Asia")
    reject(Mention, pk=south.pk, version=south.version, editor=editor)
    start = REGION.index("South and Central Asia")
    return article, central, start, start + len("South and Central Asia")


def test_a_rejected_mention_never_stands_in_the_way_of_a_new_one(editor):
    article = ArticleFactory.create(body=REGION)
    south = MentionFactory.create(article=article, entity__name="South")
    reject(Mention, pk=south.pk, version=south.version, editor=editor)
    start = REGION.index("South and Central")
    mentions.add_mention(
        article_id=article.pk, start=start, end=start + 17, kind="PLACE", editor=editor
    )
    assert Mention.objects.get(article=article).text == "South and Central"
    assert Mention.all_objects.get(pk=south.pk).rejected


def test_a_selection_over_a_live_name_is_refused_with_what_it_runs_into(editor):
    article, central, start, end = region_article(editor)
    with pytest.raises(Overlap) as refused:
        mentions.add_mention(
            article_id=article.pk, start=start, end=end, kind="PLACE", editor=editor
        )
    overlap = refused.value
    assert str(overlap) == (
        "“South and Central Asia” runs into “Central Asia”, already marked: "
        "replace it or extend it."
    )
    assert [mention.pk for mention in overlap.covered] == [central.pk]
    assert (overlap.extent, overlap.extent_text) == ((start, end), "South and Central Asia")


def test_replacing_the_names_a_selection_covers_is_one_correction(editor):
    article, central, start, end = region_article(editor)
    correction = mentions.add_mention(
        article_id=article.pk,
        start=start,
        end=end,
        kind="PLACE",
        editor=editor,
        replacing={central.pk: central.version},
    )
    assert [m.text for m in Mention.objects.filter(article=article)] == ["South and Central Asia"]
    assert Mention.all_objects.get(pk=central.pk).rejected
    assert correction.after["summary"] == (
        "Marked “South and Central Asia” as place South and Central Asia, replacing 1 name"
    )
    history.undo(correction_id=correction.pk, editor=editor)
    assert [m.text for m in Mention.objects.filter(article=article)] == ["Central Asia"]


def test_replacing_a_name_someone_changed_meanwhile_is_a_conflict(editor):
    article, central, start, end = region_article(editor)
    with pytest.raises(Conflict):
        mentions.add_mention(
            article_id=article.pk,
            start=start,
            end=end,
            kind="PLACE",
            editor=editor,
            replacing={central.pk: central.version + 1},
        )
    assert not Mention.all_objects.get(pk=central.pk).rejected


def test_moving_boundaries_onto_a_rejected_mention_says_it_was_rejected(editor):
    article = ArticleFactory.create(body="Gen. Bajwa met Qamar in Kabul.")
    bajwa = MentionFactory.create(article=article, entity__name="Bajwa", entity__kind="PERSON")
    general = MentionFactory.create(article=article, entity__name="Gen.", entity__kind="PERSON")
    reject(Mention, pk=general.pk, version=general.version, editor=editor)
    # Over the rejected "Gen." and beyond: allowed, it is not live.
    mentions.adjust_mention(
        mention_id=bajwa.pk, version=bajwa.version, start=0, end=10, editor=editor
    )
    bajwa.refresh_from_db()
    assert bajwa.text == "Gen. Bajwa"
    with pytest.raises(Invalid, match=r"“Gen\.” was marked as not an entity"):
        mentions.adjust_mention(
            mention_id=bajwa.pk, version=bajwa.version, start=0, end=4, editor=editor
        )


def test_a_correction_without_the_version_the_editor_saw_is_not_made(editor):
    torkham = MentionFactory.create(article__body="At Torkham.", entity__name="Torkham")
    missing: Any = None  # what a form without the version would give
    with pytest.raises(TypeError):
        reject(Mention, pk=torkham.pk, version=missing, editor=editor)
    assert not Mention.all_objects.get(pk=torkham.pk).rejected
