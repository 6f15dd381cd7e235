"""An archive moves between installations without loss: `export`, then `ingest` of the export
into an empty archive, gives back every article, entity (name, kind, role, aliases), mention,
date and quote, each with its origin, row for row."""

import pytest
from django.core.management import call_command

from articles.editing import entities, mentions, quotes
from articles.editing.rejecting import reject
from articles.ingest.service import ingest_paths
from articles.models import Alias, Article, DateMention, Entity, Mention, Origin, Quote
from articles.models.spans import Span
from articles.readmodels.rebuild import drift
from articles.readmodels.refresh import forget_articles
from tests.conftest import SAMPLES, SEED
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def rows_of_archive() -> dict[str, list[tuple]]:
    """Every row that matters, named by slugs and offsets rather than ids, sorted."""
    return {
        "articles": sorted(
            Article.objects.values_list(
                "slug",
                "headline",
                "byline",
                "body",
                "published",
                "source_url",
                "sources",
                "origin_name",
                "pipeline_version",
            )
        ),
        "entities": sorted(
            (
                entity.slug,
                entity.name,
                entity.kind,
                entity.role,
                tuple(sorted(a.name for a in entity.aliases.all())),
            )
            for entity in Entity.objects.prefetch_related("aliases")
        ),
        "mentions": span_rows(Mention, "label", "entity__slug"),
        "dates": span_rows(DateMention, "value_start", "value_end", "granularity"),
        "quotes": span_rows(
            Quote, "kind", "cue", "speaker__slug", "speaker_mention__start", "speaker_mention__end"
        ),
    }


def span_rows(model: type[Span], *fields: str) -> list[tuple]:
    """Every span of a kind, rejected ones too: where it is, `fields`, its origin and whether
    it was rejected (sorted by their repr: a quote's speaker may be None)."""
    where = ("article__slug", "start", "end", "text")
    return sorted(model.all_objects.values_list(*where, *fields, "origin", "rejected"), key=repr)


def corrected_archive() -> None:
    """The sample articles through the pipeline, then an editor's corrections of every kind."""
    ingest_paths([str(SAMPLES)])
    editor = UserFactory.create(username="editor")
    seed = Article.objects.get(slug="pakistan-military-backs-afghan-peace-talks")
    kabul = Mention.objects.filter(article=seed, text="Kabul")[0]
    mentions.relabel_mention(mention_id=kabul.pk, version=kabul.version, kind="ORG", editor=editor)
    qatar = Mention.objects.filter(article=seed, text="Qatar")[0]
    reject(Mention, pk=qatar.pk, version=qatar.version, editor=editor)
    words = "peace talks"
    start = seed.body.index(words)
    Mention.all_objects.filter(article=seed, start__lt=start + 11, end__gt=start).delete()
    mentions.add_mention(
        article_id=seed.pk, start=start, end=start + len(words), kind="EVENT", editor=editor
    )
    date = DateMention.objects.filter(article=seed)[0]
    reject(DateMention, pk=date.pk, version=date.version, editor=editor)
    quote = Quote.objects.filter(article=seed)[0]
    reject(Quote, pk=quote.pk, version=quote.version, editor=editor)
    bajwa = Entity.objects.get(name="Qamar Javed Bajwa")
    entities.edit_entity(
        entity_id=bajwa.pk,
        version=bajwa.version,
        role="Chief of Army Staff",
        aliases=["Bajwa", "General Bajwa"],
        editor=editor,
    )
    sentence = seed.body.index("Pakistan")
    quotes.add_quote(
        article_id=seed.pk,
        start=sentence,
        end=sentence + len("Pakistan"),
        speaker_id=bajwa.pk,
        kind="partial",
        editor=editor,
    )


def emptied_archive() -> None:
    forget_articles(Article.objects.values_list("pk", flat=True))
    Article.objects.all().delete()
    Entity.objects.all().delete()


def test_export_then_ingest_into_an_empty_archive_gives_back_every_row(tmp_path):
    path = tmp_path / "archive.jsonl"
    corrected_archive()
    before = rows_of_archive()
    call_command("export", "--output", str(path), verbosity=0)
    emptied_archive()
    assert not Alias.objects.exists()

    report = ingest_paths([str(path)])

    after = rows_of_archive()
    assert report.counts["created"] == len(before["articles"])
    assert after["articles"] == before["articles"]
    assert after["entities"] == before["entities"]
    assert after["mentions"] == before["mentions"]
    assert after["dates"] == before["dates"]
    assert after["quotes"] == before["quotes"]
    assert drift() == []
    # What was compared holds editors' rows and rejections of every kind.
    assert {row[6] for row in before["mentions"]} == {Origin.MODEL, Origin.EDITOR}
    assert any(row[7] for row in before["mentions"])
    assert any(row[8] for row in before["dates"])
    assert any(row[10] for row in before["quotes"])


def test_a_document_whose_offsets_miss_its_body_refuses_the_file(write_file, monkeypatch):
    ingest_paths([str(SEED)])
    path = write_file("archive.jsonl", "")
    call_command("export", "--output", str(path), verbosity=0)
    text = path.read_text()
    path.write_text(text.replace('"start": ', '"start": 1', 1))
    emptied_archive()

    report = ingest_paths([str(path)])

    assert "its annotations cannot be restored" in report.failed[0].reason
    assert not Article.objects.exists()
