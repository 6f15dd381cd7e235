"""How the outcome of a correction reaches the editor, and the form fields every correction reads.

An HTMX request gets the result as a fragment for `#edit-result` (a fixed notice, so it is in
view wherever the editor is): 200 with an `annotationsChanged` event when the correction was made,
409 when someone else changed the row meanwhile, 422 when the correction makes no sense, 400 when
the form itself is malformed. The page's htmx configuration swaps those statuses in, so every
refusal is shown. A plain form post is redirected back with a message instead.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django_htmx.http import trigger_client_event

from articles.editing import mentions
from articles.editing.errors import Conflict, Invalid, Overlap
from articles.models import Article, Correction, DateMention, Entity, Mention, Quote
from articles.views import params

CHANGED = "annotationsChanged"
CONFLICT, INVALID, MALFORMED = 409, 422, 400


def version_of(request) -> int | None:
    """The version of the row the editor saw, which every change of an existing row carries."""
    return params.row_id(request.POST.get("version"))


def body_offset(value: str | None) -> int | None:
    """A character offset into an article body: ASCII digits, at most a billion."""
    if not value or len(value) > 10 or not value.isascii() or not value.isdigit():
        return None
    return int(value)


def selected_span(request) -> tuple[int, int] | None:
    """The body offsets of the words an editor selected (filled in by the editing script)."""
    start, end = body_offset(request.POST.get("start")), body_offset(request.POST.get("end"))
    return None if start is None or end is None else (start, end)


def replaced_mentions(request) -> dict[int, int] | None:
    """The marks the editor chose to replace, as "id:version" values; None when malformed."""
    replacing = {}
    for value in request.POST.getlist("replace"):
        mention_id, _, version = value.partition(":")
        mention_id, version = params.row_id(mention_id), params.row_id(version)
        if mention_id is None or version is None:
            return None
        replacing[mention_id] = version
    return replacing


def respond(
    request,
    *,
    back: str,
    correction: Correction | None = None,
    error: str = "",
    status: int = 200,
    overlap: dict | None = None,
):
    """The outcome: a fragment for HTMX, a redirect with a message otherwise (a page saying
    what was wrong, for a malformed form)."""
    if request.htmx:
        context = {"correction": correction, "error": error, "overlap": overlap, "back": back}
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


def malformed(request, error: str, *, back: str):
    return respond(request, back=back, error=error, status=MALFORMED)


def focus_of(correction: Correction) -> int | None:
    """The one mention the correction leaves marked, where keyboard focus belongs afterwards."""
    states = correction.before if correction.undone_at else correction.after
    marked = [
        int(key)
        for key, state in (states.get("mention") or {}).items()
        if state is not None and not state["rejected"]
    ]
    return marked[0] if len(marked) == 1 else None


def run(request, back: str, action, **arguments):
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


def overlap_offer(overlap: Overlap, arguments: dict) -> dict:
    """The two ways on from a selection running into marked names: the new mark replacing them,
    or (for one name) that name's mark stretched over the selection."""
    article = Article.objects.only("slug").get(pk=arguments["article_id"])
    entity_id = arguments.get("entity_id")
    offer = {
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
