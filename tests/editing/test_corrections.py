"""Editors' corrections as services: recorded, undoable, lasting, teaching, conflict-safe."""

import datetime as dt
import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection

from articles.editing import dates, entities, history, mentions, quotes
from articles.editing.errors import Conflict, Invalid
from articles.ingest.service import ingest_bytes, ingest_paths
from articles.models import (
    Article,
    Correction,
    DateMention,
    Entity,
    LexiconEntry,
    Mention,
    Quote,
)
from tests.conftest import SEED

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return User.objects.create_user("editor", password="x")


@pytest.fixture
def seed():
    ingest_paths([str(SEED)])


def mention_of(text, article_headline=None):
    mentions = Mention.objects.filter(text=text).select_related("entity")
    if article_headline:
        mentions = mentions.filter(article__headline=article_headline)
    return mentions.first()


def ingest_text(headline, body):
    report = ingest_bytes(f"{headline}.txt", f"{headline}\n\n{body}".encode())
    assert report.counts["failed"] == 0, report.failed
    return report.outcomes[0].article


def test_relabel_undo_redo_reannotate_and_teach(seed, editor):
    torkham = mention_of("Torkham")
    torkham.entity.kind = "ORG"  # as the raw model had it
    torkham.entity.save()
    correction = mentions.relabel_mention(
        mention_id=torkham.pk, version=torkham.version, kind="PLACE", editor=editor
    )
    assert mention_of("Torkham").entity.kind == "PLACE"
    assert correction.editor == editor and correction.action == "relabel"
    assert correction.before["mention"][str(torkham.pk)]["origin"] == "model"

    history.undo(correction_id=correction.pk, editor=editor)
    assert mention_of("Torkham").entity.kind == "ORG"
    history.redo(correction_id=correction.pk, editor=editor)
    assert mention_of("Torkham").entity.kind == "PLACE"

    ingest_paths([str(SEED)], reannotate=True)
    assert mention_of("Torkham").entity.kind == "PLACE"
    assert Mention.objects.filter(text="Torkham").count() == 1

    later = ingest_text("Torkham trade", "Trucks waited at Torkham for three days last month.")
    assert later.mentions.get(text="Torkham").entity.kind == "PLACE"
    assert LexiconEntry.objects.get(text="Torkham").kind == "PLACE"


def test_reject_lasts_through_reannotation_and_teaches(seed, editor):
    hilal_like = mention_of("Pakistanis")
    mentions.reject_mention(mention_id=hilal_like.pk, version=hilal_like.version, editor=editor)
    assert not Mention.objects.filter(text="Pakistanis").exists()
    assert Mention.all_objects.filter(text="Pakistanis", rejected=True).count() == 1

    ingest_paths([str(SEED)], reannotate=True)
    assert not Mention.objects.filter(text="Pakistanis").exists()
    later = ingest_text("Voters", "The Pakistanis voted on Sunday in Lahore.")
    assert not later.mentions.filter(text="Pakistanis").exists()


def test_link_detach_adjust_and_add(seed, editor):
    article_id = mention_of("Kabul").article_id
    nicolson = mention_of("John Nicolson")
    ghani = Entity.objects.get(name="Ashraf Ghani")
    mentions.link_mention(
        mention_id=nicolson.pk, version=nicolson.version, entity_id=ghani.pk, editor=editor
    )
    assert mention_of("John Nicolson").entity == ghani
    nicolson.refresh_from_db()
    mentions.detach_mention(mention_id=nicolson.pk, version=nicolson.version, editor=editor)
    detached = mention_of("John Nicolson").entity
    assert detached.name == "John Nicolson" and detached != ghani

    bajwa = Mention.objects.filter(text="Bajwa").order_by("start").first()
    body = bajwa.article.body
    start = body.rindex("Gen.", 0, bajwa.start)
    mentions.adjust_mention(
        mention_id=bajwa.pk, version=bajwa.version, start=start, end=bajwa.end, editor=editor
    )
    assert Mention.objects.get(pk=bajwa.pk).text == "Gen. Bajwa"

    start = body.index("pilots")
    mentions.add_mention(
        article_id=article_id,
        start=start,
        end=start + len("pilots"),
        kind="GROUP",
        editor=editor,
    )
    assert Mention.objects.get(start=start).entity.kind == "GROUP"
    with pytest.raises(Invalid):
        mentions.add_mention(
            article_id=article_id, start=start, end=start + 3, kind="GROUP", editor=editor
        )


