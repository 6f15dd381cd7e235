"""Wire copy's own structure: the dateline and the results lines of sports pages.

Agency copy opens with a dateline, on a line of its own ("LONDON 1996-08-30", "MILWAUKEE,
Wisconsin 1996-08-29") or leading the first paragraph ("NAIROBI, Kenya (AP) _", "FLINT, Mich.,
Oct. 4 (UPI) -"). Its place is where the story was filed: a place whatever the model makes of it
(a name before a number reads to a small model like a maker before a model number), a kind that
other mentions of the name do not overrule ("NEW YORK" is the dateline above a table where "NEW
YORK 74 59" is a team). Its date, when it gives one in full, is the publication date.

A results line ("Somerset 83 and 174 (P. Simmons 4-38), Leicestershire 296", "SEATTLE 70 63 .526")
names teams and players before their scores. A place there is a team, a name with an initial is a
player, and the score is no part of either.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from articles.nlp.entities import mark_certain, mark_fixed
from articles.nlp.gazetteer import country_names, is_place_name
from articles.nlp.structure import parse_date

DATELINE = "newsdesk_dateline"  # doc.user_data key: the Dateline found, as a tuple

NAME = r"[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}"
MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# "LONDON 1996-08-30" or "MILWAUKEE, Wisconsin 1996-08-29", a line of its own.
LINE_DATELINE = re.compile(
    rf"^(?P<place>{NAME})(?:,[ \t](?P<region>{NAME}))?[ \t]+"
    r"(?P<date>\d{4}-\d{2}-\d{2})[ \t]*$",
    re.MULTILINE,
)
# "NAIROBI, Kenya (AP) _", "HEMPSTEAD, N.Y., Sept. 26 (UPI) -": the first paragraph's lead.
AGENCY_DATELINE = re.compile(
    rf"^(?P<place>{NAME})(?:,[ \t](?P<region>{NAME}))?,?(?:[ \t]{MONTH}[ \t]\d{{1,2}})?"
    r"[ \t]\((?P<agency>[A-Z][\w&. -]{0,30})\)[ \t]*[-—–_]",
    re.MULTILINE,
)
DATELINE_LINES = 4  # a dateline sits under the headline and byline, never deeper

SCORE = re.compile(r"^(?:\d{1,3}(?:-\d{1,3})?|\.\d{3})$")  # "70", "4-38", "429-7", ".556"
NUMBER = re.compile(r"(?<![\w.])[\d.][\d.,/-]*(?![\w])")
LOWER_WORD = re.compile(r"(?<![\w'’])[a-z]+\b")
INITIAL = re.compile(r"^[A-Z]\.$")
LINE = re.compile(r"[^\n]+")
TEAM_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PRODUCT", "NORP"})


@dataclass(frozen=True)
class Dateline:
    start: int  # the dateline's characters in the text
    end: int
    places: tuple[tuple[int, int], ...]  # the place and its region
    agency: tuple[int, int] | None
    published: dt.date | None


def find_dateline(text: str) -> Dateline | None:
    """The dateline among the first lines of the text, or None."""
    for pattern in (LINE_DATELINE, AGENCY_DATELINE):
        for match in pattern.finditer(text):
            above = [line for line in text[: match.start()].split("\n") if line.strip()]
            if len(above) >= DATELINE_LINES:
                break
            return dateline_of(match)
    return None


def dateline_of(match: re.Match[str]) -> Dateline:
    places = tuple(match.span(group) for group in ("place", "region") if match.group(group))
    groups = match.groupdict()
    published = None
    if groups.get("date"):
        try:
            published = dt.date.fromisoformat(groups["date"])
        except ValueError:
            published = None
    agency = match.span("agency") if groups.get("agency") else None
    return Dateline(match.start(), match.end(), places, agency, published)


def is_results_line(line: str) -> bool:
    """Scores outnumber words: at least two numbers, no more lower-case words than numbers."""
    numbers = len(NUMBER.findall(line))
    return numbers >= 2 and len(LOWER_WORD.findall(line)) <= numbers


def results_lines(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in LINE.finditer(text) if is_results_line(m.group())]


class WireCopy:
    """Sets the dateline's place and agency, and the teams and players of results lines."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.ents)
        dateline = find_dateline(doc.text)
        if dateline is not None:
            spans = self.with_dateline(doc, spans, dateline)
        lines = results_lines(doc.text)
        if lines:
            spans = [self.on_results_line(doc, span, lines) for span in spans]
            spans = self.missed_on_results_lines(doc, spans, lines)
        doc.ents = filter_spans(spans)
        return doc

    def with_dateline(self, doc: Doc, spans: list[Span], dateline: Dateline) -> list[Span]:
        found = [
            doc.char_span(start, end, label=label, alignment_mode="expand")
            for (start, end), label in [(place, "GPE") for place in dateline.places]
            + ([(dateline.agency, "ORG")] if dateline.agency else [])
        ]
        named = [span for span in found if span is not None]
        if not named:
            return spans
        doc.user_data[DATELINE] = (
            named[0].start_char,
            named[0].end_char,
            dateline.published.isoformat() if dateline.published else None,
        )
        for span in named:
            mark_fixed(doc, span)
        kept = [
            span
            for span in spans
            if span.end_char <= dateline.start or span.start_char >= dateline.end
        ]
        return kept + named

    def on_results_line(self, doc: Doc, span: Span, lines: list[tuple[int, int]]) -> Span:
        """A name before its score on a results line: a team, or a player ("M. Butcher 70")."""
        if not any(start <= span.start_char and span.end_char <= end for start, end in lines):
            return span
        end = span.end
        while end > span.start + 1 and SCORE.match(doc[end - 1].text):
            end -= 1  # "Durham 114" taken as one name
        if end == span.end and not (end < len(doc) and SCORE.match(doc[end].text)):
            return span
        label = span.label_
        if INITIAL.match(span[0].text) and end - span.start >= 2:
            label = "PERSON"
        elif label in TEAM_LABELS and doc[span.start : end].text not in country_names():
            label = "ORG"
        elif label not in ("PERSON", "GPE"):
            return span
        named = Span(doc, span.start, end, label=label)
        mark_certain(doc, named)  # the score says so; nor is the score a model number
        return named

    def missed_on_results_lines(
        self, doc: Doc, spans: list[Span], lines: list[tuple[int, int]]
    ) -> list[Span]:
        """Names before scores the model missed or cut: a player named with an initial ("R.
        Hartley 12"), a team named after its city ("Newport 13")."""
        found = []
        for start, end in lines:
            line = doc.char_span(start, end, alignment_mode="contract")
            if line is None:
                continue
            for token in line[1:]:
                if not SCORE.match(token.text) or token.i - 1 < line.start:
                    continue
                first = token.i
                while first > line.start and token.i - first < 4 and is_name_word(doc[first - 1]):
                    first -= 1
                if (named := self.named_before_score(doc, first, token.i)) is not None:
                    found.append(named)
        taken = {i for span in found for i in range(span.start, span.end)}
        kept = [s for s in spans if not any(i in taken for i in range(s.start, s.end))]
        return kept + found

    def named_before_score(self, doc: Doc, start: int, end: int) -> Span | None:
        if end - start < 1:
            return None
        name = doc[start:end]
        if INITIAL.match(name[0].text) and len(name) >= 2 and not INITIAL.match(name[-1].text):
            label = "PERSON"
        elif is_place_name(name.text) and name.text not in country_names():
            label = "ORG"
        else:
            return None
        named = Span(doc, start, end, label=label)
        mark_certain(doc, named)
        return named


def is_name_word(token: Token) -> bool:
    """A capitalised word of a name, or an initial."""
    text = token.text
    return bool(INITIAL.match(text)) or (
        text[:1].isupper() and text.replace("-", "").replace("'", "").isalpha()
    )


def dateline_published(doc: Doc) -> dt.date | None:
    """The publication date the dateline gives, if any: the wire dateline's ("LONDON
    1996-08-30"), else a date alone on a line under the headline ("June 13, 2005")."""
    found = doc.user_data.get(DATELINE)
    if found and found[2]:
        return dt.date.fromisoformat(found[2])
    lines = (line for line in doc.text.split("\n") if line.strip())
    for line in itertools.islice(lines, DATELINE_LINES):
        if (date := parse_date(line)) is not None:
            return date
    return None


@Language.factory("newsdesk_wire", assigns=["doc.ents"], requires=["doc.ents"])
def make_wire_copy(nlp: Language, name: str) -> WireCopy:
    return WireCopy(nlp, name)
