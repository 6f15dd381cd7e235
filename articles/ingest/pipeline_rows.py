"""The pipeline's rows of an article, written anew each time it is annotated.

Editors' rows stay as they are, rejected ones included: they keep the pipeline off their words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from articles.ingest.linking import resolve_entities_and_rivals
from articles.models import (
    Article,
    DateMention,
    Doubt,
    Entity,
    LessonUse,
    Mention,
    Origin,
    Quote,
    Topic,
)
from articles.models.limits import max_length

if TYPE_CHECKING:
    from articles.nlp.annotate import Annotation
    from articles.nlp.dates import FoundDate
    from articles.nlp.entities import FoundMention
    from articles.nlp.quotes import FoundQuote

# A name or date longer than its column is no name or date (a run of capitals, say): skipped,
# rather than failing the article.
SPAN_TEXT_MAX = max_length(Mention, "text")


def replace_annotations(*, article: Article, annotation: Annotation, fresh: bool = False) -> None:
    """Swap the pipeline's mentions, dates and quotes for new ones; editors' decisions stay."""
    kept: list[tuple[int, int]] = []
    kept_quotes: set[tuple[int, int]] = set()
    if not fresh:
        # Editors' rows stay, rejected ones included: they keep the model off those spans.
        for model in (Quote, DateMention, Mention):  # quotes first: they point at mentions
            model.all_objects.filter(article=article).exclude(origin=Origin.EDITOR).delete()
        for model in (Mention, DateMention):
            kept += model.all_objects.filter(article=article).values_list("start", "end")
        kept_quotes = set(Quote.all_objects.filter(article=article).values_list("start", "end"))

    def storable(span: FoundMention | FoundDate) -> bool:
        """A span clear of editors' rows whose text fits its column (a run of capitals too long
        for one is no name)."""
        clear = not any(span.start < end and start < span.end for start, end in kept)
        return clear and len(span.text) <= SPAN_TEXT_MAX

    entities, rivals = resolve_entities_and_rivals(annotation.entities)
    stored = [
        (
            index,
            Mention(
                entity=entities[entity_index],
                label=m.label,
                role=m.role[:500],
                **found_span(article, m),
            ),
        )
        for index, (m, entity_index) in enumerate(
            zip(annotation.mentions, annotation.entity_of, strict=True)
        )
        if storable(m)
    ]
    mentions = Mention.objects.bulk_create(mention for _, mention in stored)
    DateMention.objects.bulk_create(
        DateMention(
            value_start=d.value_start,
            value_end=d.value_end,
            granularity=d.granularity,
            **found_span(article, d),
        )
        for d in annotation.dates
        if storable(d)
    )
    mention_at: dict[tuple[int | None, int | None], Mention] = {
        (m.start, m.end): m for m in mentions
    }
    quotes = [
        (
            index,
            Quote(
                kind=q.kind,
                cue=q.cue[:50],
                speaker=entities[q.speaker] if q.speaker is not None else None,
                speaker_mention=mention_at.get((q.speaker_start, q.speaker_end)),
                **found_span(article, q),
            ),
        )
        for index, q in enumerate(annotation.quotes)
        if (q.start, q.end) not in kept_quotes
    ]
    Quote.objects.bulk_create(quote for _, quote in quotes)
    record_doubts(
        article=article,
        annotation=annotation,
        mention_of=dict(stored),
        quote_of=dict(quotes),
        entities=entities,
        rivals=rivals,
    )


def record_doubts(
    *,
    article: Article,
    annotation: Annotation,
    mention_of: dict[int, Mention],
    quote_of: dict[int, Quote],
    entities: list[Entity],
    rivals: dict[int, Entity],
) -> None:
    """Keep where the pipeline's stages disagreed (articles.nlp.doubts), and the lessons it
    applied, on the spans stored: each row goes with its span."""
    doubts = []
    # One doubt of a kind an entity and model's kind in the article, on its first mention.
    kinds_doubted: set[tuple[int, object]] = set()
    for found in annotation.doubts:
        mention = mention_of.get(found.mention) if found.mention is not None else None
        quote = quote_of.get(found.quote) if found.quote is not None else None
        if mention is None and quote is None:
            continue
        if found.mention is not None:
            said = (annotation.entity_of[found.mention], found.detail.get("model"))
            if said in kinds_doubted:
                continue
            kinds_doubted.add(said)
        detail = dict(found.detail)
        if "nearer_entity" in detail:
            nearer = entities[int(str(detail.pop("nearer_entity")))]
            detail["nearer"] = nearer.pk
        doubts.append(
            Doubt(article=article, mention=mention, quote=quote, topic=found.topic, detail=detail)
        )
    doubted: set[int] = set()  # one doubt of a link an entity, on its first mention
    for index, mention in mention_of.items():
        rival = rivals.get(annotation.entity_of[index])
        if rival is not None and annotation.entity_of[index] not in doubted:
            doubted.add(annotation.entity_of[index])
            detail = {
                "chosen": mention.entity_id,
                "other": rival.pk,
                "other_name": f"{rival.name} ({rival.get_kind_display().lower()})",
            }
            doubts.append(
                Doubt(article=article, mention=mention, topic=Topic.DOUBT_LINK, detail=detail)
            )
    Doubt.objects.bulk_create(doubts)
    LessonUse.objects.bulk_create(
        LessonUse(
            article=article,
            mention=mention_of.get(lesson.mention) if lesson.mention is not None else None,
            text=lesson.text[:300],
            rejected=lesson.rejected,
        )
        for lesson in annotation.lessons
        if lesson.rejected or lesson.mention in mention_of
    )


def found_span(article: Article, span: FoundMention | FoundDate | FoundQuote) -> dict[str, Any]:
    """The fields every span the pipeline found is stored with."""
    return {
        "article": article,
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "origin": Origin.MODEL,
    }
