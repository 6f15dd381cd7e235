"""Corrections on the real pipeline: they last through re-annotation, and what they teach the
lexicon shapes later ingests."""

import datetime as dt

import pytest

from articles.editing import dates, history, mentions, quotes
from articles.editing.rejecting import reject
from articles.ingest.service import ingest_bytes, ingest_paths
from articles.models import Article, DateMention, Entity, LexiconEntry, Mention, Quote
from articles.models.corrections import CorrectionAction
from tests.conftest import SEED

pytestmark = pytest.mark.django_db


def mention_of(text):
    return Mention.objects.filter(text=text).select_related("entity").first()


def ingest_text(headline, body):
    report = ingest_bytes(f"{headline}.txt", f"{headline}\n\n{body}".encode())
    assert report.counts["failed"] == 0, report.failed
    return report.outcomes[0].article


def reannotate_seed():
    ingest_paths([str(SEED)], reannotate=True)


def test_relabel_undo_redo_reannotate_and_teach(seed, editor):
    torkham = mention_of("Torkham")
    torkham.entity.kind = "ORG"  # as the raw model had it
    torkham.entity.save()
    correction = mentions.relabel_mention(
        mention_id=torkham.pk, version=torkham.version, kind="PLACE", editor=editor
    )
    assert mention_of("Torkham").entity.kind == "PLACE"
    assert correction.action == CorrectionAction.RELABEL

    history.undo(correction_id=correction.pk, editor=editor)
    assert mention_of("Torkham").entity.kind == "ORG"
    history.redo(correction_id=correction.pk, editor=editor)
    assert mention_of("Torkham").entity.kind == "PLACE"

    reannotate_seed()
    assert mention_of("Torkham").entity.kind == "PLACE"
    assert Mention.objects.filter(text="Torkham").count() == 1

    later = ingest_text("Torkham trade", "Trucks waited at Torkham for three days last month.")
    assert later.mentions.get(text="Torkham").entity.kind == "PLACE"
    assert LexiconEntry.objects.get(text="Torkham").kind == "PLACE"


def test_reject_lasts_through_reannotation_and_teaches(seed, editor):
    pakistanis = mention_of("Pakistanis")
    reject(Mention, pk=pakistanis.pk, version=pakistanis.version, editor=editor)
    assert not Mention.objects.filter(text="Pakistanis").exists()
    assert Mention.all_objects.filter(text="Pakistanis", rejected=True).count() == 1

    reannotate_seed()
    assert not Mention.objects.filter(text="Pakistanis").exists()
    later = ingest_text("Voters", "The Pakistanis voted on Sunday in Lahore.")
    assert not later.mentions.filter(text="Pakistanis").exists()


def test_editors_quotes_and_dates_last_through_reannotation(seed, editor):
    article = Article.objects.get()
    quote = Quote.objects.filter(text__startswith="The Afghan Taliban").get()
    curtis = Entity.objects.get(name="Lisa Curtis")
    reject(Quote, pk=quote.pk, version=quote.version, editor=editor)
    quote_start = article.body.index("The growing effectiveness")
    quotes.add_quote(
        article_id=article.pk,
        start=quote_start,
        end=article.body.index(".", quote_start),
        speaker_id=curtis.pk,
        kind="indirect",
        editor=editor,
    )
    june = DateMention.objects.get(text="June 2020")
    dates.change_date(
        date_id=june.pk,
        version=june.version,
        value_start=dt.date(2020, 6, 20),
        value_end=dt.date(2020, 6, 21),
        granularity="day",
        editor=editor,
    )
    february = DateMention.objects.get(text="February 2020")
    reject(DateMention, pk=february.pk, version=february.version, editor=editor)
    date_start = article.body.index("the two countries")
    dates.add_date(
        article_id=article.pk, start=date_start, end=date_start + len("the two"), editor=editor
    )

    reannotate_seed()
    assert Quote.objects.get(start=quote_start).speaker == curtis
    assert not Quote.objects.filter(pk=quote.pk).exists()
    june.refresh_from_db()
    assert (june.value_start, june.value_end) == (dt.date(2020, 6, 20), dt.date(2020, 6, 21))
    assert not DateMention.objects.filter(text="February 2020").exists()
    assert DateMention.all_objects.filter(text="February 2020", rejected=True).count() == 1
    assert DateMention.objects.filter(text="the two").exists()
