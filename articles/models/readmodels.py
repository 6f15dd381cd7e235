"""Read models: what the reading pages would otherwise aggregate over the whole archive.

Each table here is derived from the annotations (mentions, quotes, dates) and kept true by
`articles.readmodels.refresh` in the same transaction as every write that changes them; `manage.py
rebuild_read_models` recomputes them from scratch and `--check` reports any drift. No code writes
them otherwise, and no page writes at all.
"""

from django.db import models
from django.db.models import F, Q

from articles.models.articles import Article
from articles.models.entities import Entity
from articles.nlp.kinds import KIND_CHOICES

REVISIONS = "articles_readmodel_revision"  # the sequence revisions are drawn from


class NextRevision(models.Func):
    """A value never drawn before, from one sequence for every read model: a row's `revision`
    names what the row and the pages built on it said at one time. A rebuild writes new rows
    with new values, so a page kept under an old revision is never found again."""

    template = f"nextval('{REVISIONS}')"
    output_field = models.BigIntegerField()

    def __init__(self) -> None:
        super().__init__()


def newest_first(*keys: str, name: str, condition: Q | None = None) -> models.Index:
    """An index of rows by `keys`, then their articles newest first (undated last), as the
    pages read them from a cursor (articles.reading.keyset)."""
    return models.Index(
        *(F(key) for key in keys),
        F("published").desc(nulls_last=True),
        F("article").desc(),
        condition=condition,
        name=name,
    )


class EntityArticle(models.Model):
    """An entity in one article: named there (mentions) or speaking there (quotes), or both.

    The entity panel's article list and quote list walk these rows newest first on an index, so
    they cost the same for an entity in ten articles or in a third of the archive.
    """

    pk = models.CompositePrimaryKey("entity", "article")
    # The primary key's index leads with the entity; the article's index (below) serves
    # refreshes and "appears with", which reads it alone. No database constraint on the keys:
    # checking millions of derived rows one by one would dominate a rebuild, Django still
    # deletes the rows with their entity or article, and the drift check would see a stray one.
    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    published = models.DateField(null=True, help_text="The article's, copied for ordering.")
    mention_count = models.PositiveIntegerField(help_text="Active mentions of it in the article.")
    quote_count = models.PositiveIntegerField(help_text="Active quotes it speaks in the article.")
    first_start = models.PositiveIntegerField(null=True, help_text="Its first mention's offsets.")
    first_end = models.PositiveIntegerField(null=True)

    class Meta:
        indexes = [
            newest_first(
                "entity", condition=Q(mention_count__gt=0), name="entityarticle_named_idx"
            ),
            newest_first("entity", condition=Q(quote_count__gt=0), name="entityarticle_quoted_idx"),
            models.Index(
                fields=["article", "entity"],
                include=["mention_count"],
                name="entityarticle_article_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"entity {self.entity_id} in article {self.article_id}"


class EntityStats(models.Model):
    """An entity's counts and first and last appearance, and its kind copied for the indexes.

    A table of its own rather than columns on Entity: ingest updates these counters while editors
    hold locks on entity rows, and the two must not wait on each other.
    """

    entity = models.OneToOneField(
        Entity,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="stats",
        db_constraint=False,  # as EntityArticle's keys
    )
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    article_count = models.IntegerField(help_text="Articles naming it.")
    mention_count = models.IntegerField()
    quote_count = models.IntegerField(help_text="Quotes it speaks.")
    first_seen = models.DateField(null=True, help_text="Earliest publication date naming it.")
    last_seen = models.DateField(null=True)
    revision = models.BigIntegerField(
        db_default=NextRevision(),
        help_text="Drawn anew by every write to an article naming it, or to the entity itself: "
        "what its panel shows is kept under it (articles.reading.panels).",
    )

    class Meta:
        verbose_name_plural = "entity stats"
        indexes = [
            models.Index(
                F("kind"),
                F("article_count").desc(),
                F("entity").desc(),
                condition=Q(article_count__gt=0),
                name="entitystats_kind_count_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"entity {self.entity_id}: {self.article_count} articles"


class EntityMonth(models.Model):
    """How many articles published in a calendar month name an entity: its attention over time.

    The entity page draws one bar a month over the entity's whole life from these rows, a few
    hundred at most, where counting its articles would read a third of the archive."""

    pk = models.CompositePrimaryKey("entity", "month")
    # The primary key's index leads with the entity; no constraint, as EntityArticle's keys.
    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    month = models.DateField(help_text="The first day of the month of publication.")
    article_count = models.IntegerField(help_text="Articles published that month naming it.")
    mention_count = models.IntegerField(help_text="Its active mentions in them.")

    def __str__(self) -> str:
        return f"entity {self.entity_id} in {self.month:%Y-%m}: {self.article_count} articles"


class PeriodGranularity(models.TextChoices):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class PeriodArticle(models.Model):
    """An article placed in a calendar period by one or more of its dates.

    A date falls in a period when its interval overlaps the period and is not much longer than it
    (see `articles.reading.periods`). The period pages walk these rows newest first on an index.
    """

    pk = models.CompositePrimaryKey("granularity", "period_start", "article")
    granularity = models.CharField(max_length=5, choices=PeriodGranularity.choices)
    period_start = models.DateField()
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    published = models.DateField(null=True, help_text="The article's, copied for ordering.")
    date_count = models.PositiveIntegerField(help_text="Its dates in the period.")
    first_start = models.PositiveIntegerField(help_text="The first of its dates in the period.")
    first_end = models.PositiveIntegerField()

    class Meta:
        indexes = [
            newest_first("granularity", "period_start", name="periodarticle_newest_idx"),
        ]

    def __str__(self) -> str:
        return f"article {self.article_id} in {self.granularity} {self.period_start}"


class PeriodStats(models.Model):
    """How many articles a calendar period holds: the timeline's cells and the pages' counts."""

    pk = models.CompositePrimaryKey("granularity", "period_start")
    granularity = models.CharField(max_length=5, choices=PeriodGranularity.choices)
    period_start = models.DateField()
    article_count = models.IntegerField()
    revision = models.BigIntegerField(
        db_default=NextRevision(),
        help_text="Drawn anew by every write to an article with a date in the period.",
    )

    class Meta:
        verbose_name_plural = "period stats"

    def __str__(self) -> str:
        return f"{self.granularity} {self.period_start}: {self.article_count} articles"


class QuoteArticle(models.Model):
    """Words quoted in one article (the quote ledger, `articles.reading.ledger`): a quote's
    appearances, earliest first, and how many there are, read on an index however often the
    words were repeated."""

    pk = models.CompositePrimaryKey("words", "article")
    words = models.CharField(max_length=32, help_text="The quotes' `words` digest.")
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    published = models.DateField(null=True, help_text="The article's, copied for ordering.")

    class Meta:
        indexes = [
            models.Index(
                F("words"),
                F("published").asc(nulls_last=True),
                F("article"),
                name="quotearticle_earliest_idx",
            ),
            models.Index(fields=["article"], name="quotearticle_article_idx"),
        ]

    def __str__(self) -> str:
        return f"words {self.words} in article {self.article_id}"
