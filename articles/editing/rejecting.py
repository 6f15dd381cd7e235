"""An editor's "no": these words are no name, no quote, no date at all.

One service for the three kinds of span. The row stays, rejected (see `mark_rejected`), so that
re-annotation does not bring it back and undo can restore it; pages see active rows only. A
mention's words are also taught to the pipeline as no entity; its entity stays, since the
rejected mention still points at it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from articles.editing.lessons import teach
from articles.editing.recording import correcting, mark_rejected
from articles.models import Correction, DateMention, Mention, Quote
from articles.models.corrections import CorrectionAction

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# What the correction is recorded as, and what it says, the span's words in place of `{text}`
# (a quote's first 40 characters).
REJECTIONS: dict[type[Mention | Quote | DateMention], tuple[CorrectionAction, str]] = {
    Mention: (CorrectionAction.REJECT, "“{text}” is not an entity"),
    Quote: (CorrectionAction.REMOVE_QUOTE, "Removed quote “{text:.40}…”"),
    DateMention: (CorrectionAction.REJECT_DATE, "“{text}” is not a date"),
}


def reject(
    model: type[Mention | Quote | DateMention], *, pk: int, version: int, editor: User
) -> Correction:
    """Reject the span `pk` of `model` that the editor saw at `version`."""
    action, summary = REJECTIONS[model]
    with correcting(editor=editor, action=action) as draft:
        span = draft.lock(model, pk, version)
        mark_rejected(span)
        if isinstance(span, Mention):
            teach(draft.change, text=span.text, rejected=True)
        draft.describe_span(summary.format(text=span.text), span)
    return draft.correction
