"""The date stage: every rule's matches in an article, filtered, resolved in text order (each
may set the context later ones read), then the ranges they form and the dateline left out."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from articles.nlp.dates.context import Context, Hit
from articles.nlp.dates.periods import GRAINS, in_year
from articles.nlp.dates.plausibility import REPORTED_AFTER, plausible
from articles.nlp.dates.rules import rules
from articles.nlp.dates.vocabulary import words


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    text: str
    value_start: dt.date | None
    value_end: dt.date | None
    granularity: str


WINDOW_BEFORE, WINDOW_AFTER = 70, 90  # characters around a trigger an expression may span


def windows(text: str, trigger: re.Pattern[str]) -> list[tuple[int, int]]:
    """Merged stretches of text around a rule's trigger words, cut at spaces."""
    spans: list[tuple[int, int]] = []
    for match in trigger.finditer(text):
        low = text.rfind(" ", 0, max(0, match.start() - WINDOW_BEFORE)) + 1
        high = text.find(" ", min(len(text), match.end() + WINDOW_AFTER))
        high = len(text) if high < 0 else high
        if spans and low <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(high, spans[-1][1]))
        else:
            spans.append((low, high))
    return spans


def scan(text: str) -> list[Hit]:
    """Every rule's matches, overlaps resolved: the longest wins, then the earlier rule."""
    table = rules()
    # A rule runs only near its trigger words: most of an article is never read by its pattern.
    spans = {trigger: windows(text, trigger) for trigger in {r.trigger for r in table.values()}}
    # A group that took no part in a match is "" rather than None: resolvers test groups for
    # truth, and every group is then a string.
    hits = [
        Hit(m.start(), m.end(), r.name, m.groupdict(default=""))
        for r in table.values()
        for low, high in spans[r.trigger]
        for m in r.pattern.finditer(text, low, high)
    ]
    order = {name: rank for rank, name in enumerate(table)}
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), order[h.rule]))
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def trimmed(text: str, hit: Hit) -> tuple[int, int]:
    """Offsets without a leading "in", "the", a trailing "'s" or spaces."""
    start, end = hit.start, hit.end
    segment = text[start:end]
    if match := re.match(r"(?:in|on|at|by)\s+", segment, re.I):
        start += match.end()
    if match := re.search(r"['’]s$", text[start:end]):
        end -= len(match.group())
    if text[end - 1] == "." and text[start:end].split()[-1][:-1].lower() in words().full_names:
        end -= 1  # the full stop ending a sentence, not an abbreviation's
    return start, end


# Rules whose dates anchor "the following year" or "that day".
ANCHORING_RULES = {"iso", "month_day", "day_month", "month", "season", "year", "holiday"}


