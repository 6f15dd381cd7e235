"""Editorial review: what readers flagged and what the archive's checks found, as one queue.

Every item of the queue is a `ReviewItem`: a reader's flag on a mention or a quote (the readers
who flagged the same thing for the same reason are one item, counted), or a finding of one of
the checks (articles.review.checks). Items point at the rows they are about without database
constraints: a merge deletes an entity that its undo brings back with the same id, and the item
must find it again; a row that is gone reads as None.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from articles.models.articles import Article
from articles.models.corrections import Correction
from articles.models.entities import Entity
from articles.models.spans import DateMention, Mention, Quote


class Topic(models.TextChoices):
    """What an item is about: a reader's reason, or the check that found it."""

    WRONG_KIND = "wrong-kind", "Wrong kind"
    NOT_A_NAME = "not-a-name", "Not a name"
    WRONG_PERSON = "wrong-person", "Wrong person"
    WRONG_SPEAKER = "wrong-speaker", "Wrong speaker"
    TWO_KINDS = "two-kinds", "Same name, two kinds"
    TWO_KINDS_IN_ARTICLE = "two-kinds-in-article", "Same name, two kinds in one article"
    KIND_DISAGREES = "kind-disagrees", "Kind disagrees with its mentions"
    MODEL_DISAGREES = "model-disagrees", "The pipeline and the archive disagree"
    SHARED_NAME = "shared-name", "Two entities, one name"
    SURNAME_ONLY = "surname-only", "Person known by a surname only"
    QUOTE_NO_SPEAKER = "quote-no-speaker", "Quote with no speaker"
    SPEAKER_NOT_PERSON = "speaker-not-person", "Speaker neither a person nor an organisation"
    DATE_UNPLACED = "date-unplaced", "Date not placed"
    COMMON_WORD = "common-word", "A common word named once"
    DOUBT_KIND = "doubt-kind", "The model and a rule disagreed on the kind"
    DOUBT_LINK = "doubt-link", "The name matched two entities"
    DOUBT_SPEAKER = "doubt-speaker", "A nearer speaker was passed over"


# What readers may say of a mention, and of a quote.
MENTION_REASONS = (Topic.WRONG_KIND, Topic.NOT_A_NAME, Topic.WRONG_PERSON)
QUOTE_REASONS = (Topic.WRONG_SPEAKER,)
READER_TOPICS = frozenset((*MENTION_REASONS, *QUOTE_REASONS))


# Where the pipeline's stages disagreed at ingest (`Doubt`), and the checks that queue them.
DOUBT_TOPICS = (Topic.DOUBT_KIND, Topic.DOUBT_LINK, Topic.DOUBT_SPEAKER)


class ItemStatus(models.TextChoices):
    OPEN = "open", "Open"
    FIXED = "fixed", "Fixed by a correction"
    DISMISSED = "dismissed", "Dismissed"
    RESOLVED = "resolved", "No longer found"


def loose[M: models.Model](
    model: type[M], related_name: str = "+"
) -> "models.ForeignKey[M | None]":
    """A reference with no database constraint: the row may go and come back (see above)."""
    return models.ForeignKey(
        model,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name=related_name,
    )


class ReviewItem(models.Model):
    topic = models.CharField(max_length=30, choices=Topic.choices)
    key = models.CharField(
        max_length=200, help_text="What the item is about; one open item per key."
    )
    status = models.CharField(max_length=10, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    readers = models.PositiveIntegerField(default=0, help_text="Readers who flagged it.")
    articles = models.PositiveIntegerField(default=0, help_text="Articles it touches.")
    subject = models.CharField(max_length=300, help_text="The name or words it is about.")
    evidence = models.JSONField(default=dict, blank=True)
    article = loose(Article)
    mention = loose(Mention)
    quote = loose(Quote)
    date = loose(DateMention)
    entity = loose(Entity)
    other = loose(Entity)
    checked_in = models.PositiveBigIntegerField(
        default=0, help_text="The run of the checks that last found it."
    )
    closed_by = models.ForeignKey(
        Correction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(status="open"), name="reviewitem_one_open_per_key"
            ),
        ]
        indexes = [
            # The queue, as editors read it: most readers, then most articles, first.
            models.Index(
                F("readers").desc(),
                F("articles").desc(),
                F("id"),
                condition=Q(status="open"),
                name="reviewitem_queue_idx",
            ),
            models.Index(fields=["key"], name="reviewitem_key_idx"),
            models.Index(fields=["closed_by"], name="reviewitem_closed_by_idx"),
            models.Index(
                fields=["mention"], condition=Q(status="open"), name="reviewitem_open_mention_idx"
            ),
            models.Index(
                fields=["quote"], condition=Q(status="open"), name="reviewitem_open_quote_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.subject}"

    @property
    def from_readers(self) -> bool:
        return self.topic in READER_TOPICS


class Flag(models.Model):
    """One reader's flag. Readers are told apart by a keyed digest of their address, never the
    address itself; the same reader flagging the same thing twice is one flag."""

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="flags")
    client = models.CharField(max_length=64)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "client"], name="flag_once_per_reader"),
        ]

    def __str__(self) -> str:
        return f"flag on item {self.item_id}"


class Doubt(models.Model):
    """Where the pipeline's stages disagreed on a mention or a quote, recorded as it was stored:
    the model said one kind and a rule or an editors' lesson another (`detail`: `model`, `kind`),
    a name matched two archive entities (`chosen`, `other`), a speaker was chosen over a nearer
    candidate (`nearer`: an entity id, `nearer_name`). Gone with its span when the article is
    annotated again."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    mention = models.ForeignKey(
        Mention, null=True, blank=True, on_delete=models.CASCADE, related_name="doubts"
    )
    quote = models.ForeignKey(
        Quote, null=True, blank=True, on_delete=models.CASCADE, related_name="doubts"
    )
    topic = models.CharField(max_length=30, choices=[(t.value, t.label) for t in DOUBT_TOPICS])
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["article"], name="doubt_article_idx")]

    def __str__(self) -> str:
        return f"{self.topic} in article {self.article_id}"


class LessonUse(models.Model):
    """A mention an editors' lesson (`LexiconEntry`) decided at ingest: given its kind, or
    dropped as no name (then `mention` is empty). Counted per week by the review report."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    mention = models.ForeignKey(
        Mention, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(max_length=300)
    rejected = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["created_at"], name="lessonuse_created_idx"),
            models.Index(fields=["article"], name="lessonuse_article_idx"),
        ]

    def __str__(self) -> str:
        return f"lesson {self.text!r} in article {self.article_id}"
