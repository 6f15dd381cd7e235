"""The pipeline's rows of an article, written anew each time it is annotated.

Editors' rows stay as they are, rejected ones included: they keep the pipeline off their words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from articles.ingest.linking import resolve_entities
from articles.models import Article, DateMention, Mention, Origin, Quote
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

    entities = resolve_entities(annotation.entities)
    mentions = Mention.objects.bulk_create(
        Mention(
            entity=entities[entity_index],
            label=m.label,
            role=m.role[:500],
            **found_span(article, m),
        )
        for m, entity_index in zip(annotation.mentions, annotation.entity_of, strict=True)
        if storable(m)
    )
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
    Quote.objects.bulk_create(
        Quote(
            kind=q.kind,
            cue=q.cue[:50],
            speaker=entities[q.speaker] if q.speaker is not None else None,
            speaker_mention=mention_at.get((q.speaker_start, q.speaker_end)),
            **found_span(article, q),
        )
        for q in annotation.quotes
        if (q.start, q.end) not in kept_quotes
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
