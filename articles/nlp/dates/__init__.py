"""Date expressions and the calendar intervals they mean.

Dates are the points and periods of the calendar that TimeML calls DATE: "June 9, 2020", "last
week", "the third quarter", "the 1990s", and the present/past/future references ("now",
"recently", "the future") that cannot be placed but that readers still expect marked. Durations
("three years"), times of day and frequencies ("every week") are not dates.

How it works, and why:
- Detection is a table of regular expressions over the text (`rules`, patterns as data; the words
  they use are data in `articles/nlp/data/date_words.json`, read by `vocabulary`), not the model's
  DATE entities: a blank pipeline finds dates too, which is what `interval_of` relies on. A rule
  only runs near its trigger words, so most of an article is never read by most patterns.
- Matches that look like dates but are not ("may", "$1990", "a fall in prices") are filtered out
  (`plausibility`). When the model has run, its numeric entities also rule out counts that look
  like years ("hired 2000 workers"), and its parse gives the tense of the clause (`context`);
  without it, the words of the clause decide.
- Every rule has a resolver (`resolvers`) that turns its match into an interval (`periods`),
  using the publication date for relative expressions. News conventions: a bare weekday or month
  is the most recent one unless the clause speaks of the future ("will", "scheduled", "by"); a
  day without a year is the nearest one.
- Qualifiers like "early", "late" or "the end of" keep the whole period: "late November" is placed
  in November, which is what a reader searching by date wants.
- Earnings reports speak of "the quarter" and "a year ago" meaning the quarter under discussion and
  the same quarter a year before, so the last quarter named in the text is kept as context.
- `find_dates` (`stage`) runs the above on an annotated Doc in text order, adds the ranges the
  dates form ("from March to June 2020") and leaves out the article's dateline.
"""

from articles.nlp.dates.stage import FoundDate, find_dates, interval_of, tokenizer_only

__all__ = ["FoundDate", "find_dates", "interval_of", "tokenizer_only"]
