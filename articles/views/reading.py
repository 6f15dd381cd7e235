"""Reading pages: the article list with search and filters, and an article with its marks."""

from django.db.models import Count
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from articles.models import Article, Entity, Granularity
from articles.models.review import QUOTE_REASONS
from articles.nlp.kinds import KIND_CHOICES, ORG, PERSON
from articles.permissions import can_edit
from articles.reading import page_cache
from articles.reading.body_cache import rendered_body
from articles.reading.kept_pages import kept_for_readers, kept_for_readers_unless
from articles.reading.panels import HISTORY_SHOWN, entities_with_aliases
from articles.reading.rendering import date_url
from articles.reading.search import entity_suggestions, filters_from, search_articles
from articles.reading.structured_data import article_data, json_ld
from articles.views import params
from articles.views.entities import panel_of
from articles.views.requests import HtmxRequest

# Reported speech is "indirect" in the data; editors know it as reported.
QUOTE_KINDS = [("direct", "direct"), ("partial", "partial"), ("indirect", "reported")]


@require_safe
@vary_on_headers("HX-Request")
@kept_for_readers
def article_list(request: HtmxRequest) -> HttpResponseBase:
    filters = filters_from(request.GET)
    results = search_articles(
        filters, cursor=request.GET.get("cursor"), page=request.GET.get("page")
    )
    template = "articles/article_list.html"
    if request.htmx and request.htmx.target == "results":
        template += "#results"
    context = {
        "results": results,
        "filters": filters,
        "kinds": KIND_CHOICES,
        "suggestions": entity_suggestions(filters.query) if filters.query else [],
    }
    return TemplateResponse(request, template, context)


@require_safe
@vary_on_headers("HX-Request")
@kept_for_readers_unless(page_cache.keeps)  # the plain page is keyed on the article
def article_detail(request: HtmxRequest, slug: str) -> HttpResponseBase:
    key = page_cache.article_key(request, slug) if page_cache.keeps(request) else None
    if key and (kept := page_cache.kept_page(request, key)):
        return kept
    article = get_object_or_404(Article, slug=slug)
    mentions = list(
        article.mentions.select_related("entity").only(
            "start", "end", "version", "entity__name", "entity__kind", "entity__slug"
        )
    )
    quotes = list(
        article.quotes.select_related("speaker").only(
            "start",
            "end",
            "text",
            "kind",
            "cue",
            "version",
            "speaker__name",
            "speaker__slug",
            "speaker__kind",
        )
    )
    dates = list(article.dates.all())
    # One filter() call, so the count below sees only this article's active mentions.
    entities = list(
        Entity.objects.filter(mentions__article=article, mentions__rejected=False)
        .annotate(count=Count("mentions"))
        .order_by("kind", "-count", "name")
    )
    context: dict[str, object] = {
        "article": article,
        "body_html": rendered_body(article, mentions=mentions, dates=dates, quotes=quotes),
        "quotes": quotes,
        "dates": [(date, date_url(date)) for date in dates],
        "entities": entities,
        "quote_reasons": QUOTE_REASONS,
        "json_ld": json_ld(article_data(request, article, entities)),
    }
    if can_edit(request.user):
        context["history"] = article.corrections.select_related("editor")[:HISTORY_SHOWN]
        context["kinds"] = KIND_CHOICES
        context["granularities"] = Granularity.choices
        context["quote_kinds"] = QUOTE_KINDS
        # Speakers offered first: the people and organisations the article names.
        context["speakers"] = [entity for entity in entities if entity.kind in (PERSON, ORG)]
    if entity_slug := params.text(request.GET.get("entity"), limit=320):
        entity = entities_with_aliases().filter(slug=entity_slug).first()
        if entity:
            context.update(panel_of(request, entity))
            context["close_url"] = article.get_absolute_url()
    template = "articles/article_detail.html"
    if request.htmx and request.htmx.target == "article-body":
        template += "#article-body"
    if key:
        context["csrf_token"] = page_cache.CSRF_PLACEHOLDER
    response = TemplateResponse(request, template, context)
    if key:
        response.add_post_render_callback(page_cache.keeper(request, key))
    return response
