"""Matches that are not dates in context: words that look like dates but are not ("may",
"August Wilson", "a fall in prices"), counts that look like years ("$1990", "2000 workers"),
and "the quarter" outside talk of quarterly results.

Durations and frequencies are kept out by the patterns themselves, which need an anchor in the
calendar ("two weeks ago", not "two weeks"); the checks here are those that need the text around
a match.
"""

from __future__ import annotations

import re

from articles.nlp.dates.context import Context, Hit
from articles.nlp.dates.vocabulary import words

# A cue before a bare month or season that makes it a date ("in May", "since the spring").
CALENDAR_CUE = re.compile(
    r"\b(?:in|since|by|until|till|from|to|through|during|of|before|after|early|late|mid|end|"
    r"beginning|and|or|last|this|next|past|coming)\s*-?\s*(?:the\s+)?$",
    re.I,
)
# A determiner before a month that may modify a noun: "the March accession", "a June deal".
DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our)\s+$", re.I)
# Counts ("$1990", "1990 percent") that look like years but are not.
NOT_A_YEAR_AFTER = re.compile(r"^\s*(?:%|percent\b|per\s+cent\b|[x×]\b)", re.I)
# A comma or full stop counts only when it touches the number ("1,990"): "1994, 1995" is a list.
NOT_A_YEAR_BEFORE = re.compile(r"(?:[$#£€¥]|\bNo\.|\bnumber|\d)\s*$|[.,]$", re.I)
# "the third quarter ended Sept. 30": a quarter reported on, even if fiscal and not yet over.
REPORTED_AFTER = re.compile(r"^\s+(?:ended|ending|through|to)\b", re.I)


def plausible(hit: Hit, ctx: Context) -> bool:
    """Whether a match is a date here, not a word that looks like one."""
    check = PLAUSIBLE.get(hit.rule)
    return check(hit, ctx) if check else True


def capitalised(hit: Hit, ctx: Context) -> bool:
    # Months and weekdays are capitalised in news copy; "may" and "sun" are words.
    return all(
        not hit.groups.get(key) or hit.groups[key][0].isupper() for key in ("month", "weekday")
    )


def cue_before(hit: Hit, ctx: Context) -> bool:
    return bool(CALENDAR_CUE.search(ctx.text[max(0, hit.start - 25) : hit.start]))


def plausible_month(hit: Hit, ctx: Context) -> bool:
    g = hit.groups
    if not capitalised(hit, ctx):
        return False
    if g.get("year") or g.get("rel") or g.get("yrel") or hit.end - hit.start > len(g["month"]) + 1:
        return True
    name = g["month"].lower()
    if name not in words().full_month_names and ctx.text[hit.end - 1] != ".":
        return False  # a bare "Jan" or "Dec" is a name more often than a month
    if name in words().ambiguous_months:
        # "May" the verb, "August Wilson" the name: a month alone needs a cue before it.
        if modifies_a_noun(hit, ctx):
            return True
        return cue_before(hit, ctx) and not re.match(
            r"\s+[A-Z][a-z]", ctx.text[hit.end : hit.end + 3]
        )
    return True


def modifies_a_noun(hit: Hit, ctx: Context) -> bool:
    """ "the March accession", "a June agreement": after a determiner, a month modifying the
    common noun that follows it, which a verb cannot do."""
    return bool(DETERMINER_BEFORE.search(ctx.text[max(0, hit.start - 6) : hit.start])) and (
        ctx.modifies_a_noun(hit.start)
    )


def plausible_day(hit: Hit, ctx: Context) -> bool:
    g = hit.groups
    if not capitalised(hit, ctx):
        return False
    if g.get("day") and not 1 <= int(g["day"]) <= 31:
        return False
    # "3.5 March" or "1,2 June" are not days
    return not (hit.rule == "day_month" and re.search(r"[\d.,]\s*$", ctx.text[: hit.start][-3:]))


def plausible_season(hit: Hit, ctx: Context) -> bool:
    g = hit.groups
    if g.get("year") or g.get("rel"):
        return True
    if g["season"].lower() == "fall" and not re.search(
        r"\b(?:in|during|since|by|until)\s+the\s+$", ctx.text[max(0, hit.start - 15) : hit.start]
    ):
        return False  # "a fall in prices", "the fall of Saigon"
    return cue_before(hit, ctx) or ctx.text[hit.start : hit.end].lower().startswith("the ")


def plausible_year(hit: Hit, ctx: Context) -> bool:
    g, text = hit.groups, ctx.text
    digits = g["year"][:1].isdigit()
    if not digits:  # "nineteen ninety-six" is a year; "nineteen" alone only when introduced as one
        spoken = g["year"].lower()
        return any(tens in spoken for tens in words().tens) or bool(
            re.match(r"(?:in|the\s+year)\s", text[hit.start : hit.end], re.I)
        )
    if text[hit.start : hit.end] == g["year"]:  # a bare number: is it a count or a year?
        if NOT_A_YEAR_BEFORE.search(text[max(0, hit.start - 4) : hit.start]):
            return False
        if NOT_A_YEAR_AFTER.search(text[hit.end : hit.end + 12]) or ctx.is_numeric(
            hit.start, hit.end
        ):
            return False
    return 1000 <= int(g["year"]) <= 2099


def plausible_reported_quarter(hit: Hit, ctx: Context) -> bool:
    # "the period" is a quarter only in talk of quarters; "the Latin Quarter" is not a date.
    text = ctx.text[hit.start : hit.end].lower()
    g = hit.groups
    if g.get("ago") or g.get("year") or re.search(r"latest|most\s+recent", text):
        return True
    if REPORTED_AFTER.match(ctx.text[hit.end : hit.end + 12]):
        return True  # "the quarter ended Sept. 30"
    if "period" in text:
        return ctx.in_quarter_talk(hit.start)
    if len(text.split()) <= 2:  # "the quarter": in an article about quarterly results
        return ctx.quarter is not None
    return True


# A capitalised word right before ("USA Today", "VOA Today") or an opening quote mark before a
# title-case phrase ('ABC's "This Week"'): the name of a paper or a programme, not a date.
HEADLINE_CHARS = 120  # a first line this short is a headline
NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w.&'’-]*|[\"“])\s?$")


def not_a_title(hit: Hit, ctx: Context) -> bool:
    words = ctx.text[hit.start : hit.end].split()
    if not all(word[:1].isupper() for word in words):
        return True
    first_line = ctx.text.lstrip().split("\n", 1)[0]
    if len(first_line) <= HEADLINE_CHARS and "\n" not in ctx.text[: hit.start].strip():
        return True  # a headline in title case ("Talks Resume Next Week")
    before = ctx.text[max(0, hit.start - 30) : hit.start]
    if before.rstrip(" ").endswith(("\n", ".", "?", "!", ":")) or not before.strip():
        return True  # the start of a sentence or a line is capitalised anyway
    if len(words) == 1 and before[-1:] in ('"', "“"):
        return True  # '"Today we begin," she said.'
    return not NAME_BEFORE.search(before)


PLAUSIBLE = {
    "month": plausible_month,
    "month_day": plausible_day,
    "day_month": plausible_day,
    "week_of_day": plausible_day,
    "weekday": capitalised,
    "season": plausible_season,
    "year": plausible_year,
    "reported_quarter": plausible_reported_quarter,
    "day_word": not_a_title,
    "relative_unit": not_a_title,
    "current_unit": not_a_title,
}
