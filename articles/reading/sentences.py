"""The sentence around a span of an article body, for showing a mention in context."""

import re

# A sentence ends at . ! or ? (and any closing quote or bracket) before a space and a capital, or
# at a paragraph break; a full stop after an abbreviation ("U.S.", "Gen.") is no end. Good enough
# for a line of context; the pipeline's own sentences come from the parser.
BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
ABBREVIATION = re.compile(
    r"\b(?:[A-Z]|Gen|Lt|Col|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|St|No|Jan|Feb|Mar|Apr|Jun"
    r"|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs)\.$"
)
MAX_LENGTH = 320


def sentence_around(body: str, start: int, end: int) -> tuple[str, str, str]:
    """(text before the span, the span, text after) within the span's sentence, trimmed."""
    sentence_start = 0
    for match in BOUNDARY.finditer(body, max(0, start - 2000), min(len(body), start + 2)):
        if match.end() <= start and not ABBREVIATION.search(
            body[max(0, match.start() - 6) : match.start()]
        ):
            sentence_start = match.end()
    sentence_end = len(body)
    for match in BOUNDARY.finditer(body, end):
        if not ABBREVIATION.search(body[max(0, match.start() - 6) : match.start()]):
            sentence_end = match.start()
            break
    before = body[sentence_start:start].lstrip()
    after = body[end:sentence_end].rstrip()
    if len(before) > MAX_LENGTH // 2:
        before = "…" + before[-(MAX_LENGTH // 2) :].split(" ", 1)[-1]
    if len(after) > MAX_LENGTH // 2:
        after = after[: MAX_LENGTH // 2].rsplit(" ", 1)[0] + "…"
    return before, body[start:end], after
