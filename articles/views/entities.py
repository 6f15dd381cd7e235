"""Entity pages (also rendered alone as the panel beside an article), the index pages, and the
entities offered as a name is typed."""

from django.core.validators import slug_re
from django.http import Http404
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from articles.models import Entity, Mention
from articles.models.review import MENTION_REASONS
from articles.nlp.kinds import KIND_CHOICES, ORG, PERSON, PLACE
from articles.permissions import can_edit
from articles.reading.indexes import add_namesakes, index_page
from articles.reading.kept_pages import kept_for_readers
from articles.reading.panels import entities_with_aliases, entity_panel
from articles.reading.pickers import entities_offered
from articles.reading.pictures import entity_pictures
from articles.reading.structured_data import entity_data, json_ld
from articles.views import params
from articles.views.requests import HtmxRequest

INDEXES = {
    "people": (PERSON, "People", "person"),
    "places": (PLACE, "Places", "place"),
    "organisations": (ORG, "Organisations", "organisation"),
}
INDEX_PAGE_SIZE = 60


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
@kept_for_readers
def entity_detail(request: HtmxRequest, slug: str) -> HttpResponseBase:
    entity = get_object_or_404(entities_with_aliases(), slug=slug)
    template = "articles/entity_detail.html"
    year = params.year(request.GET.get("year"))
    if request.htmx and request.htmx.target == "entity-network":
        # The network's year selector: the picture alone, drawn for the year chosen.
        context = {"entity": entity, **entity_pictures(entity, year=year)}
        return TemplateResponse(request, template + "#entity-network", context)
    context = panel_of(request, entity)
    if request.htmx:
        template += "#entity-panel"
        # Opened beside an article: offer to close the panel and return to the article alone.
        article_slug = request.GET.get("article", "")
        if slug_re.fullmatch(article_slug):
            context["close_url"] = reverse("articles:article", args=[article_slug])
    else:
        context["json_ld"] = json_ld(entity_data(request, entity))
        context.update(entity_pictures(entity, year=year))
    return TemplateResponse(request, template, context)


def panel_of(request: HtmxRequest, entity: Entity) -> dict[str, object]:
    """The entity's panel; for an editor who opened it from a mention that a correction has
    since moved to another entity, that entity's panel."""
    editor = can_edit(request.user)
    mention_id = params.row_id(request.GET.get("mention"))
    context = entity_panel(
        entity, page=request.GET.get("cursor"), can_edit=editor, mention_id=mention_id
    )
    if isinstance(moved := context["mention_moved"], Mention):
        followed = entities_with_aliases().get(pk=moved.entity_id)
        context = entity_panel(followed, page=None, can_edit=editor, mention_id=mention_id)
    if mention_id is not None and not editor:
        # Opened from a name in an article: readers may tell the editors it is wrong.
        context["flag_mention"] = (
            Mention.objects.filter(pk=mention_id, entity=entity).only("text").first()
        )
        context["mention_reasons"] = MENTION_REASONS
    return context


@require_safe
@vary_on_headers("HX-Request")
@kept_for_readers
def entity_index(request: HtmxRequest, section: str) -> HttpResponseBase:
    if section not in INDEXES:
        raise Http404
    kind, title, one = INDEXES[section]
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
    if can_edit(request.user):
        add_namesakes([entry.entity for entry in entries])
    context = {
        "page": page,
        "entries": entries,
        "count": count,
        "section": section,
        "title": title,
        "one": one,
        "kinds": KIND_CHOICES,
        "order": order,
        "query": query,
        "sections": INDEXES,
    }
    return TemplateResponse(request, template, context)


# The field typed in may be named for its use: the articles' entity filter, a quote's speaker, a
# name typed in the review queue.
TYPED_FIELDS = ("q", "entity", "speaker_name", "name")


def entity_offers(request: HtmxRequest) -> HttpResponseBase:
    """Type-ahead for readers and editors alike: named entities whose name holds the typed text,
    as options whose value is the name."""
    typed = next((request.GET[name] for name in TYPED_FIELDS if request.GET.get(name)), "")
    offered = entities_offered(params.text(typed, limit=100))
    return TemplateResponse(request, "articles/_entity_offers.html", {"entities": offered})
