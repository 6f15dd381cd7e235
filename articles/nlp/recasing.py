"""Lines written in capitals, re-cased as the rest of the article writes their words.

Wire copy puts headlines, datelines and sports tables in capitals ("SOCCER - SHEARER NAMED AS
ENGLAND CAPTAIN.", "SEATTLE 70 63 .526 5"). A small model reads capitals as acronyms or products and
misses the names in them, so the model is run on a copy where each such line is written as title
case text would be, and the annotations are put back on the original: the copy has the same length
character for character, so every offset holds for both.

How a word in capitals is written comes first from the article itself (a word the other lines
write "beat" or "NATO" is written so), then from the word: short function words in lower case,
words without a vowel kept as acronyms ("NFL", "WBO"), every other word capitalised.
"""

from __future__ import annotations

import re
from collections import Counter

LETTERS = re.compile(r"[^\W\d_]+")
LINE = re.compile(r"[^\n]+")
VOWELS = frozenset("AEIOUY")
# Function words title case writes in lower case, unless they open the line.
SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of off on onto or over per than the to up upon v vs "
    "via with".split()
)


def is_shouted(line: str) -> bool:
    """A line with letters, all of them capitals, and at least one word of two or more."""
    words = LETTERS.findall(line)
    return (
        bool(words)
        and not any(ch.islower() for ch in line)
        and any(len(word) >= 2 and word.isupper() for word in words)
    )


def usual_forms(text: str) -> dict[str, str]:
    """The way the article's ordinary lines most often write each word, by its casefolded form."""
    forms: dict[str, Counter[str]] = {}
    for line in LINE.findall(text):
        if is_shouted(line):
            continue
        for match in LETTERS.finditer(line):
            word = match.group()
            at_sentence_start = not line[: match.start()].strip() or line[
                : match.start()
            ].rstrip().endswith((".", "!", "?", ":", '"', "“"))
            if at_sentence_start and not word.isupper():
                continue  # "The" at a sentence start says nothing of how "the" is written
            forms.setdefault(word.casefold(), Counter())[word] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in forms.items()}


def written_form(word: str, usual: dict[str, str], *, opens_line: bool, after: str) -> str:
    """How a word in capitals is written in title case; `after` is the character before it."""
    known = usual.get(word.casefold()) if len(word) >= 2 else None
    if known is not None and len(known) == len(word):
        return known[0].upper() + known[1:] if opens_line else known
    if after in "'’" and len(word) <= 2:
        return word.lower()  # "FRIDAY 'S", "DON'T"
    if not opens_line and word.casefold() in SMALL_WORDS:
        return word.lower()
    if len(word) >= 2 and not VOWELS.intersection(word):
        return word  # an acronym: "NFL", "PCT"
    return word[0] + word[1:].lower()


def recased(text: str) -> str:
    """The text with every line in capitals re-cased; the same length, so offsets still hold."""
    lines = [match for match in LINE.finditer(text) if is_shouted(match.group())]
    if not lines:
        return text
    usual = usual_forms(text)
    characters = list(text)
    for line in lines:
        for number, match in enumerate(LETTERS.finditer(line.group())):
            start = line.start() + match.start()
            before = text[start - 1] if start > line.start() else ""
            form = written_form(match.group(), usual, opens_line=number == 0, after=before)
            if len(form) == len(match.group()):  # a few letters change length in lower case
                characters[start : start + len(form)] = form
    return "".join(characters)
