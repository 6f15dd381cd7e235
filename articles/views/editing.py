"""Editors' corrections: thin views over the services of articles.editing.

Every view checks the editor permission itself and changes data only on POST. An HTMX request
gets the correction's result as a fragment and an `annotationsChanged` event, so the article and
the panel reload themselves; a plain form post is redirected back with a message (see
`articles.views.outcomes`). A change to an existing row must carry the version the editor saw:
without one the form is refused (400), never applied without the check.
"""

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST, require_safe

from articles.editing import dates, entities, history, mentions, quotes
from articles.models import Article, Correction, DateMention, Entity, Mention, Quote
from articles.nlp.kinds import KINDS
from articles.permissions import editor_required
from articles.reading.keyset import Ordering, keyset_page
from articles.reading.pickers import entity_named_by
from articles.views.outcomes import (
    malformed,
    replaced_mentions,
    respond,
    run,
    selected_span,
    version_of,
)

NO_VERSION = "This form has lost track of what it changes; reload the page and try again."


@require_POST
@editor_required
def mention_correction(request, pk):
    mention = get_object_or_404(Mention.all_objects.select_related("article", "entity"), pk=pk)
    back = f"{mention.article.get_absolute_url()}?entity={mention.entity.slug}&mention={pk}"
    if (version := version_of(request)) is None:
        return malformed(request, NO_VERSION, back=back)
    action = request.POST.get("action")
    common = {"mention_id": pk, "version": version}
    if action == "relabel":
        return run(
            request, back, mentions.relabel_mention, kind=request.POST.get("kind", ""), **common
        )
    if action == "link":
        target = entity_named_by(request.POST.get("entity", ""))
        if target is None:
            return respond(request, back=back, error="Choose the entity to link to.", status=422)
        return run(request, back, mentions.link_mention, entity_id=target.pk, **common)
    if action == "detach":
        return run(request, back, mentions.detach_mention, **common)
    if action == "reject":
        return run(request, back, mentions.reject_mention, **common)
    if action == "adjust":
        if (span := selected_span(request)) is None:
            return respond(
                request, back=back, error="Select the right words in the text first.", status=422
            )
        start, end = span
        return run(request, back, mentions.adjust_mention, start=start, end=end, **common)
    return HttpResponseBadRequest("Unknown action.")


@require_POST
@editor_required
def add_mention(request, slug):
    article = get_object_or_404(Article, slug=slug)
    back = article.get_absolute_url()
    if (span := selected_span(request)) is None:
        return respond(request, back=back, error="Select the name in the text first.", status=422)
    if (replacing := replaced_mentions(request)) is None:
        return malformed(request, NO_VERSION, back=back)
    start, end = span
    entity = Entity.objects.filter(slug=request.POST.get("entity", "")).first()
    kind = entity.kind if entity else request.POST.get("kind", "")
    if kind not in KINDS:
        return respond(request, back=back, error="Choose what kind of name it is.", status=422)
    return run(
        request,
        back,
        mentions.add_mention,
        article_id=article.pk,
        start=start,
        end=end,
        kind=kind,
        entity_id=entity.pk if entity else None,
        replacing=replacing,
    )


def chosen_speaker(request) -> tuple[Entity | None, str]:
    """The speaker typed or picked (a name or alias from anywhere in the archive), or the one
    chosen from the article's; with a message when the typed name answers to nobody."""
    typed = request.POST.get("speaker_name", "").strip()
    if typed:
        speaker = entity_named_by(typed)
        if speaker is None:
            return None, f"Nobody in the archive is called “{typed[:100]}”; pick a name offered."
        return speaker, ""
    return Entity.objects.filter(slug=request.POST.get("speaker", "")).first(), ""


@require_POST
@editor_required
def quote_correction(request, pk):
    quote = get_object_or_404(Quote.all_objects.select_related("article"), pk=pk)
    back = quote.article.get_absolute_url()
    if (version := version_of(request)) is None:
        return malformed(request, NO_VERSION, back=back)
    if request.POST.get("action") == "remove":
        return run(request, back, quotes.remove_quote, quote_id=pk, version=version)
    speaker, problem = chosen_speaker(request)
    if problem:
        return respond(request, back=back, error=problem, status=422)
    return run(
        request,
        back,
        quotes.change_quote,
        quote_id=pk,
        version=version,
        speaker_id=speaker.pk if speaker else None,
        kind=request.POST.get("kind", ""),
    )


@require_POST
@editor_required
def add_quote(request, slug):
    article = get_object_or_404(Article, slug=slug)
    back = article.get_absolute_url()
    if (span := selected_span(request)) is None:
        return respond(request, back=back, error="Select the quoted words first.", status=422)
    start, end = span
    speaker, problem = chosen_speaker(request)
    if problem:
        return respond(request, back=back, error=problem, status=422)
    return run(
        request,
        back,
        quotes.add_quote,
        article_id=article.pk,
        start=start,
        end=end,
        speaker_id=speaker.pk if speaker else None,
        kind=request.POST.get("kind", "direct"),
    )


