"""Quotes and their speakers.

`find_quotes(doc, mentions, entity_of)` returns the quotes in a parsed body. A quote's span covers
the quoted words without the quote marks; its speaker is an entity index (into the article's
entities) or None, and `speaker_start`/`speaker_end` point at the words naming the speaker nearest
the quote (which may be a pronoun or a description such as "the general").

The stages, in the order `extraction.find_quotes` runs them over one document:
1. `marks`: quote marks are paired paragraph by paragraph into pieces of quoted words (curly,
   straight and old-newswire ``...'' marks). An opening mark left open at the end of a paragraph
   runs to the paragraph's end and continues into the next paragraph when that one opens with a
   mark (the newswire convention for a quotation of several paragraphs); every paragraph's part is
   its own quote, so that each span holds only quoted words. Each piece is direct (a sentence of
   its own) or partial (words inside the writer's sentence).
2. `cues`: a direct quote's speaker comes from a cue next to it in its sentence, a reporting verb
   ("said", "told", "added"), "according to" or a dash signature, and the speaker the cue names.
   `voices`: a partial quote's speaker is the subject of the writer's verb that governs it ("X
   called the plan 'a disaster'"), else a cue next to it. `speakers` turns the words a cue points
   at into a speaker (a subject, a passive agent, "who" after a name) and, at the end, a pronoun
   or a description into the entity it stands for.
3. `marks` again: pairs around a title, a nickname or a value in markup, with no cue of their own,
   are dropped: they quote nobody.
4. `paragraphs`: the parts of one quotation share the speaker any part found; a quote with no cue
   takes the latest speaker in the same or the previous paragraph.
5. `reported`: reported speech without quote marks ("X noted that ...") becomes an indirect quote.

`document` holds what the stages share (`Piece`, `Speaker`, `Context`); `words` loads the word
lists (speech verbs, title abbreviations) from data/quote_words.json.
"""

from articles.nlp.quotes.document import DIRECT, INDIRECT, PARTIAL, FoundQuote
from articles.nlp.quotes.extraction import find_quotes

__all__ = ["DIRECT", "INDIRECT", "PARTIAL", "FoundQuote", "find_quotes"]
