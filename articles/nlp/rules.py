"""Entity rules that run after spaCy's `ner`: repair spans and kinds, and find people's roles.

Each rule fixes a mistake small models make in news copy:
- a maker's name before a model number is a product ("Airbus A380"), not the maker;
- a person's name cut short ("Qamar Javed" | "Bajwa") is joined up; titles and ranks are not
  part of a name ("Gen. Bajwa") but of the role;
- an organisation swallowing the person after it ("the High Council ... Abdullah Abdullah") is
  split where a first name starts;
- a nationality before an organisation named elsewhere ("Afghan Taliban") is split off;
- a name before a place noun ("Torkham and Chaman border crossings") is a place;
- a surname alone ("Ghafoor said") is a person when the article names that person in full;
- the role is the title before a name ("Afghan President Ashraf Ghani") or the appositive
  after it ("Lisa Curtis, then-senior director for ...").
Word lists live in data/entity_rules.json; titles come from the nameparser package.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from articles.nlp.entities import mark_certain
from articles.nlp.gazetteer import country_names, country_of_spelling, is_place_name
from articles.nlp.kind_cues import countries_as_places, people_by_who
from articles.nlp.possessives import split_at_possessives
from articles.nlp.products import product_spans

DATA = Path(__file__).parent / "data" / "entity_rules.json"

if not Span.has_extension("role"):
    Span.set_extension("role", default="")


@dataclass(frozen=True)
class WordLists:
    titles: frozenset[str]  # nameparser's titles and the ranks, casefolded
    ranks: frozenset[str]  # "gen", "colonel"
    jobs: frozenset[str]  # job nouns that make a role ("spokesman", "director")
    organisation_nouns: frozenset[str]  # words that end an organisation's name ("council")
    people_makers: frozenset[str]  # words before a maker that make it people ("the")
    connectors: frozenset[str]  # words inside a role ("of", "for")
    place_heads: frozenset[str]  # place nouns after a name ("border", "crossing")
    event_heads: frozenset[str]  # nouns that make a named event, not an organisation
    model_number: re.Pattern[str]  # a product's model number after its maker ("787-9")


@functools.cache
def word_lists() -> WordLists:
    from nameparser.config import CONSTANTS

    data = json.loads(DATA.read_text(encoding="utf-8"))
    titles = {title.casefold() for title in CONSTANTS.titles} | set(data["ranks"])
    return WordLists(
        titles=frozenset(titles),
        ranks=frozenset(data["ranks"]),
        jobs=frozenset(data["job_nouns"]),
        organisation_nouns=frozenset(data["organisation_nouns"]),
        people_makers=frozenset(data["people_makers"]),
        connectors=frozenset(data["role_connectors"]),
        place_heads=frozenset(data["place_heads"]),
        event_heads=frozenset(data["event_heads"]),
        model_number=re.compile(data["model_number"]),
    )


@functools.cache
def first_names() -> FirstNames:
    import gender_guesser.detector

    detector: FirstNames = gender_guesser.detector.Detector(case_sensitive=False)
    return detector


class FirstNames(Protocol):
    """What the rules ask of gender_guesser's detector (the package has no type information)."""

    def get_gender(self, name: str) -> str: ...


def bare(word: str) -> str:
    return word.casefold().rstrip(".")


def is_title(token: Token) -> bool:
    """A title or rank ("Gen.", "President"). nameparser's list holds common words too ("met"),
    so a title from it must be written with a capital."""
    word = bare(token.text)
    lists = word_lists()
    return word in lists.ranks or (word in lists.titles and is_capitalised(token))


def is_job(token: Token) -> bool:
    return bare(token.text) in word_lists().jobs


def is_capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def is_sure_first_name(token: Token) -> bool:
    """A first name for certain: no title ("Major"), and not one the detector finds only
    mostly or for both sexes ("Ling", "Bay")."""
    return not is_title(token) and first_names().get_gender(token.text) in ("male", "female")


def without_common_tail(doc: Doc, span: Span) -> Span:
    """A name ends in a word of the name, not in common nouns or a dash the model ran on into
    ("Interfax news agency", "BASEBALL -" before a headline's subject)."""
    end = span.end
    while end - span.start > 1 and (
        (doc[end - 1].is_alpha and doc[end - 1].is_lower) or doc[end - 1].text in ("-", "–", "—")
    ):
        end -= 1
    if end == span.end or not any(is_capitalised(token) for token in doc[span.start : end]):
        return span  # no name left to keep ("the national news agency"): not this rule's case
    return Span(doc, span.start, end, label=span.label_)


def is_first_name(word: str) -> bool:
    return first_names().get_gender(word) != "unknown"