def remember(hit: Hit, ctx: Context) -> None:
    """Keep what later expressions refer to: the quarter reported on, the last date given."""
    if hit.value is None:
        return
    first, last, grain = hit.value
    if hit.rule in ("quarter", "quarter_code") and grain == "quarter":
        # A quarter still to come ("a fourth-quarter charge") is not the one being reported.
        over = ctx.published is None or last < ctx.published
        reported = REPORTED_AFTER.match(ctx.text[hit.end : hit.end + 12])
        if over or reported:
            ctx.quarter = (first.year, (first.month - 1) // 3 + 1)
            ctx.quarter_at = hit.start
    elif grain == "quarter" and ctx.in_quarter_talk(hit.start):
        ctx.quarter_at = hit.start  # still talking about that quarter
    if hit.rule in ANCHORING_RULES:
        ctx.anchor = hit.value
        ctx.anchor_end = hit.end


RANGE_BEFORE = re.compile(r"\b(?:from|between)\s+$", re.I)
RANGE_LINK = re.compile(r"^\s*(?:to|through|until|till|and|-|–)\s*$", re.I)


def ranges(hits: list[Hit], ctx: Context) -> list[Hit]:
    """A range hit for each "from X to Y"; X borrows Y's year when it has none."""
    found = []
    for first, second in itertools.pairwise(hits):
        if not (first.value and second.value):
            continue
        if not RANGE_LINK.match(ctx.text[first.end : second.start]):
            continue
        dashed = ctx.text[first.end : second.start].strip() in ("-", "–")
        if not dashed and not RANGE_BEFORE.search(ctx.text[max(0, first.start - 10) : first.start]):
            continue  # "1994 and 1997" alone are two dates; "between 1994 and 1997" a range
        if not first.explicit_year and second.explicit_year:
            first.value = in_year(first.value, second.value[1].year)
            if first.value[0] > second.value[0]:
                first.value = in_year(first.value, second.value[1].year - 1)
        if first.value[0] > second.value[1] and not second.explicit_year:
            # "from today through Nov. 17": a range ends after it starts, so the end named
            # without a year is the next one.
            second.value = in_year(second.value, second.value[1].year + 1)
        if first.value[0] > second.value[1]:
            continue
        grain = max(first.value[2], second.value[2], key=GRAINS.index)
        found.append(
            Hit(first.start, second.end, "range", {}, (first.value[0], second.value[1], grain))
        )
    return found


# "April 24 and 25": a second day of the same month, where the phrase ends.
SECOND_DAY = re.compile(
    r"\s+(?:and|or|&)\s+(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?(?=\s*(?:[.,;:!?)\"”]|$))"
)


def second_days(hits: list[Hit], ctx: Context) -> list[Hit]:
    """The day after "and" that shares the month and year of the day before it."""
    found = []
    for hit in hits:
        if hit.rule != "month_day" or hit.value is None or hit.value[2] != "day":
            continue
        match = SECOND_DAY.match(ctx.text, hit.end)
        if match is None:
            continue
        first = hit.value[0]
        try:
            second = first.replace(day=int(match.group("day")))
        except ValueError:  # "April 24 and 31"
            continue
        if second > first:
            value = (second, second, "day")
            found.append(Hit(match.start("day"), match.end(), "second_day", {}, value))
    return found


def find_dates(
    doc: Doc, published: dt.date | None = None, *, datelines: bool = False
) -> list[FoundDate]:
    """Dates in text order, then the ranges some of them form ("from March to June 2020");
    a dateline is left out unless asked for."""
    text = doc.text
    ctx = Context(doc, published)
    table = rules()
    hits = []
    for hit in scan(text):
        if not plausible(hit, ctx):
            continue
        try:
            hit.value = table[hit.rule].resolve(hit, ctx)
        except (ValueError, KeyError, OverflowError):  # "Feb. 30", a year out of range
            hit.value = None
        remember(hit, ctx)
        hits.append(hit)
    hits += second_days(hits, ctx)
    singles = sorted(hits, key=lambda h: (h.start, h.end))
    found = []
    for hit in singles + ranges(hits, ctx):
        start, end = trimmed(text, hit)
        if not datelines and is_dateline(text, start, end):
            continue
        value_start, value_end, grain = hit.value or (None, None, "")
        found.append(FoundDate(start, end, text[start:end], value_start, value_end, grain))
    return found


DATELINE_LINES = 3  # a dateline sits among the first lines: headline, byline, dateline


def is_dateline(text: str, start: int, end: int) -> bool:
    """A date alone on one of the first lines ("June 13, 2005" under the headline) is the
    article's dateline, a field rather than a date the story mentions."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if line.strip(" \t.,-—") != text[start:end]:
        return False
    earlier = [ln for ln in text[:line_start].split("\n") if ln.strip()]
    return len(earlier) < DATELINE_LINES


@functools.cache
def tokenizer_only() -> Language:
    import spacy

    return spacy.blank("en")


def interval_of(text: str, published: dt.date | None) -> FoundDate | None:
    """What a date expression on its own means ("last June", "the spring of 2020"): the found
    date covering most of it, or None when it holds no date. No model: the words alone decide,
    which is what an editor marking a date the pipeline missed needs."""
    found = find_dates(tokenizer_only()(text), published, datelines=True)
    return max(found, key=lambda date: (date.end - date.start, -date.start), default=None)
