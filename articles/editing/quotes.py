"""Corrections to quotes: another speaker or kind, not a quote, a quote the pipeline missed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from articles.editing.errors import Invalid
from articles.editing.recording import (
    correcting,
    marked_span,
    save_edited,
    save_marked,
    selected_words,
)
from articles.models import Article, Correction, Entity, Quote, QuoteKind
from articles.models.corrections import CorrectionAction

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def check_quote_kind(kind: str) -> None:
    if kind not in QuoteKind.values:
        raise Invalid(f"Unknown quote kind {kind!r}.")


def change_quote(
    *,
    quote_id: int,
    version: int,
    editor: User,
    speaker_id: int | None = None,
    kind: str = "",
) -> Correction:
    """Give a quote another speaker, or another kind."""
    with correcting(editor=editor, action=CorrectionAction.CHANGE_QUOTE) as draft:
        quote = draft.lock(Quote, quote_id, version)
        if kind:
            check_quote_kind(kind)
        parts = []
        if speaker_id is not None and speaker_id != quote.speaker_id:
            speaker = Entity.objects.get(pk=speaker_id)
            was = quote.speaker.name if quote.speaker else "unknown"
            parts.append(f"speaker {was} → {speaker.name}")
            quote.speaker, quote.speaker_mention = speaker, None
        if kind and kind != quote.kind:
            parts.append(f"{quote.kind} → {kind}")
            quote.kind = kind
        if not parts:
            raise Invalid("Nothing to change.")
        save_edited(quote)
        draft.describe_span(f"Quote “{quote.text[:40]}…”: {', '.join(parts)}", quote)
    return draft.correction


def add_quote(
    *, article_id: int, start: int, end: int, speaker_id: int | None, kind: str, editor: User
) -> Correction:
    """Mark a quote the pipeline missed, with its speaker when known."""
    check_quote_kind(kind)
    with correcting(editor=editor, action=CorrectionAction.ADD_QUOTE) as draft:
        article = Article.objects.select_for_update().get(pk=article_id)
        text = selected_words(article, start, end, what="quoted words")
        speaker = Entity.objects.get(pk=speaker_id) if speaker_id else None
        if Quote.objects.filter(article=article, start=start, end=end).exists():
            raise Invalid("That quote is already marked.")
        # One removed earlier is brought back as the editor marks it now.
        quote = marked_span(draft, Quote, article, start, end, text)
        quote.kind, quote.speaker, quote.speaker_mention = kind, speaker, None
        save_marked(draft, quote)
        by = f" by {speaker.name}" if speaker else ""
        draft.describe(summary=f"Added quote “{text[:40]}…”{by}", article=article, entity=speaker)
    return draft.correction