class EntityRules:
    """Rewrites `doc.ents` with the repairs above and sets `span._.role` on people."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.ents)
        spans = self.products(doc, spans)
        spans = [piece for span in spans for piece in self.split_person_tail(doc, span)]
        spans = self.split_nationality(doc, spans)
        spans = [self.join_person(doc, span) for span in spans]
        spans = self.places_before_place_nouns(doc, spans)
        spans = self.surname_mentions(doc, spans)
        spans = split_at_possessives(doc, spans)
        spans = people_by_who(doc, countries_as_places(doc, spans))
        spans = [self.strip_titles(doc, span) for span in spans]
        spans = [without_common_tail(doc, span) for span in spans]
        spans = [self.organisation_by_apposition(doc, span) for span in spans]
        spans = [self.bands_and_countries_with_the(doc, span) for span in spans]
        doc.ents = filter_spans(spans)
        for span in doc.ents:
            if span.label_ == "PERSON":
                span._.role = self.role_of(doc, span)
        return doc

    # -- products -------------------------------------------------------------------------------
    def products(self, doc: Doc, spans: list[Span]) -> list[Span]:
        lists = word_lists()
        return product_spans(
            doc, spans, model_number=lists.model_number, event_heads=lists.event_heads
        )

    # -- organisations ------------------------------------------------------------------------
    def organisation_by_apposition(self, doc: Doc, span: Span) -> Span:
        """ "low-cost airline Ryanair", "the magazine Der Spiegel", "Ryanair, the Irish airline":
        a name that a noun calls an organisation is one, whatever the model took it for, and that
        settles its kind for the other mentions of the name (see `mark_certain`)."""
        if span.label_ not in ("ORG", "PERSON", "GPE", "LOC", "WORK_OF_ART"):
            return span
        nouns = word_lists().organisation_nouns
        before = span.start - 1
        if before >= 0 and doc[before].text == ",":
            before -= 1
        called = (
            before >= 0
            and doc[before].lower_ in nouns
            and doc[before].pos_ == "NOUN"
            # "film maker Jane Campion" is a person.
            and not (before >= 1 and doc[before - 1].lower_ in word_lists().people_makers)
        )
        called = called or any(
            child.dep_ == "appos" and child.lower_ in nouns and child.i >= span.end
            for child in span.root.children
        )
        if not called:
            return span
        organisation = Span(doc, span.start, span.end, label="ORG")
        mark_certain(doc, organisation)
        return organisation

    def bands_and_countries_with_the(self, doc: Doc, span: Span) -> Span:
        """ "the Beatles" is a group, not a person; "the US" is the country's name as written."""
        if span.start == 0 or doc[span.start - 1].lower_ != "the":
            return span
        if span.label_ == "PERSON" and len(span) == 1 and span[0].tag_ == "NNPS":
            return Span(doc, span.start, span.end, label="ORG")
        if span.label_ == "GPE" and span.text.replace(".", "").casefold() in country_of_spelling():
            return Span(doc, span.start - 1, span.end, label="GPE")
        return span

    # -- splitting ------------------------------------------------------------------------------
    def split_person_tail(self, doc: Doc, span: Span) -> list[Span]:
        """ "the High Council for National Reconciliation Abdullah Abdullah" -> ORG + PERSON.

        Only before a word that is surely a first name, and never inside a place's name: "New
        York Stock Exchange" is no "New" and a Mr York, "Major League" no Major League."""
        if span.label_ != "ORG" or len(span) < 4:
            return [span]
        for cut in range(span.start + 2, span.end - 1):
            tail = doc[cut : span.end]
            if (
                2 <= len(tail) <= 3
                and all(is_capitalised(t) and t.is_alpha for t in tail)
                and is_sure_first_name(doc[cut])
                and not is_place_name(doc[cut - 1 : cut + 1].text)
                and not doc[cut - 1].is_lower
                and doc[cut - 1].text not in {"of", "for", "the"}
            ):
                return [Span(doc, span.start, cut, label="ORG"), Span(doc, cut, span.end, "PERSON")]
        return [span]

    def split_nationality(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "Afghan Taliban" -> GROUP "Afghan" + ORG "Taliban" when "Taliban" stands alone too."""
        nationalities = {s.text for s in spans if s.label_ == "NORP"}
        names = {s.text for s in spans if s.label_ == "ORG" and len(s) >= 1}
        result = []
        for span in spans:
            start = span.start + (1 if span[0].lower_ == "the" else 0)
            if (
                span.label_ == "ORG"
                and span.end - start >= 2
                and doc[start].text in nationalities
                and doc[start + 1 : span.end].text in names
            ):
                result += [
                    Span(doc, start, start + 1, label="NORP"),
                    Span(doc, start + 1, span.end, label="ORG"),
                ]
            else:
                result.append(span)
        return result

    # -- people ---------------------------------------------------------------------------------
    def join_person(self, doc: Doc, span: Span) -> Span:
        """A person's name cut short: take the capitalised name words right after it."""
        if span.label_ != "PERSON":
            return span
        end = span.end
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and is_capitalised(doc[end])
            and doc[end].is_alpha
            and doc[end].ent_type_ in ("", "PERSON")
        ):
            end += 1
        return Span(doc, span.start, end, label="PERSON") if end > span.end else span

    def strip_titles(self, doc: Doc, span: Span) -> Span:
        """Titles and ranks lead into a name but are not part of it ("Gen. Bajwa")."""
        if (
            span.label_ in ("ORG", "WORK_OF_ART", "PRODUCT", "FAC", "NORP")
            and len(span) >= 3
            and (is_title(span[0]) or bare(span[0].text) in word_lists().jobs)
            and is_first_name(span[1].text)
        ):
            span = Span(doc, span.start, span.end, label="PERSON")  # "Spokeswoman Sandy Angers"
        if span.label_ != "PERSON":
            return span
        start = span.start
        while start < span.end - 1 and (
            is_title(doc[start]) or is_job(doc[start]) or doc[start].lower_ == "the"
        ):
            start += 1
        if start == span.start:
            return span
        return Span(doc, start, span.end, label="PERSON")

    def surname_mentions(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A capitalised word alone that is the surname of a person named in full is that person."""
        surnames = {
            span[-1].text
            for span in spans
            if span.label_ == "PERSON" and len(span) >= 2 and not is_title(span[-1])
        } - country_names()
        if not surnames:
            return spans
        kept = []
        for span in spans:
            if len(span) == 1 and span.text in surnames and span.label_ == "ORG":
                span = Span(doc, span.start, span.end, label="PERSON")  # "Jobs" tagged ORG
            kept.append(span)
        taken = {i for span in kept for i in range(span.start, span.end)}
        added = [
            Span(doc, token.i, token.i + 1, label="PERSON")
            for token in doc
            if token.i not in taken and token.text in surnames and token.pos_ == "PROPN"
        ]
        return kept + added

    # -- places ---------------------------------------------------------------------------------
    def places_before_place_nouns(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "the Torkham and Chaman border crossings": names modifying a place noun are places."""
        heads = word_lists().place_heads
        result = []
        for span in spans:
            root = span.root
            head = root.head.head if root.dep_ == "conj" else root.head
            if (
                span.label_ in ("ORG", "PERSON")
                and root.dep_ in ("compound", "nmod", "conj")
                and head.lower_ in heads
                and head.i >= span.end
                and head.i - span.end <= 4
            ):
                result.append(Span(doc, span.start, span.end, label="FAC"))
            else:
                result.append(span)
        return result

    # -- roles ----------------------------------------------------------------------------------
    def role_of(self, doc: Doc, span: Span) -> str:
        return self.role_before(doc, span) or self.role_after(doc, span)

    def role_before(self, doc: Doc, span: Span) -> str:
        """The title words right before a name, within its sentence."""
        lists = word_lists()
        start = span.start
        sentence_start = span.sent.start
        while start > sentence_start:
            token = doc[start - 1]
            word = bare(token.text)
            if token.text == "." and start - 2 >= sentence_start and doc[start - 2].is_alpha:
                start -= 1  # the full stop of an abbreviation split off by the tokenizer ("Lt .")
                continue
            if token.is_punct:
                break
            if token.ent_type_ == "PERSON":
                break  # another person's name: "... Bajwa met Afghan President Ashraf Ghani"
            if is_capitalised(token) or is_job(token) or is_title(token):
                start -= 1
                continue
            # Connectors ("of the") belong to a title only between title words.
            before = start - 1
            while before > sentence_start and doc[before - 1].lower_ in lists.connectors:
                before -= 1
            if (
                word in lists.connectors
                and before > sentence_start
                and (is_capitalised(doc[before - 1]) or bare(doc[before - 1].text) in lists.jobs)
            ):
                start = before
            else:
                break
        while start < span.start and (doc[start].lower_ in lists.connectors or doc[start].is_punct):
            start += 1
        words = doc[start : span.start]
        if not len(words):
            return ""
        # "Army Chief of Staff Gen." -> "Army Chief of Staff": a rank after a job is not the role.
        has_job = any(bare(t.text) in lists.jobs for t in words)
        end = len(words)
        while (
            has_job
            and end > 1
            and (bare(words[end - 1].text) in lists.ranks or words[end - 1].text == ".")
        ):
            end -= 1
        role = words[:end]
        if not any(bare(t.text) in lists.jobs or is_title(t) for t in role):
            return ""  # capitalised words that are no title: "Airbus", a place, another name
        return role.text

    def role_after(self, doc: Doc, span: Span) -> str:
        """The appositive after a name: "Lisa Curtis, then-senior director for ..., said"."""
        if span.end + 2 >= len(doc) or doc[span.end].text != ",":
            return ""
        lists = word_lists()
        start = span.end + 1
        end = start
        while end < span.sent.end and doc[end].text not in {",", ";", "(", ")", "—", "–"}:
            end += 1
        words = doc[start:end]
        if not (1 <= len(words) <= 20) or end >= span.sent.end or doc[end].text != ",":
            return ""
        if words[0].pos_ in ("VERB", "AUX") or not any(
            bare(t.text.split("-")[-1]) in lists.jobs for t in words
        ):
            return ""
        return words.text.removeprefix("a ").removeprefix("the ")


@Language.factory(
    "newsdesk_entity_rules", assigns=["doc.ents", "span._.role"], requires=["doc.ents"]
)
def make_entity_rules(nlp: Language, name: str) -> EntityRules:
    return EntityRules(nlp, name)
