"""Editors' corrections: thin views over the services of articles.editing.

Every view checks the editor permission itself and changes data only on POST. An HTMX request
gets the correction's result as a fragment and an `annotationsChanged` event, so the article and
the panel reload themselves; a plain form post is redirected back with a message (see
`articles.views.outcomes`). A change to an existing row must carry the version the editor saw:
without one the form is refused (400), never applied without the check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_safe

from articles.editing import dates, entities, history, mentions, quotes
from articles.editing.rejecting import reject
from articles.models import Article, Correction, DateMention, Entity, Mention, Quote
from articles.nlp.kinds import KINDS
from articles.permissions import editor_required
from articles.reading.keyset import Ordering, keyset_page
from articles.views.outcomes import (
    Refusal,
    correction_form,
    named_entity,
    refusals_shown,
    replaced_mentions,
    run,
    selected_span,
    version_of,
)
from articles.views.requests import HtmxRequest, SignedInRequest


@dataclass(frozen=True)
class Selection:
    """Words an editor selected in an article, to mark as a name, a date or a quote."""

    article: Article
    start: int
    end: int

    @property
    def back(self) -> str:
        return self.article.get_absolute_url()

    @property
    def span(self) -> dict[str, int]:
        """The selection as the services that add a span take it."""
        return {"article_id": self.article.pk, "start": self.start, "end": self.end}


def changed_span[S: (Quote, DateMention)](
    request: HtmxRequest, model: type[S], pk: int
) -> tuple[str, int]:
    """The page of the span's article, to return to, and the version of the span the editor saw."""
    span = get_object_or_404(model.all_objects.select_related("article"), pk=pk)
    back = span.article.get_absolute_url()
    return back, version_of(request, back=back)


def selection(request: HtmxRequest, slug: str, *, missing: str) -> Selection:
    """The article and the words selected in it; refused with `missing` when none are."""
    article = get_object_or_404(Article, slug=slug)
    start, end = selected_span(request, back=article.get_absolute_url(), missing=missing)
    return Selection(article, start, end)


@correction_form
def mention_correction(request: SignedInRequest, pk: int) -> HttpResponseBase:
    mention = get_object_or_404(Mention.all_objects.select_related("article", "entity"), pk=pk)
    back = f"{mention.article.get_absolute_url()}?entity={mention.entity.slug}&mention={pk}"
    common = {"mention_id": pk, "version": version_of(request, back=back)}
    action = request.POST.get("action")
    if action == "relabel":
        kind = request.POST.get("kind", "")
        return run(request, back, mentions.relabel_mention, kind=kind, **common)
    if action == "link":
        missing = "Choose the entity to link to."
        target = named_entity(request, "entity", back=back, missing=missing)
        return run(request, back, mentions.link_mention, entity_id=target.pk, **common)
    if action == "detach":
        return run(request, back, mentions.detach_mention, **common)
    if action == "reject":
        return run(request, back, partial(reject, Mention), pk=pk, version=common["version"])
    if action == "adjust":
        missing = "Select the right words in the text first."
        start, end = selected_span(request, back=back, missing=missing)
        return run(request, back, mentions.adjust_mention, start=start, end=end, **common)
    return HttpResponseBadRequest("Unknown action.")


@correction_form
def add_mention(request: SignedInRequest, slug: str) -> HttpResponseBase:
    chosen = selection(request, slug, missing="Select the name in the text first.")
    replacing = replaced_mentions(request, back=chosen.back)
    entity = Entity.objects.filter(slug=request.POST.get("entity", "")).first()
    kind = entity.kind if entity else request.POST.get("kind", "")
    if kind not in KINDS:
        raise Refusal("Choose what kind of name it is.", back=chosen.back)
    entity_id = entity.pk if entity else None
    return run(
        request,
        chosen.back,
        mentions.add_mention,
        kind=kind,
        entity_id=entity_id,
        replacing=replacing,
        **chosen.span,
    )


def chosen_speaker_id(request: HtmxRequest, *, back: str) -> int | None:
    """The speaker typed or picked (a name or alias from anywhere in the archive), or the one
    chosen from the article's; refused when the typed name answers to nobody."""
    typed = request.POST.get("speaker_name", "").strip()
    if typed:
        missing = f"Nobody in the archive is called “{typed[:100]}”; pick a name offered."
        return named_entity(request, "speaker_name", back=back, missing=missing).pk
    speaker = Entity.objects.filter(slug=request.POST.get("speaker", "")).first()
    return speaker.pk if speaker else None


@correction_form
def quote_correction(request: SignedInRequest, pk: int) -> HttpResponseBase:
    back, version = changed_span(request, Quote, pk)
    if request.POST.get("action") == "remove":
        return run(request, back, partial(reject, Quote), pk=pk, version=version)
    speaker_id = chosen_speaker_id(request, back=back)
    kind = request.POST.get("kind", "")
    return run(
        request,
        back,
        quotes.change_quote,
        quote_id=pk,
        version=version,
        speaker_id=speaker_id,
        kind=kind,
    )


