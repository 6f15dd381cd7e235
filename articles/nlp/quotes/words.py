"""The word lists quote extraction reads, from data/quote_words.json, loaded once per process.

The lists are data, not code: a newsroom that meets a new reporting verb ("quipped", "mused")
adds it there. Each list is turned into the set the stages test words against once, on first use.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

WORDS = Path(__file__).parent.parent / "data" / "quote_words.json"


@dataclass(frozen=True)
class QuoteWords:
    speech_verbs: frozenset[str]  # the cue of a quote next to them ("said", "told")
    voice_verbs: frozenset[str]  # whose subject speaks a partial quote they govern (speech too)
    speech_nouns: frozenset[str]  # whose possessor speaks a partial quote they govern ("claim")
    reported_speech_verbs: frozenset[str]  # take reported speech without marks ("noted that")
    title_abbreviations: dict[str, str]  # "gen" -> "general"
    work_title_leads: frozenset[str]  # before the title of a work in marks ("the book", "on")


@functools.cache
def quote_words() -> QuoteWords:
    lists = json.loads(WORDS.read_text(encoding="utf-8"))
    speech_verbs = frozenset(lists["speech_verbs"])
    return QuoteWords(
        speech_verbs=speech_verbs,
        voice_verbs=speech_verbs | frozenset(lists["voice_verbs"]),
        speech_nouns=frozenset(lists["speech_nouns"]),
        reported_speech_verbs=frozenset(lists["reported_speech_verbs"]),
        title_abbreviations=dict(lists["title_abbreviations"]),
        work_title_leads=frozenset(lists["work_title_leads"]),
    )
