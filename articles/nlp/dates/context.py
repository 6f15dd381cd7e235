"""What a date expression is read against: the article around it.

A matched expression (`Hit`) is resolved in a `Context`: the publication date, the tense of its
clause (past or future, from the words before it or from the parse when the model has run), the
spans the model calls numbers, the quarter under discussion and the last date given in full.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from articles.nlp.dates.periods import Interval


@dataclass
class Hit:
    """A matched expression on its way to a FoundDate."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]  # the pattern's named groups; "" for one that did not match
    value: Interval | None = None
    explicit_year: bool = True


# Words right before a date that point forward ("by Friday", "payable Dec. 1").
TIME_OF_DAY = r"(?:\d{1,2}(?::\d\d)?\s*(?:[ap]\.m\.|noon)\s*(?:[A-Z]{3}\s+)?)?"
FUTURE_BEFORE = re.compile(
    r"\b(?:(?:by|until|till|effective|payable|starting|beginning|expires?|record|"
    rf"as\s+(?:soon|early)\s+as)\s+(?:on\s+)?|(?:until|till)\s+the\s+){TIME_OF_DAY}$",
    re.I,
)
# ...and words that point back ("since Jan. 13", "the year ended March 31").
PAST_BEFORE = re.compile(r"\b(?:since|ended|ending|through|as\s+of)\s+(?:on\s+)?$", re.I)
# Words earlier in the clause that put it in the future ("will meet Monday"), when no parse says.
FUTURE_CLAUSE = re.compile(
    r"\b(?:will|won't|wo\s+n't|shall|would|going\s+to|scheduled|planned|plans?\s+to|set\s+to|"
    r"due\s+to|expected\s+to|expects?\s+to|(?:is|are)\s+to|to\s+be\s+held|upcoming|"
    r"as\s+(?:soon|early)\s+as)\b|'ll\b",
    re.I,
)
# A plan or a schedule, told in the past, for a time still to come ("has scheduled a news
# conference Thursday", "the vote was planned for March").
PLANNED = re.compile(r"\b(?:scheduled|planned)\b", re.I)
# Clause ends; a full stop only when it is not part of "a.m." or an initial.
CLAUSE_BOUNDARY = re.compile(r"(?<![ap]\.m)(?<!\b[A-Z])[.;:!?](?=\s)|[,\"“”()]|``|''|\n")
FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo", "would", "'d"}
PRESENT_PERFECT = {"has", "have", "'s", "'ve"}
# Infinitives that take the time of the clause they serve rather than pointing ahead: of purpose
# ("to mark the day") and after a noun ("the first to sign", "offers to buy"); "plans to leave"
# (xcomp) still points ahead.
INHERITING_INFINITIVES = frozenset({"advcl", "relcl"})
NUMERIC_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL", "PRODUCT"}


@dataclass
class Context:
    doc: Doc
    published: dt.date | None
    text: str = ""
    numeric: list[tuple[int, int]] = field(default_factory=list)  # spans the model calls numbers
    quarter: tuple[int, int] | None = None  # (year, quarter) last reported in the text
    quarter_at: int = -(10**9)  # where it was named
    anchor: Interval | None = None  # the last date given in full, for "the following year"
    anchor_end: int = -1  # where that date's words end

    def __post_init__(self) -> None:
        self.text = self.doc.text
        self.numeric = [
            (e.start_char, e.end_char) for e in self.doc.ents if e.label_ in NUMERIC_LABELS
        ]
        self.parsed = self.doc.has_annotation("DEP") and self.doc.has_annotation("TAG")
        self.starts = [token.idx for token in self.doc] if self.parsed else []

    def tense(self, start: int, trust_past: bool = True) -> str | None:
        """ "past", "future" or None (unknown or present) for the clause of the date at `start`.

        The words right before the date decide first ("payable Dec. 1", "since Jan. 13"), then the
        verb it hangs on. A past verb is weak evidence for a day named without a year ("set
        Nov. 10 as the deadline"), so resolvers may choose to ignore it (`trust_past`).
        """
        before = self.text[max(0, start - 200) : start]
        if FUTURE_BEFORE.search(before):
            return "future"
        if PAST_BEFORE.search(before):
            return "past"
        said = self.parsed_tense(start) if self.parsed else None
        boundaries = list(CLAUSE_BOUNDARY.finditer(before))
        clause = before[boundaries[-1].end() :] if boundaries else before
        if said == "past" and PLANNED.search(clause):
            return "future"  # "was planned for early March": a plan made, for a time to come
        if said == "future" or (said == "past" and trust_past):
            return said
        if said is None and FUTURE_CLAUSE.search(clause):
            return "future"
        return None

    def token_at(self, start: int) -> Token:
        """The token holding the character at `start` (the parse must have run)."""
        return self.doc[max(0, bisect.bisect_right(self.starts, start) - 1)]

    def modifies_a_noun(self, start: int) -> bool:
        """Whether the word at `start` is the parse's modifier of the common noun right after it
        ("a June agreement"), and no name the model found ("the May government" is a person's)."""
        if not self.parsed:
            return False
        token = self.token_at(start)
        if token.i + 1 >= len(self.doc):
            return False
        following = token.nbor()
        return (
            following.pos_ == "NOUN"
            and following.is_lower
            and token.head == following
            and token.ent_type_ in ("", "DATE")
        )

    def parsed_tense(self, start: int) -> str | None:
        """The tense of the verb the date hangs on: "said Friday", "will meet Monday"."""
        token = self.token_at(start)
        for _ in range(6):
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                break
            token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            return None
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in auxiliaries}
        if token.tag_ == "VB" and "to" in words and token.dep_ in INHERITING_INFINITIVES:
            # "the first to sign on Friday were", "came to mark the day on Friday": an
            # infinitive of purpose or after a noun happens when the clause it serves does.
            head = token.head
            for _ in range(3):
                if head.pos_ in ("VERB", "AUX") or head.head is head:
                    break
                head = head.head
            if head is not token and head.pos_ in ("VERB", "AUX"):
                return self.verb_tense(head)
        return self.verb_tense(token)

    @staticmethod
    def verb_tense(token: Token) -> str | None:
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in auxiliaries}
        if words & FUTURE_AUXILIARIES or (token.tag_ == "VB" and "to" in words):
            return "future"  # "will meet", "plans to leave", "is to resume"
        if token.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxiliaries):
            return "past"  # "said", "was announced", "had filed"
        if token.tag_ == "VBN" and words & PRESENT_PERFECT:
            return "past"  # "has fallen"
        return None

    def is_numeric(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.numeric)

    def in_quarter_talk(self, start: int) -> bool:
        """A quarter was named recently enough that "a year ago" compares with it."""
        return self.quarter_talked_of(start) is not None

    def quarter_talked_of(self, start: int) -> tuple[int, int] | None:
        """The quarter "a year ago" at `start` compares with, if one was named recently enough."""
        if self.quarter is not None and start - self.quarter_at < 1000:
            return self.quarter
        return None
