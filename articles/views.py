"""Reading pages: the article list, an article with its marks, and an entity's page."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.db.models.functions import Left
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from articles.models import Alias, Article, Entity, Mention
from articles.rendering import marked_body

PAGE_SIZE = 20


def article_list(request):
    articles = (
        Article.objects.newest_first()
        .only("headline", "slug", "byline", "published", "created_at")
        .annotate(opening=Left("body", 280))
    )
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "articles/article_list.html", {"page": page})


def article_detail(request, slug):
    article = get_object_or_404(Article, slug=slug)
    mentions = article.mentions.select_related("entity").only(
        "start", "end", "entity__name", "entity__kind", "entity__slug"
    )
    dates = article.dates.all()
    context = {
        "article": article,
        "body_html": marked_body(article.body, mentions, dates),
        "entities": Entity.objects.filter(mentions__article=article)
        .annotate(count=Count("mentions"))
        .order_by("kind", "-count", "name"),
    }
    return TemplateResponse(request, "articles/article_detail.html", context)


def entity_detail(request, slug):
    entity = get_object_or_404(
        Entity.objects.prefetch_related(Prefetch("aliases", Alias.objects.order_by("name"))),
        slug=slug,
    )
    articles = (
        Article.objects.filter(mentions__entity=entity)
        .annotate(count=Count("mentions"))
        .only("headline", "slug", "published", "created_at")
        .newest_first()
    )
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "entity": entity,
        "page": page,
        "mention_count": Mention.objects.filter(entity=entity).count(),
    }
    return TemplateResponse(request, "articles/entity_detail.html", context)