@correction_form
def add_quote(request: SignedInRequest, slug: str) -> HttpResponseBase:
    chosen = selection(request, slug, missing="Select the quoted words first.")
    speaker_id = chosen_speaker_id(request, back=chosen.back)
    kind = request.POST.get("kind", "direct")
    return run(
        request, chosen.back, quotes.add_quote, speaker_id=speaker_id, kind=kind, **chosen.span
    )


def as_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@correction_form
def date_correction(request: SignedInRequest, pk: int) -> HttpResponseBase:
    back, version = changed_span(request, DateMention, pk)
    if request.POST.get("action") == "reject":
        return run(request, back, partial(reject, DateMention), pk=pk, version=version)
    first, last = request.POST.get("value_start", ""), request.POST.get("value_end", "")
    value_start, value_end = as_date(first), as_date(last)
    if (first and value_start is None) or (last and value_end is None):
        raise Refusal("Give the days as year-month-day.", back=back)
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


@correction_form
def add_date(request: SignedInRequest, slug: str) -> HttpResponseBase:
    chosen = selection(request, slug, missing="Select the date in the text first.")
    return run(request, chosen.back, dates.add_date, **chosen.span)


@correction_form
def entity_correction(request: SignedInRequest, slug: str) -> HttpResponseBase:
    entity = get_object_or_404(Entity, slug=slug)
    back = entity.get_absolute_url()
    action = request.POST.get("action")
    if action == "distinct":
        other = named_entity(request, "other", back=back, missing="Choose the other entity.")
        return run(request, back, entities.mark_distinct, first_id=entity.pk, second_id=other.pk)
    if action not in ("rename", "edit", "split", "kind"):
        return HttpResponseBadRequest("Unknown action.")
    common = {"entity_id": entity.pk, "version": version_of(request, back=back)}
    if action == "rename":
        name = request.POST.get("name", "")
        return run(request, back, entities.rename_entity, name=name, **common)
    if action == "edit":
        aliases = request.POST.get("aliases", "").replace("\r", "").split("\n")
        role = request.POST.get("role", "")
        return run(request, back, entities.edit_entity, role=role, aliases=aliases, **common)
    if action == "kind":
        # Fixed from an index or a date page: back there, not to the entity.
        back = next_page(request, default=back)
        kind = request.POST.get("kind", "")
        return run(request, back, entities.change_entity_kind, kind=kind, **common)
    alias = request.POST.get("alias", "")
    return run(request, back, entities.split_alias, alias=alias, **common)


@editor_required
@refusals_shown
def merge(request: SignedInRequest, slug: str) -> HttpResponseBase:
    """GET: what would move; POST: merge this entity into the chosen one."""
    source = get_object_or_404(Entity, slug=slug)
    target = Entity.objects.filter(slug=request.GET.get("into") or request.POST.get("into")).first()
    if request.method == "POST":
        if target is None:
            raise Refusal("Choose the entity to merge into.", back=source.get_absolute_url())
        back = next_page(request, default=target.get_absolute_url())
        return run(
            request,
            back,
            entities.merge_entities,
            source_id=source.pk,
            source_version=version_of(request, back=back),
            target_id=target.pk,
        )
    preview = entities.merge_preview(source=source, target=target) if target else None
    return TemplateResponse(
        request,
        "articles/editing/merge.html",
        {"source": source, "target": target, "preview": preview},
    )


def next_page(request: HtmxRequest, default: str = "") -> str:
    """Where to return after a correction made away from its page (an undo, a kind fixed from
    an index): a page of this site only."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else default or reverse("articles:changes")


@correction_form
def undo(request: SignedInRequest, pk: int) -> HttpResponseBase:
    correction = get_object_or_404(Correction, pk=pk)
    return run(request, next_page(request), history.undo, correction_id=correction.pk)


@correction_form
def redo(request: SignedInRequest, pk: int) -> HttpResponseBase:
    correction = get_object_or_404(Correction, pk=pk)
    return run(request, next_page(request), history.redo, correction_id=correction.pk)


@editor_required
def elsewhere(request: SignedInRequest, pk: int) -> HttpResponseBase:
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
def entity_search(request: SignedInRequest) -> HttpResponseBase:
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
def recent_changes(request: HtmxRequest) -> HttpResponseBase:
    """Every correction, newest first; editors can undo from here."""
    changes = Correction.objects.select_related("editor", "article", "entity", "undone_by")
    # Newest first by id (ids grow with time), read on the primary key from a cursor.
    page = keyset_page(changes, NEWEST_CHANGES, cursor=request.GET.get("cursor"), size=50)
    return TemplateResponse(request, "articles/editing/changes.html", {"page": page})
