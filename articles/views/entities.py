"""Entity pages (also rendered alone as the panel beside an article) and the index pages."""

from django.core.validators import slug_re
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from articles.nlp.kinds import ORG, PERSON, PLACE
from articles.permissions import can_edit
from articles.reading.indexes import index_page
from articles.reading.panels import entities_with_aliases, entity_panel
from articles.views import params

INDEXES = {
    "people": (PERSON, "People"),
    "places": (PLACE, "Places"),
    "organisations": (ORG, "Organisations"),
}
INDEX_PAGE_SIZE = 60


@require_safe
@vary_on_headers("HX-Request")
def entity_detail(request, slug):
    entity = get_object_or_404(entities_with_aliases(), slug=slug)
    template = "articles/entity_detail.html"
    context = entity_panel(
        entity,
        page=request.GET.get("cursor"),
        can_edit=can_edit(request.user),
        mention_id=params.row_id(request.GET.get("mention")),
    )
    if request.htmx:
        template += "#entity-panel"
        # Opened beside an article: offer to close the panel and return to the article alone.
        article_slug = request.GET.get("article", "")
        if slug_re.fullmatch(article_slug):
            context["close_url"] = reverse("articles:article", args=[article_slug])
    return TemplateResponse(request, template, context)


@require_safe
@vary_on_headers("HX-Request")
def entity_index(request, section):
    if section not in INDEXES:
        raise Http404
    kind, title = INDEXES[section]
    order = "alpha" if request.GET.get("order") == "alpha" else "count"
    query = params.text(request.GET.get("q"), limit=100)
    page, entries, count = index_page(
        kind=kind,
        query=query,
        order=order,
        cursor=request.GET.get("cursor"),
        size=INDEX_PAGE_SIZE,
    )
    template = "articles/entity_index.html"
    if request.htmx and request.htmx.target == "index-results":
        template += "#index-results"
    context = {
        "page": page,
        "entries": entries,
        "count": count,
        "section": section,
        "title": title,
        "order": order,
        "query": query,
        "sections": INDEXES,
    }
    return TemplateResponse(request, template, context)