def test_quote_speaker_kind_removal_and_addition(seed, editor):
    quote = Quote.objects.filter(text__startswith="The Afghan Taliban").get()
    curtis = Entity.objects.get(name="Lisa Curtis")
    quotes.change_quote(
        quote_id=quote.pk,
        version=quote.version,
        speaker_id=curtis.pk,
        kind="partial",
        editor=editor,
    )
    quote.refresh_from_db()
    assert (quote.speaker, quote.kind, quote.origin) == (curtis, "partial", "editor")
    quotes.remove_quote(quote_id=quote.pk, version=quote.version, editor=editor)
    assert not Quote.objects.filter(pk=quote.pk).exists()

    article = quote.article
    start = article.body.index("The growing effectiveness")
    end = article.body.index(".", start)
    quotes.add_quote(
        article_id=article.pk,
        start=start,
        end=end,
        speaker_id=curtis.pk,
        kind="indirect",
        editor=editor,
    )
    assert Quote.objects.get(start=start).speaker == curtis

    ingest_paths([str(SEED)], reannotate=True)
    assert Quote.objects.get(start=start).speaker == curtis
    assert not Quote.objects.filter(pk=quote.pk).exists()


def test_entity_rename_edit_merge_split_and_distinct(editor):
    ingest_text("One", "Lisa Curtis met officials in Doha on Monday.")
    ingest_text("Two", "Elizabeth Curtis spoke to reporters in Kabul on Tuesday.")
    first = Entity.objects.get(name="Lisa Curtis")
    second = Entity.objects.get(name="Elizabeth Curtis")

    preview = entities.merge_preview(source=second, target=first)
    assert preview["mentions"] == 1 and preview["articles"] == 1
    merge = entities.merge_entities(
        source_id=second.pk, source_version=second.version, target_id=first.pk, editor=editor
    )
    first.refresh_from_db()
    assert set(first.mentions.values_list("article__headline", flat=True)) == {"One", "Two"}
    assert second.name in set(first.aliases.values_list("name", flat=True))

    entities.rename_entity(
        entity_id=first.pk, version=first.version, name="Lisa M. Curtis", editor=editor
    )
    first.refresh_from_db()
    assert "Lisa Curtis" in set(first.aliases.values_list("name", flat=True))
    entities.edit_entity(
        entity_id=first.pk,
        version=first.version,
        role="U.S. official",
        aliases=["Lisa Curtis", second.name, "Curtis"],
        editor=editor,
    )
    first.refresh_from_db()
    assert first.role == "U.S. official"

    split = entities.split_alias(
        entity_id=first.pk, version=first.version, alias=second.name, editor=editor
    )
    assert split.entity.name == second.name
    assert split.entity.mentions.get().article.headline == "Two"
    with pytest.raises(Conflict, match="depends on it"):
        history.undo(correction_id=merge.pk, editor=editor)


def test_apply_everywhere_is_one_bulk_correction(editor):
    one = ingest_text("One", "Trade through Chaman grew after Chaman reopened.")
    ingest_text("Two", "Officials in Chaman said the road was open.")
    target = one.mentions.filter(text="Chaman").first()
    original_kind = target.entity.kind
    new_kind = "PERSON" if original_kind != "PERSON" else "PLACE"
    correction = mentions.relabel_mention(
        mention_id=target.pk, version=target.version, kind=new_kind, editor=editor
    )
    elsewhere = mentions.same_elsewhere(correction)
    assert elsewhere.count() == 0 or elsewhere.count() == 2
    if elsewhere.count():
        bulk = mentions.apply_elsewhere(correction_id=correction.pk, editor=editor)
        assert bulk.action == "bulk-relabel"
        assert set(
            Mention.objects.filter(text="Chaman").values_list("entity__kind", flat=True)
        ) == {new_kind}
        history.undo(correction_id=bulk.pk, editor=editor)
        assert Mention.objects.filter(text="Chaman", entity__kind=new_kind).count() == 1


def test_a_stale_version_is_a_conflict_and_changes_nothing(seed, editor):
    kabul = mention_of("Kabul")
    mentions.relabel_mention(mention_id=kabul.pk, version=kabul.version, kind="ORG", editor=editor)
    with pytest.raises(Conflict, match="Someone else changed"):
        mentions.relabel_mention(
            mention_id=kabul.pk, version=kabul.version, kind="PERSON", editor=editor
        )
    assert Mention.objects.get(pk=kabul.pk).entity.kind == "ORG"
    assert Correction.objects.count() == 1


