"""Read models: counts and orderings the reading pages need, kept true on every write.

The reading pages must cost the same whether the archive holds a thousand articles or millions,
so nothing they show is aggregated over all of an entity's mentions at request time. Instead:

- `EntityArticle`: one row per entity per article it is named or quoted in, ordered newest first
  on an index (an entity's articles, its quotes, who appears with it);
- `EntityStats`: an entity's article, mention and quote counts, first and last seen (the indexes'
  orderings, the panel's figures);
- `EntityMonth`: the articles naming an entity in each month of publication (its attention over
  time, drawn on its page);
- `PeriodArticle` and `PeriodStats`: the articles each year, month and day holds through their
  dates, and how many (the timeline, the date pages).

Every row is a function of the annotations. `refresh.refresh_articles()` recomputes the rows of
the articles a write touched, in the writer's transaction, and applies the difference to the
counters; `rebuild.rebuild_read_models()` recomputes everything with the same SQL, and
`rebuild.drift()` compares what is stored with what the annotations say.
"""
