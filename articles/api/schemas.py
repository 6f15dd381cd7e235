"""What the API answers, as pydantic schemas: they validate nothing a client sends (every
answer is built here) but document every field in the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class Links(Schema):
    next: str | None = Field(description="The next page's address; null on the last page.")
    previous: str | None = Field(description="The previous page's; null on the first.")


class ArticleRef(Schema):
    slug: str
    headline: str
    published: dt.date | None
    url: str = Field(description="The article's page.")
    api_url: str


class ArticleItem(ArticleRef):
    byline: str
    excerpt: str = Field(description="The search's matching words, else the opening words.")


class ArticleList(Links):
    count: int = Field(description="How many articles match in all.")
    count_exact: bool = Field(description="False when `count` is PostgreSQL's estimate.")
    ranked: bool = Field(description="Ordered by relevance (a search) rather than newest first.")
    items: list[ArticleItem]


class EntityRef(Schema):
    slug: str
    name: str
    kind: str
    url: str = Field(description="The entity's page.")
    api_url: str


class EntityItem(EntityRef):
    role: str
    article_count: int


class EntityList(Links):
    count: int
    count_exact: bool
    items: list[EntityItem]


class QuoteItem(Schema):
    id: int
    text: str
    kind: Literal["direct", "partial", "indirect"]
    cue: str
    speaker: EntityRef | None
    article: ArticleRef
    permalink: str = Field(description="The article, scrolled to the quote.")
    page: str = Field(description="The quote's own page, with where else it appeared.")
    appearances: int = Field(
        description="Articles quoting the same words, this one included; counted up to 1,000 "
        "(1,001 means more)."
    )
    first_quoted: dt.date | None = Field(description="The earliest of them.")


class QuoteList(Links):
    items: list[QuoteItem]


class QuoteAppearance(Schema):
    id: int = Field(description="The quote's row in this article.")
    kind: Literal["direct", "partial", "indirect"]
    cue: str
    speaker: EntityRef | None
    article: ArticleRef
    permalink: str = Field(description="The article, scrolled to the quote.")


class QuoteAppearances(Links):
    quote: QuoteItem = Field(description="The quote asked for, with its repetitions.")
    items: list[QuoteAppearance] = Field(description="Where the words appeared, earliest first.")


class Window(Schema):
    looked_at: int = Field(description="How many of the entity's latest articles were read.")
    total: int = Field(description="How many articles name it.")


class Companion(Schema):
    entity: EntityRef
    shared_articles: int


class EntityArticle(Schema):
    article: ArticleRef
    mention_count: int
    sentence: str = Field(description="The sentence of its first mention there.")


class EntityArticles(Links):
    items: list[EntityArticle]


class DateGroup(Schema):
    label: str
    value_start: dt.date
    value_end: dt.date
    count: int
    url: str | None


class EntityDetail(EntityRef):
    role: str
    aliases: list[str]
    article_count: int
    mention_count: int
    quote_count: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    companions: list[Companion] = Field(description="Who appears with it most.")
    companion_window: Window
    quotes: list[QuoteItem] = Field(description="Its latest quotes.")
    articles: EntityArticles = Field(description="Newest first, a page at a time (`cursor`).")
    dates: list[DateGroup] = Field(description="Dates named near it, earliest first.")
    date_window: Window
    feed: str = Field(description="An Atom feed of its articles.")


class DateWords(Schema):
    """A date as the body names it, and the interval it means (none when unplaced)."""

    start: int
    end: int
    text: str
    value_start: dt.date | None
    value_end: dt.date | None
    granularity: str | None


class DateSpan(DateWords):
    id: int
    permalink: str


class PeriodArticle(Schema):
    article: ArticleRef
    sentence: str = Field(description="The sentence around its first date in the period.")
    dates: list[DateSpan]


class PeriodDetail(Links):
    period: str = Field(description='"2020", "2020-06" or "2020-06-15".')
    label: str
    granularity: Literal["year", "month", "day"]
    start: dt.date
    end: dt.date
    article_count: int
    url: str
    items: list[PeriodArticle]


class InterchangeEntity(Schema):
    model_config = ConfigDict(extra="allow")
    id: str
    name: str
    kind: str
    role: str
    aliases: list[str]
    slug: str


class InterchangeMention(Schema):
    model_config = ConfigDict(extra="allow")
    entity: str
    start: int
    end: int
    text: str
    label: str


class InterchangeDate(DateWords):
    model_config = ConfigDict(extra="allow")


class InterchangeQuote(Schema):
    model_config = ConfigDict(extra="allow")
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str


class ArticleDocument(Schema):
    """An article in the annotation interchange format (ANNOTATION_FORMAT.md): every offset is
    a Python string index into `body`. Spans carry their `origin` (model, rule or editor)."""

    model_config = ConfigDict(extra="allow")
    id: str
    title: str
    byline: str
    published: dt.date | None
    sources: list[str]
    url: str = Field(description="Where the piece was first published, if known.")
    page: str = Field(description="The article's page here.")
    body: str
    entities: list[InterchangeEntity]
    mentions: list[InterchangeMention]
    dates: list[InterchangeDate]
    quotes: list[InterchangeQuote]
