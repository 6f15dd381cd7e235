"""The archive: articles, the entities they mention, dates, quotes, corrections and uploads."""

from articles.models.articles import Article, ArticleQuerySet
from articles.models.corrections import Correction
from articles.models.entities import Alias, Entity, EntityDistinction, LexiconEntry
from articles.models.readmodels import (
    EntityArticle,
    EntityMonth,
    EntityStats,
    PeriodArticle,
    PeriodGranularity,
    PeriodStats,
    QuoteArticle,
)
from articles.models.review import (
    DOUBT_TOPICS,
    Doubt,
    Flag,
    ItemStatus,
    LessonUse,
    ReviewItem,
    Topic,
)
from articles.models.spans import (
    ActiveManager,
    DateMention,
    Granularity,
    Mention,
    Origin,
    Quote,
    QuoteKind,
    span_constraints,
)
from articles.models.uploads import (
    FINISHED_UPLOAD_STATUSES,
    UploadBatch,
    UploadBatchQuerySet,
    UploadFile,
    UploadFileQuerySet,
    UploadOrigin,
    UploadStatus,
    stall_cutoff,
)

__all__ = [
    "DOUBT_TOPICS",
    "FINISHED_UPLOAD_STATUSES",
    "ActiveManager",
    "Alias",
    "Article",
    "ArticleQuerySet",
    "Correction",
    "DateMention",
    "Doubt",
    "Entity",
    "EntityArticle",
    "EntityDistinction",
    "EntityMonth",
    "EntityStats",
    "Flag",
    "Granularity",
    "ItemStatus",
    "LessonUse",
    "LexiconEntry",
    "Mention",
    "Origin",
    "PeriodArticle",
    "PeriodGranularity",
    "PeriodStats",
    "Quote",
    "QuoteArticle",
    "QuoteKind",
    "ReviewItem",
    "Topic",
    "UploadBatch",
    "UploadBatchQuerySet",
    "UploadFile",
    "UploadFileQuerySet",
    "UploadOrigin",
    "UploadStatus",
    "span_constraints",
    "stall_cutoff",
]
