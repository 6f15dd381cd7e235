"""Spans of an article body: entity mentions, date mentions and quotes.

Offsets (`start`, `end`) are Python string indices into `Article.body`: `start` inclusive, `end`
exclusive, and `body[start:end] == text`. The database checks this on every write (see the
`check_span` trigger in migration 0002), so no code path can store a span that points nowhere.
"""

from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import MD5, Lower, Trim

from articles.models.articles import Article
from articles.models.entities import Entity


class Origin(models.TextChoices):
    MODEL = "model"
    RULE = "rule"
    EDITOR = "editor"


class Granularity(models.TextChoices):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


def span_constraints(prefix: str) -> list[models.BaseConstraint]:
    """Constraints every span table shares: ordered offsets, one row per span per article."""
    return [
        models.CheckConstraint(
            condition=Q(start__gte=0) & Q(end__gt=F("start")), name=f"{prefix}_offsets_ordered"
        ),
        models.UniqueConstraint(fields=["article", "start", "end"], name=f"{prefix}_one_per_span"),
    ]


def span_indexes(prefix: str, entity: str, *, unrejected: tuple[str, str]) -> list[models.Index]:
    """The indexes of a span that names an entity: the entity's spans by article, and a pair of
    columns read from the index alone, of the rows editors have not rejected (the only ones
    pages read)."""
    return [
        models.Index(fields=[entity, "article"], name=f"{prefix}_{entity}_article_idx"),
        models.Index(
            fields=list(unrejected),
            condition=Q(rejected=False),
            name=f"{prefix}_{'_'.join(unrejected)}_idx",
        ),
    ]


class ActiveManager[M: models.Model](models.Manager[M]):
    """Rows editors have not rejected. Rejected rows stay (so re-annotation does not bring them
    back) but no page sees them; `all_objects` does."""

    def get_queryset(self) -> models.QuerySet[M]:
        return super().get_queryset().filter(rejected=False)


class Span(models.Model):
    """What every span of a body has: offsets, where it came from, whether editors rejected it,
    and a version bumped by every correction (the optimistic lock editors' forms carry)."""

    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MODEL)
    version = models.PositiveIntegerField(default=1, help_text="Bumped by every correction.")

    # Each kind of span declares these itself (its own related name, its own help text).
    article_id: int
    text: str
    rejected: bool

    all_objects = models.Manager()
    objects = ActiveManager()

    class Meta:
        abstract = True
        ordering = ["article", "start"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"


class Mention(Span):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="mentions")
    text = models.CharField(max_length=500)
    label = models.CharField(
        max_length=30, help_text="The finer label it was found with (the model's or an editor's)."
    )
    rejected = models.BooleanField(default=False, help_text="An editor said: not an entity.")
    role = models.CharField(
        max_length=500,
        blank=True,
        default="",
        db_default="",  # rows written by COPY (bench/synthetic) and older rows have none
        help_text="The role the article gives it here (a title before the name, an apposition), "
        "as the pipeline found it: its roles over time.",
    )

    class Meta(Span.Meta):
        constraints = span_constraints("mention")
        # "Appears with": the entities of a set of articles, counted from the index alone.
        indexes = span_indexes("mention", "entity", unrejected=("article", "entity"))

    def __str__(self) -> str:
        return f"{self.text} [{self.start}:{self.end}]"


class DateMention(Span):
    """A date expression in the body and the calendar interval it means (null when unplaced)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="dates")
    text = models.CharField(max_length=500)
    value_start = models.DateField(null=True, blank=True)
    value_end = models.DateField(null=True, blank=True)
    granularity = models.CharField(max_length=10, choices=Granularity.choices, blank=True)
    rejected = models.BooleanField(default=False, help_text="An editor said: not a date.")

    class Meta(Span.Meta):
        constraints = [
            *span_constraints("datemention"),
            models.CheckConstraint(
                condition=(Q(value_start__isnull=True) & Q(value_end__isnull=True))
                | Q(value_start__lte=F("value_end")),
                name="datemention_interval_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["value_start", "value_end"], name="datemention_interval_idx")
        ]

    def __str__(self) -> str:
        return self.text


class QuoteKind(models.TextChoices):
    DIRECT = "direct"
    PARTIAL = "partial"
    INDIRECT = "indirect"


def normalised_words(column: str) -> Func:
    """A digest of the words of `column`, whatever their case, punctuation or spacing: the same
    quote reused in another article ("Peace is near." and "peace is near") has the same one."""
    words = Func(
        Lower(F(column)),
        Value("[^[:alnum:]]+"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=models.TextField(),
    )
    return MD5(Trim(words))


class Quote(Span):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    # The quote ledger (articles.reading.ledger): its appearances are the quotes of the same words.
    words = models.GeneratedField(
        expression=normalised_words("text"),
        output_field=models.CharField(max_length=32),
        db_persist=True,
    )
    kind = models.CharField(max_length=10, choices=QuoteKind.choices, default=QuoteKind.DIRECT)
    speaker = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_mention = models.ForeignKey(
        Mention, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    cue = models.CharField(max_length=50, blank=True, help_text='The verb or phrase, e.g. "said".')
    rejected = models.BooleanField(default=False, help_text="An editor removed it.")

    class Meta(Span.Meta):
        constraints = span_constraints("quote")
        # The quote ledger: a quote's appearances, the quotes of the same words, by article.
        indexes = span_indexes("quote", "speaker", unrejected=("words", "article"))

    def __str__(self) -> str:
        return self.text[:80]
