"""A synthetic archive for benchmarks: invented articles, entities, dates and quotes, written fast.

Nothing here runs the NLP pipeline. Bodies are put together from sentence templates, and every
span (mention, date, quote) is recorded while its text is appended, so `body[start:end] == text`
holds by construction. Entities come from an invented pool whose popularity is skewed as in a
real archive: a few house entities in up to a third of the articles, then a long Zipf tail.

Synthetic articles say so: the headline starts with "[Synthetic]", the byline is the synthetic
archive's, and `pipeline_version` is "synthetic", which is how a real archive is told apart and
protected (`generate_archive` refuses to write into one unless forced).

The modules: `names` (the entity pool and its skew), `templates` (sentences), `dates`, `bodies`
(composing an article), `storing` (COPY into the archive), `loading` (what makes a large load
cheap: session settings, indexes set aside) and `generation` (a run, in parallel processes).
"""

from bench.synthetic.bodies import HEADLINE_PREFIX, ArticleDraft, compose_article
from bench.synthetic.generation import (
    GeneratedArchive,
    RealArticlesPresent,
    generate_archive,
    last_serial,
    real_articles,
)
from bench.synthetic.names import HOUSE_ENTITIES, EntityPool, invent_entity_pool
from bench.synthetic.storing import SYNTHETIC_BYLINE, SYNTHETIC_VERSION, SpanMismatch

__all__ = [
    "HEADLINE_PREFIX",
    "HOUSE_ENTITIES",
    "SYNTHETIC_BYLINE",
    "SYNTHETIC_VERSION",
    "ArticleDraft",
    "EntityPool",
    "GeneratedArchive",
    "RealArticlesPresent",
    "SpanMismatch",
    "compose_article",
    "generate_archive",
    "invent_entity_pool",
    "last_serial",
    "real_articles",
]
