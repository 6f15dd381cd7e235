"""The rule table: one regular expression per form of date, patterns as data.

Each pattern matches a whole expression ("the third quarter of fiscal 2019", "last Friday"), and
names the resolver that turns its match into an interval. A rule also has a trigger, a word every
match of it holds, found fast: the pattern itself only runs near its trigger words (see
`stage.scan`). The table is built the first time dates are looked for, from the words in
`vocabulary`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from articles.nlp.dates.context import Context, Hit
from articles.nlp.dates.periods import Interval
from articles.nlp.dates.resolvers import (
    resolve_ago,
    resolve_anaphoric,
    resolve_century,
    resolve_current_unit,
    resolve_day_word,
    resolve_decade,
    resolve_half,
    resolve_holiday,
    resolve_iso,
    resolve_month,
    resolve_month_day,
    resolve_quarter,
    resolve_relative_unit,
    resolve_reported_quarter,
    resolve_season,
    resolve_this_unit,
    resolve_week_of_day,
    resolve_weekday,
    resolve_year,
    resolve_year_ago,
    unplaced,
)
from articles.nlp.dates.vocabulary import words

# --------------------------------------------------------------------------------------------
# Pattern pieces the rules share
# --------------------------------------------------------------------------------------------


def alternatives(choices: Iterable[str]) -> str:
    """A regex choice between words, longest first: a match takes the longest word it can."""
    return "|".join(re.escape(w) for w in sorted(choices, key=len, reverse=True))


def month(name: str = "month") -> str:
    return rf"(?P<{name}>{alternatives(words().months)})\b\.?"


def year(name: str = "year") -> str:
    """Four digits, or a spoken year ("nineteen ninety-six", "two thousand and one")."""
    units = alternatives(words().units)
    spoken = (
        rf"nineteen[\s-](?:hundred|(?:{alternatives(words().tens)})(?:[\s-](?:{units}))?|{units})"
        rf"|two[\s-]thousand(?:[\s-](?:and[\s-])?(?:{units}|ten|eleven|twelve))?"
    )
    return rf"(?P<{name}>(?:1[0-9]|20)[0-9]{{2}}(?![\d,.]\d)|{spoken})\b"


def weekday() -> str:
    return rf"(?P<weekday>{alternatives(words().weekdays)})\b\.?"


def day_word() -> str:
    return rf"(?P<day_word>{alternatives(words().ordinals)})\b"


def season() -> str:
    return rf"(?P<season>{alternatives(words().seasons)})"


def quarter_ordinal() -> str:
    return rf"(?P<quarter>{alternatives(words().quarters)})"


def count() -> str:
    return rf"(?P<count>\d+|{alternatives(words().numbers)}|a few|few|several|many|some)"


DAY = r"(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?\b"
PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|noon))?"
# Qualifiers that keep the whole period ("late November" is placed in November).
QUALIFIER = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:early|earlier|late|later|mid|middle|end|beginning|start|"
    r"first\s+half|second\s+half|last\s+half|close)(?:\s+part)?(?:\s+of(?:\s+the)?)?[\s-]+)?"
)
UNIT = r"(?P<unit>day|week|weekend|month|year|quarter|decade|century)"
REL = (
    r"(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+previous|the\s+following|past|coming)"
)
YREL = r"(?P<yrel>last|this|next)"

# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[Hit, Context], Interval | None]
    trigger: re.Pattern[str]  # a word every match holds, found fast


@functools.cache
def trigger_pattern(trigger: str, flags: int) -> re.Pattern[str]:
    return re.compile(trigger, flags)


def rule(
    name: str,
    trigger: str,
    pattern: str,
    resolve: Callable[[Hit, Context], Interval | None],
    flags: int = re.I,
) -> Rule:
    return Rule(
        name,
        re.compile(rf"(?<![\w'’-])(?:{pattern})(?!\w|-\w)", flags),
        resolve,
        trigger_pattern(trigger, flags),
    )


def capitalised_prefixes(names: Iterable[str]) -> str:
    """A case-sensitive trigger for capitalised names ("Jan" finds "January", "JANUARY")."""
    prefixes = {name[:3] for name in names}
    choices = sorted(p.title() for p in prefixes) + sorted(p.upper() for p in prefixes)
    return rf"(?-i:\b(?:{'|'.join(choices)}))"


def merge_groups(hit: Hit) -> Hit:
    """Fold the alternative group names of a pattern ("year2", "yrel3") into the main ones."""
    g = hit.groups
    g["year"] = g.get("year") or g.get("year2", "")
    g["yrel"] = g.get("yrel") or g.get("yrel2") or g.get("yrel3", "")
    g["qnum"] = g.get("qnum") or g.get("qnum2", "")
    return hit


@functools.cache
def rules() -> dict[str, Rule]:
    """Every rule by name. Where two matches are as long, the rule earlier here wins."""
    month_trigger = capitalised_prefixes(words().months)
    weekday_trigger = capitalised_prefixes(words().weekdays)
    table = [
        rule("iso", r"\d{4}-\d\d", r"(?P<year>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)", resolve_iso),
        rule(
            "month_day",
            month_trigger,
            rf"(?:{REL}\s+)?(?:{weekday()},?\s+)?{QUALIFIER}{month()}\s+"
            rf"(?:{DAY}|(?:the\s+)?{day_word()})(?:,?\s+{year()})?",
            resolve_month_day,
        ),
        rule(
            "week_of_day",
            month_trigger,
            rf"the\s+week\s+of\s+{month()}\s+{DAY}(?:,?\s+{year()})?",
            resolve_week_of_day,
        ),
        rule(
            "day_month",
            month_trigger,
            rf"(?:{weekday()},?\s+)?(?:the\s+)?(?:{DAY}|{day_word()})\s+(?:of\s+)?{month()}"
            rf"(?:,?\s+{year()})?",
            resolve_month_day,
        ),
        rule(
            "month",
            month_trigger,
            rf"(?:{REL}\s+|{QUALIFIER}|the\s+month\s+of\s+)?{month()}"
            rf"(?:,?\s+(?:of\s+)?{year()}|\s+{YREL}\s+year)?",
            resolve_month,
        ),
        rule(
            "season",
            alternatives(words().seasons),
            rf"(?:{REL}\s+|the\s+)?{QUALIFIER}{season()}(?:\s+and\s+(?:the\s+)?"
            rf"(?P<season2>{alternatives(words().seasons)}))?(?:\s+(?:of\s+)?{year()})?",
            resolve_season,
        ),
        rule(
            "quarter",
            "quarter",
            rf"(?:the\s+|its\s+|a\s+)?(?:{year()}\s+|{YREL}\s+year['’]s\s+|"
            rf"(?P<yrel2>year-ago|year-earlier|prior-year)\s+)?(?:fiscal[\s-]+)?{quarter_ordinal()}"
            rf"[\s-]+(?:fiscal[\s-]+)?quarter(?:\s+of\s+(?:fiscal\s+)?(?:{year('year2')}|"
            rf"{YREL.replace('yrel', 'yrel3')}\s+year))?",
            lambda hit, ctx: resolve_quarter(merge_groups(hit), ctx),
        ),
        rule(
            "quarter_code",
            r"Q[1-4]|[1-4]Q",
            r"Q(?P<qnum>[1-4])(?:\s*(?:FY)?['’]?(?P<year>\d{4}|\d{2}))?"
            r"|(?P<qnum2>[1-4])Q\s*['’]?(?P<year2>\d{4}|\d{2})",
            lambda hit, ctx: resolve_quarter(merge_groups(hit), ctx),
            flags=0,
        ),
        rule(
            "half",
            r"half|quarters",
            rf"(?:the\s+)?(?P<half>first|second|last|latter)\s+(?:half|two\s+quarters)\s+of\s+"
            rf"(?:fiscal\s+)?{year()}",
            resolve_half,
        ),
        rule(
            "reported_quarter",
            r"quarter|period",
            r"(?:(?:the|that|this|its|their)\s+(?=\S)|(?=(?:latest|current|most|recent|"
            r"comparable|same|year-|prior-|corresponding|last|1|20)))"
            r"(?:(?P<now>latest|current|most\s+recent|recent)\s+|"
            r"(?P<ago>(?:comparable\s+|same\s+)?(?:year-ago|year-earlier|prior-year|year-before)"
            r"|(?:comparable|corresponding|same)(?=\s+(?:quarter|period)\s+(?:a|last)\s+year)"
            r"|last\s+year['’]s)\s+|(?P<year>(?:1[0-9]|20)\d\d)\s+|(?P<same>comparable|same)\s+)?"
            r"(?:fiscal\s+)?(?:quarter|period)(?:\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?",
            resolve_reported_quarter,
        ),
        rule(
            "year",
            r"\d{4}|nineteen|thousand",
            rf"(?:(?:in|fiscal(?:\s+year)?|the\s+year|calendar(?:\s+year)?|FY)\s+|{QUALIFIER}|"
            rf"(?:pre|post)-)?{year()}",
            resolve_year,
        ),
        rule(
            "decade",
            r"\d0[\'’]?s|ties\b",
            rf"(?:the\s+)?{QUALIFIER}(?:(?P<decade>1\d\d0|20\d0)['’]?s|['’](?P<short>\d0)['’]?s|"
            rf"(?<=the\s)(?P<words>{alternatives(words().decades)}))",
            resolve_decade,
        ),
        rule(
            "century",
            "century",
            rf"(?:the\s+)?{QUALIFIER}(?:(?P<ordinal>\d{{1,2}}(?:st|nd|rd|th)|"
            rf"{alternatives(words().ordinals)})|{REL})[\s-]+century",
            resolve_century,
        ),
        rule(
            "day_word",
            r"today|tonight|yesterday|tomorrow|night|morning|afternoon|evening",
            r"(?:(?:early|earlier|late|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow|"
            r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|last\s+night|"
            r"this\s+(?:morning|afternoon|evening))(?:['’]s)?" + PART_OF_DAY,
            resolve_day_word,
        ),
        rule(
            "weekday",
            weekday_trigger,
            rf"(?:(?:{REL}|early|earlier|late|later)\s+)?{weekday()}(?:['’]s)?{PART_OF_DAY}",
            resolve_weekday,
        ),
        rule(
            "anaphoric",
            r"that|same|following|previous|preceding|prior|next",
            rf"{QUALIFIER}(?:(?:earlier|later)\s+)?(?P<rel>that(?:\s+same)?|the\s+same|"
            r"the\s+following|the\s+previous|the\s+preceding|the\s+prior|"
            r"(?=the\s+next\s+(?:day|morning|afternoon|evening|night))the\s+next)\s+"
            r"(?P<unit>day|week|month|year|morning|afternoon|evening|night)",
            resolve_anaphoric,
        ),
        rule(
            "year_part",
            "year|month",
            r"(?:(?:around|by|at|until|since)\s+)?"
            r"(?:the\s+(?:very\s+)?(?:end|beginning|start|middle|rest)\s+of\s+the\s+"
            r"(?:(?:fiscal|financial)\s+)?(?P<unit>year|month)|(?P<unit2>year|month)['’]s\s+end|"
            r"(?P<unit3>year|month)[\s-]end|(?:earlier|later)\s+in\s+the\s+(?P<unit4>year|month)|"
            r"the\s+first\s+(?:\w+\s+)?(?:months|weeks|quarters?|half)\s+of\s+the\s+year)",
            resolve_this_unit,
        ),
        rule(
            "current_unit",
            r"year|week",
            r"the\s+(?:full\s+|fiscal\s+|calendar\s+|whole\s+)?(?P<unit>year|week|weekend)"
            r"(?!\s+(?:ago|earlier|before|after|later|when|that|in\s+which|of|for|to|ended|ending)\b|-)",
            resolve_current_unit,
        ),
        rule(
            "relative_unit",
            r"day|week|month|year|quarter|decade|century",
            rf"{QUALIFIER}(?:(?:earlier|later)\s+(?:in\s+)?)?(?P<rel>(?:the\s+)?(?:last|this|"
            rf"next|past|coming|current|previous|following|this\s+past|this\s+coming))\s+{UNIT}",
            resolve_relative_unit,
        ),
        rule(
            "ago",
            r"ago|earlier|later|from\s+now|hence",
            rf"(?:(?:about|almost|nearly|some|more\s+than|less\s+than|over|just|only)\s+)?{count()}"
            rf"(?:\s+or\s+(?:so|two|three))?\s+(?:{UNIT}s?)(?:\s+or\s+so)?\s+"
            r"(?P<dir>ago|earlier|later|from\s+now|hence)",
            resolve_ago,
        ),
        rule(
            "year_ago",
            r"year-",
            r"(?:year-ago|year-earlier)(?!\s+(?:quarter|period))",
            resolve_year_ago,
        ),
        rule(
            "holiday",
            r"Thanksgiving|Christmas|New\sYear|Easter|Good\sFriday|Election|Independence|"
            r"Memorial|Labor|Veterans|Halloween|Valentine",
            rf"(?:(?i:{REL})\s+)?(?P<holiday>{alternatives(words().holiday_names)})"
            rf"(?P<week>\s+week)?(?:\s+{year()})?",
            resolve_holiday,
            flags=0,
        ),
        # Present, past and future references: marked, but they cannot be placed.
        rule(
            "reference",
            r"now|current|recent|these\s+days|future|coming|later",
            r"(?:right\s+)?now(?!\s+(?:and|or)\s+then)|currently|current(?=\s+\w)"
            r"|(?:more\s+)?recently|nowadays|these\s+days"
            r"|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|in\s+future"
            r"|(?:in\s+)?recent\s+(?:days|weeks|months|years|decades)|(?:the\s+)?coming\s+"
            r"(?:days|weeks|months|years|decades)|a\s+later\s+(?:date|time|stage)",
            unplaced,
        ),
    ]
    return {r.name: r for r in table}
