"""Readers' flags: "this name is of the wrong kind", "not a name", "the wrong person", "the
wrong speaker", with an optional note.

A flag never changes an annotation; it becomes (or adds a reader to) the open review item for
that mention or quote and reason. The same reader flagging the same thing again is told so and
not counted twice. Readers are rate-limited through the cache, per reader and per article, so a
script cannot bury the queue; readers are told apart by a keyed digest of their address.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.crypto import salted_hmac

from articles.models import Flag, Mention, Quote, ReviewItem, Topic
from articles.models.review import MENTION_REASONS, QUOTE_REASONS
from articles.review.evidence import line_in, quote_line

NOTE_MAX = 500
NOTES_KEPT = 3  # the latest notes an item shows
WINDOW_SECONDS = 3600


class Refused(Exception):
    """The flag was not taken; the message says why, for the reader."""


class TooMany(Refused):
    """The reader, or the article, has sent as many flags as the hour allows."""


@dataclass(frozen=True)
class Outcome:
    item: ReviewItem
    counted: bool  # False when this reader had already flagged it


def reader_key(address: str) -> str:
    """Who flagged, as a digest of the address keyed with the site's secret."""
    return salted_hmac("newsdesk.review.reader", address, algorithm="sha256").hexdigest()


def span_to_flag[S: (Mention, Quote)](model: type[S], pk: int, reason: str) -> S:
    """The mention or quote a reader flags, with its article and entity; Refused when the
    reason is not one for it, or it is no longer marked."""
    reasons: tuple[Topic, ...] = MENTION_REASONS
    what, entity = "name", "entity"
    if model is Quote:
        reasons, what, entity = QUOTE_REASONS, "quote", "speaker"
    if reason not in reasons:
        raise Refused(f"Choose what is wrong with this {what}.")
    span = model.objects.select_related("article", entity).filter(pk=pk).first()
    if span is None:
        raise Refused(f"That {what} is no longer marked.")
    return span


def flag_mention(*, mention_id: int, reason: str, note: str, reader: str) -> Outcome:
    mention = span_to_flag(Mention, mention_id, reason)
    article = mention.article
    line = line_in(
        headline=article.headline,
        url=f"{article.get_absolute_url()}?entity={mention.entity.slug}&mention={mention.pk}",
        body=article.body,
        offset=0,
        start=mention.start,
        end=mention.end,
    )
    evidence = {"lines": [line], "kind": mention.entity.get_kind_display()}
    return take(
        mention, reason, subject=mention.text[:300], evidence=evidence, note=note, reader=reader
    )


def flag_quote(*, quote_id: int, reason: str, note: str, reader: str) -> Outcome:
    quote = span_to_flag(Quote, quote_id, reason)
    article = quote.article
    speaker = quote.speaker.name if quote.speaker else "unknown"
    line = quote_line(
        headline=article.headline,
        url=f"{article.get_absolute_url()}#quote-{quote.pk}",
        text=quote.text,
        after=f" — {speaker}",
    )
    evidence = {"lines": [line], "speaker": speaker}
    return take(
        quote, reason, subject=quote.text[:120], evidence=evidence, note=note, reader=reader
    )


def item_for(
    span: Mention | Quote, reason: str, *, subject: str, evidence: Mapping[str, object]
) -> ReviewItem:
    """The item a reader's flag on this mention or quote is about, keyed by span and reason."""
    new = ReviewItem(
        topic=reason, subject=subject, articles=1, article=span.article, evidence=evidence
    )
    if isinstance(span, Mention):
        new.key, new.mention, new.entity = f"flag:{reason}:mention:{span.pk}", span, span.entity
    else:
        new.key, new.quote, new.entity = f"flag:{reason}:quote:{span.pk}", span, span.speaker
    return new


def take(
    span: Mention | Quote,
    reason: str,
    *,
    subject: str,
    evidence: Mapping[str, object],
    note: str,
    reader: str,
) -> Outcome:
    """Add the reader to the open item of this span and reason (made when there is none)."""
    new = item_for(span, reason, subject=subject, evidence=evidence)
    note = " ".join(note.replace("\x00", "").split())[:NOTE_MAX]
    existing = ReviewItem.objects.filter(key=new.key, status="open").first()
    if existing is not None and existing.flags.filter(client=reader).exists():
        return Outcome(existing, counted=False)
    assert new.article_id is not None
    spend_allowance(reader=reader, article_id=new.article_id)
    with transaction.atomic():
        item = ReviewItem.objects.select_for_update().filter(key=new.key, status="open").first()
        if item is None:
            new.save()
            item = new
        try:
            with transaction.atomic():
                Flag.objects.create(item=item, client=reader, note=note)
        except IntegrityError:  # the same reader, a moment ago
            return Outcome(item, counted=False)
        item.readers = F("readers") + 1
        if note:
            notes = [note, *item.evidence.get("notes", [])][:NOTES_KEPT]
            item.evidence = {**item.evidence, "notes": notes}
        item.save(update_fields=["readers", "evidence"])
        item.refresh_from_db(fields=["readers"])
    return Outcome(item, counted=True)


def spend_allowance(*, reader: str, article_id: int) -> None:
    """Count one flag against the reader's and the article's allowance for the current hour;
    TooMany when either is spent (and then neither is counted). Counts are kept per clock hour,
    so a count never needs its own expiry moved (the cache's incr() would reset it)."""
    hour = int(time.time()) // WINDOW_SECONDS
    limits = {
        f"review:flags:reader:{reader}:{hour}": (
            settings.NEWSDESK_FLAGS_PER_READER,
            "from one reader",
        ),
        f"review:flags:article:{article_id}:{hour}": (
            settings.NEWSDESK_FLAGS_PER_ARTICLE,
            "on one article",
        ),
    }
    spent = cache.get_many(list(limits))
    for key, (limit, whom) in limits.items():
        if spent.get(key, 0) >= limit:
            raise TooMany(
                f"Thank you: that is as many flags as we take {whom} in an hour. "
                "Please try again later."
            )
    cache.set_many({key: spent.get(key, 0) + 1 for key in limits}, timeout=2 * WINDOW_SECONDS)