def test_a_failed_correction_changes_nothing(seed, editor, monkeypatch):
    torkham = mention_of("Torkham")
    before = (torkham.entity_id, torkham.entity.kind, torkham.version)

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(mentions, "teach", fail)
    with pytest.raises(RuntimeError):
        mentions.relabel_mention(
            mention_id=torkham.pk, version=torkham.version, kind="PERSON", editor=editor
        )
    torkham = Mention.objects.select_related("entity").get(pk=torkham.pk)
    assert (torkham.entity_id, torkham.entity.kind, torkham.version) == before
    assert not Correction.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_editors_changing_one_mention_at_once(editor):
    ingest_text("Border", "Trucks crossed at Torkham on Friday.")
    other = User.objects.create_user("other", password="x")
    mention = Mention.objects.get(text="Torkham")
    start = threading.Barrier(2)
    results = {}

    def edit(user, kind):
        try:
            start.wait()
            mentions.relabel_mention(
                mention_id=mention.pk, version=mention.version, kind=kind, editor=user
            )
            results[user.username] = "ok"
        except Conflict:
            results[user.username] = "conflict"
        finally:
            connection.close()

    kinds = [k for k in ("ORG", "PERSON", "GROUP") if k != mention.entity.kind][:2]
    threads = [
        threading.Thread(target=edit, args=(editor, kinds[0])),
        threading.Thread(target=edit, args=(other, kinds[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == ["conflict", "ok"]
    assert Correction.objects.count() == 1


def test_dates_changed_rejected_and_added_last_and_can_be_undone(seed, editor):
    article = Article.objects.get()
    june = DateMention.objects.get(text="June 2020")
    changed = dates.change_date(
        date_id=june.pk,
        version=june.version,
        value_start=dt.date(2020, 6, 20),
        value_end=dt.date(2020, 6, 21),
        granularity="day",
        editor=editor,
    )
    assert changed.after["summary"] == "“June 2020” means 20 June 2020 to 21 June 2020"
    with pytest.raises(Invalid):
        dates.change_date(
            date_id=june.pk,
            version=june.version + 1,
            value_start=dt.date(2020, 7, 1),
            value_end=dt.date(2020, 6, 1),
            granularity="day",
            editor=editor,
        )

    february = DateMention.objects.get(text="February 2020")
    rejected = dates.reject_date(date_id=february.pk, version=february.version, editor=editor)
    start = article.body.index("the two countries")
    added = dates.add_date(
        article_id=article.pk, start=start, end=start + len("the two"), editor=editor
    )
    assert "not placed on the calendar" in added.after["summary"]
    with pytest.raises(Invalid, match="overlaps the date"):
        dates.add_date(article_id=article.pk, start=start + 4, end=start + 7, editor=editor)

    ingest_paths([str(SEED)], reannotate=True)
    june.refresh_from_db()
    assert (june.value_start, june.value_end) == (dt.date(2020, 6, 20), dt.date(2020, 6, 21))
    assert not DateMention.objects.filter(text="February 2020").exists()
    assert DateMention.all_objects.filter(text="February 2020", rejected=True).count() == 1
    assert DateMention.objects.filter(text="the two").exists()

    history.undo(correction_id=added.pk, editor=editor)
    history.undo(correction_id=rejected.pk, editor=editor)
    history.undo(correction_id=changed.pk, editor=editor)
    assert not DateMention.all_objects.filter(text="the two").exists()
    assert DateMention.objects.filter(text="February 2020").exists()
    june.refresh_from_db()
    assert (june.value_start, june.value_end) == (dt.date(2020, 6, 1), dt.date(2020, 6, 30))
    history.redo(correction_id=changed.pk, editor=editor)
    june.refresh_from_db()
    assert june.value_start == dt.date(2020, 6, 20)


def test_a_date_the_pipeline_missed_is_read_from_the_words(editor):
    article = ingest_text(
        "Harbour plans", "The council met on 3 May 2021. Work begins next spring, it said."
    )
    DateMention.objects.filter(article=article, text="next spring").delete()
    Article.objects.filter(pk=article.pk).update(published=dt.date(2021, 5, 10))
    start = article.body.index("next spring")
    added = dates.add_date(
        article_id=article.pk, start=start, end=start + len("next spring"), editor=editor
    )
    date = DateMention.objects.get(text="next spring")
    assert date.origin == "editor" and added.action == "add-date"
    assert (date.granularity, date.value_start, date.value_end) == (
        "season",
        dt.date(2022, 3, 1),
        dt.date(2022, 5, 31),
    )
