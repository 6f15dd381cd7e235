"""How the outcome of a correction reaches the editor, and the form fields every correction reads.

An HTMX request gets the result as a fragment for `#edit-result` (a fixed notice, so it is in
view wherever the editor is): 200 with an `annotationsChanged` event when the correction was made,
409 when someone else changed the row meanwhile, 422 when the correction makes no sense, 400 when
the form itself is malformed. The page's htmx configuration swaps those statuses in, so every
refusal is shown. A plain form post is redirected back with a message instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, Concatenate

from django.contrib import messages
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from articles.editing import mentions
from articles.editing.errors import Conflict, Invalid, Overlap
from articles.models import Article, Correction, DateMention, Entity, Mention, Quote
from articles.permissions import editor_required
from articles.reading.pickers import entity_named_by
from articles.views import params
from articles.views.requests import HtmxRequest, SignedInRequest

CHANGED = "annotationsChanged"
CONFLICT, INVALID, MALFORMED = 409, 422, 400
NO_VERSION = "This form has lost track of what it changes; reload the page and try again."


class Refusal(Exception):
    """A form refused before any correction is tried: malformed (400), or asking for something
    that makes no sense (422). `back` is the page the editor returns to."""

    def __init__(self, error: str, *, back: str, status: int = INVALID) -> None:
        super().__init__(error)
        self.back, self.status = back, status


def refusals_shown[**P](
    view: Callable[Concatenate[SignedInRequest, P], HttpResponseBase],
) -> Callable[Concatenate[SignedInRequest, P], HttpResponseBase]:
    """A correction view may read its form with the helpers below, which refuse as they read:
    the refusal is shown here, where every other outcome is."""

    @wraps(view)
    def shown(request: SignedInRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except Refusal as refusal:
            return respond(request, back=refusal.back, error=str(refusal), status=refusal.status)

    return shown


def correction_form[**P](
    view: Callable[Concatenate[SignedInRequest, P], HttpResponseBase],
) -> Callable[Concatenate[SignedInRequest, P], HttpResponseBase]:
    """A view an editor posts a correction to: POST only, editors only, refusals shown."""
    return require_POST(editor_required(refusals_shown(view)))


def version_of(request: HtmxRequest, *, back: str) -> int:
    """The version of the row the editor saw, which every change of an existing row carries:
    without it the form is refused, never applied without the check."""
    version = params.row_id(request.POST.get("version"))
    if version is None:
        raise Refusal(NO_VERSION, back=back, status=MALFORMED)
    return version


def body_offset(value: str | None) -> int | None:
    """A character offset into an article body: ASCII digits, at most a billion."""
    if not value or len(value) > 10 or not value.isascii() or not value.isdigit():
        return None
    return int(value)


def selected_span(request: HtmxRequest, *, back: str, missing: str) -> tuple[int, int]:
    """The body offsets of the words an editor selected (filled in by the editing script);
    refused with `missing` when there are none."""
    start, end = body_offset(request.POST.get("start")), body_offset(request.POST.get("end"))
    if start is None or end is None:
        raise Refusal(missing, back=back)
    return start, end


def named_entity(request: HtmxRequest, field: str, *, back: str, missing: str) -> Entity:
    """The entity whose name, alias or slug the editor typed or picked in `field`."""
    entity = entity_named_by(request.POST.get(field, ""))
    if entity is None:
        raise Refusal(missing, back=back)
    return entity


def replaced_mentions(request: HtmxRequest, *, back: str) -> dict[int, int]:
    """The marks the editor chose to replace, as "id:version" values."""
    replacing = {}
    for value in request.POST.getlist("replace"):
        mention_part, _, version_part = value.partition(":")
        mention_id, version = params.row_id(mention_part), params.row_id(version_part)
        if mention_id is None or version is None:
            raise Refusal(NO_VERSION, back=back, status=MALFORMED)
        replacing[mention_id] = version
    return replacing


def respond(
    request: HtmxRequest,
    *,
    back: str,
    correction: Correction | None = None,
    error: str = "",
    status: int = 200,
    overlap: Mapping[str, object] | None = None,
) -> HttpResponse:
    """The outcome: a fragment for HTMX, a redirect with a message otherwise (a page saying
    what was wrong, for a malformed form)."""
    if request.htmx:
        context: dict[str, object] = {
            "correction": correction,
            "error": error,
            "overlap": overlap,
            "back": back,
        }
        if correction is not None:
            context["elsewhere"] = mentions.same_elsewhere(correction).count()
        response = TemplateResponse(
            request, "articles/editing/_result.html", context, status=status
        )
        if correction is not None:
            trigger_client_event(
                response, CHANGED, {"correction": correction.pk, "mention": focus_of(correction)}
            )
        if error:
            # Shown where results go, whichever region the form was aimed at.
            response["HX-Retarget"] = "#edit-result"
            response["HX-Reswap"] = "innerHTML"
        return response
    if status == MALFORMED:
        context = {"error": error, "back": back}
        return TemplateResponse(request, "articles/editing/refused.html", context, status=status)
    if error:
        messages.error(request, error)
    elif correction is not None:
        messages.success(request, correction.after.get("summary", "Saved."))
    return redirect(back)


def focus_of(correction: Correction) -> int | None:
    """The one mention the correction leaves marked, where keyboard focus belongs afterwards."""
    states = correction.before if correction.undone_at else correction.after
    marked = [
        int(key)
        for key, state in (states.get("mention") or {}).items()
        if state is not None and not state["rejected"]
    ]
    return marked[0] if len(marked) == 1 else None


def run(
    request: SignedInRequest, back: str, action: Callable[..., Correction], **arguments: Any
) -> HttpResponse:
    """Make the correction and say how it went."""
    try:
        correction = action(editor=request.user, **arguments)
    except Overlap as overlap:
        offer = overlap_offer(overlap, arguments)
        return respond(request, back=back, error=str(overlap), status=INVALID, overlap=offer)
    except Conflict as problem:
        return respond(request, back=back, error=str(problem), status=CONFLICT)
    except Invalid as problem:
        return respond(request, back=back, error=str(problem), status=INVALID)
    except (
        Entity.DoesNotExist,
        Mention.DoesNotExist,
        Quote.DoesNotExist,
        DateMention.DoesNotExist,
        Article.DoesNotExist,
    ):
        return respond(
            request, back=back, error="That no longer exists; reload the page.", status=CONFLICT
        )
    return respond(request, back=back, correction=correction)


def overlap_offer(overlap: Overlap, arguments: Mapping[str, Any]) -> dict[str, object]:
    """The two ways on from a selection running into marked names: the new mark replacing them,
    or (for one name) that name's mark stretched over the selection."""
    article = Article.objects.only("slug").get(pk=arguments["article_id"])
    entity_id = arguments.get("entity_id")
    offer: dict[str, object] = {
        "replace_url": reverse("articles:add-mention", args=[article.slug]),
        "start": overlap.start,
        "end": overlap.end,
        "kind": arguments["kind"],
        "entity": Entity.objects.get(pk=entity_id).slug if entity_id else "",
        "covered": overlap.covered,
    }
    if len(overlap.covered) == 1:
        (mention,) = overlap.covered
        start, end = overlap.extent
        offer["extend"] = {
            "url": reverse("articles:edit-mention", args=[mention.pk]),
            "mention": mention,
            "start": start,
            "end": end,
            "text": overlap.extent_text,
        }
    return offer
