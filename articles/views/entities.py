"""Entity pages (also rendered alone as the panel beside an article) and the index pages."""

from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.vary import vary_on_headers

from articles.models import Entity, Mention
from articles.nlp.kinds import ORG, PERSON, PLACE
from articles.reading.panels import entities_with_aliases, entity_panel_context

INDEXES = {
    "people": (PERSON, "People"),
    "places": (PLACE, "Places"),
    "organisations": (ORG, "Organisations"),
}
INDEX_PAGE_SIZE = 60


@vary_on_headers("HX-Request")
def entity_detail(request, slug):
    entity = get_object_or_404(entities_with_aliases(), slug=slug)
    template = "articles/entity_detail.html"
    context = entity_panel_context(entity, request)
    if request.htmx:
        template += "#entity-panel"
        # Opened beside an article: offer to close the panel and return to the article alone.
        article_slug = request.GET.get("article", "")
        if slug_re.fullmatch(article_slug):
            context["close_url"] = reverse("articles:article", args=[article_slug])
    return TemplateResponse(request, template, context)


@vary_on_headers("HX-Request")
def entity_index(request, section):
    if section not in INDEXES:
        raise Http404
    kind, title = INDEXES[section]
    order = "alpha" if request.GET.get("order") == "alpha" else "count"
    query = request.GET.get("q", "").strip()[:100]
    # Joins skip the mentions' manager: rejected mentions are left out here, by name. An entity
    # only rejected mentions point at is not listed. (Listed by EXISTS rather than by its count,
    # so that counting the pages does not count every entity's articles.)
    entities = (
        Entity.objects.filter(kind=kind)
        .filter(Exists(Mention.objects.filter(entity=OuterRef("pk"))))
        .annotate(
            article_count=Count(
                "mentions__article", distinct=True, filter=Q(mentions__rejected=False)
            )
        )
    )
    if query:
        entities = entities.filter(name__icontains=query) | entities.filter(
            aliases__name__icontains=query
        )
        entities = entities.distinct()
    entities = (
        entities.order_by("name", "pk")
        if order == "alpha"
        else entities.order_by("-article_count", "name", "pk")
    )
    page = Paginator(entities.only("name", "slug", "kind", "role"), INDEX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "articles/entity_index.html"
    if request.htmx and request.htmx.target == "index-results":
        template += "#index-results"
    context = {
        "page": page,
        "section": section,
        "title": title,
        "order": order,
        "query": query,
        "sections": INDEXES,
    }
    return TemplateResponse(request, template, context)