def as_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_POST
@editor_required
def date_correction(request, pk):
    date = get_object_or_404(DateMention.all_objects.select_related("article"), pk=pk)
    back = date.article.get_absolute_url()
    if (version := version_of(request)) is None:
        return malformed(request, NO_VERSION, back=back)
    if request.POST.get("action") == "reject":
        return run(request, back, dates.reject_date, date_id=pk, version=version)
    first, last = request.POST.get("value_start", ""), request.POST.get("value_end", "")
    value_start, value_end = as_date(first), as_date(last)
    if (first and value_start is None) or (last and value_end is None):
        return respond(request, back=back, error="Give the days as year-month-day.", status=422)
    return run(
        request,
        back,
        dates.change_date,
        date_id=pk,
        version=version,
        value_start=value_start,
        value_end=value_end,
        granularity=request.POST.get("granularity", ""),
    )


@require_POST
@editor_required
def add_date(request, slug):
    article = get_object_or_404(Article, slug=slug)
    back = article.get_absolute_url()
    if (span := selected_span(request)) is None:
        return respond(request, back=back, error="Select the date in the text first.", status=422)
    start, end = span
    return run(request, back, dates.add_date, article_id=article.pk, start=start, end=end)


@require_POST
@editor_required
def entity_correction(request, slug):
    entity = get_object_or_404(Entity, slug=slug)
    back = entity.get_absolute_url()
    action = request.POST.get("action")
    if action == "distinct":
        other = entity_named_by(request.POST.get("other", ""))
        if other is None:
            return respond(request, back=back, error="Choose the other entity.", status=422)
        return run(request, back, entities.mark_distinct, first_id=entity.pk, second_id=other.pk)
    if action not in ("rename", "edit", "split", "kind"):
        return HttpResponseBadRequest("Unknown action.")
    if (version := version_of(request)) is None:
        return malformed(request, NO_VERSION, back=back)
    common = {"entity_id": entity.pk, "version": version}
    if action == "rename":
        return run(
            request, back, entities.rename_entity, name=request.POST.get("name", ""), **common
        )
    if action == "edit":
        aliases = request.POST.get("aliases", "").replace("\r", "").split("\n")
        return run(
            request,
            back,
            entities.edit_entity,
            role=request.POST.get("role", ""),
            aliases=aliases,
            **common,
        )
    if action == "kind":
        # Fixed from an index or a date page: back there, not to the entity.
        back = next_page(request, default=back)
        return run(
            request, back, entities.change_entity_kind, kind=request.POST.get("kind", ""), **common
        )
    return run(request, back, entities.split_alias, alias=request.POST.get("alias", ""), **common)


@editor_required
def merge(request, slug):
    """GET: what would move; POST: merge this entity into the chosen one."""
    source = get_object_or_404(Entity, slug=slug)
    target = Entity.objects.filter(slug=request.GET.get("into") or request.POST.get("into")).first()
    if request.method == "POST":
        if target is None:
            return respond(
                request,
                back=source.get_absolute_url(),
                error="Choose the entity to merge into.",
                status=422,
            )
        back = next_page(request, default=target.get_absolute_url())
        if (version := version_of(request)) is None:
            return malformed(request, NO_VERSION, back=back)
        return run(
            request,
            back,
            entities.merge_entities,
            source_id=source.pk,
            source_version=version,
            target_id=target.pk,
        )
    preview = entities.merge_preview(source=source, target=target) if target else None
    return TemplateResponse(
        request,
        "articles/editing/merge.html",
        {"source": source, "target": target, "preview": preview},
    )


def next_page(request, default: str = "") -> str:
    """Where to return after a correction made away from its page (an undo, a kind fixed from
    an index): a page of this site only."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else default or reverse("articles:changes")


@require_POST
@editor_required
def undo(request, pk):
    correction = get_object_or_404(Correction, pk=pk)
    return run(request, next_page(request), history.undo, correction_id=correction.pk)


@require_POST
@editor_required
def redo(request, pk):
    correction = get_object_or_404(Correction, pk=pk)
    return run(request, next_page(request), history.redo, correction_id=correction.pk)


@editor_required
def elsewhere(request, pk):
    """GET: the other places this fix fits; POST: apply it there as one bulk correction."""
    correction = get_object_or_404(Correction.objects.select_related("entity"), pk=pk)
    if request.method == "POST":
        back = reverse("articles:changes")
        return run(request, back, mentions.apply_elsewhere, correction_id=correction.pk)
    places = mentions.same_elsewhere(correction)
    page = Paginator(places.order_by("article_id", "start"), 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "articles/editing/elsewhere.html", {"correction": correction, "page": page}
    )


@require_GET
@editor_required
def entity_search(request):
    """Type-ahead over names and aliases, for linking, merging and speakers."""
    # The field being typed in may be named for its use (entity, into, speaker, other).
    names = ("q", "entity", "into", "speaker", "speaker_name", "other")
    query = next((request.GET[n] for n in names if request.GET.get(n)), "").strip()[:100]
    matches = Entity.objects.none()
    if len(query) >= 2:
        matches = (
            Entity.objects.filter(Q(name__icontains=query) | Q(aliases__name__icontains=query))
            .distinct()
            .order_by("name")[:15]
        )
    return TemplateResponse(request, "articles/editing/_entity_options.html", {"entities": matches})


NEWEST_CHANGES = Ordering(key="id", id="id", key_type=int)


@require_safe
def recent_changes(request):
    """Every correction, newest first; editors can undo from here."""
    changes = Correction.objects.select_related("editor", "article", "entity", "undone_by")
    # Newest first by id (ids grow with time), read on the primary key from a cursor.
    page = keyset_page(changes, NEWEST_CHANGES, cursor=request.GET.get("cursor"), size=50)
    return TemplateResponse(request, "articles/editing/changes.html", {"page": page})
