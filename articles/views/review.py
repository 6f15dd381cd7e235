"""Editorial review: readers flag a mention or a quote, editors clear the queue at /review/.

Readers need no account; a flag is taken, refused (422: no reason given, the mention is gone) or
held back (429: the hour's allowance is spent), and the flag box says which in place. Editors
apply a fix by its key; an HTMX request gets the queue back with the next item current and the
outcome in the fixed notice (with Undo), a refusal (409, 422) in the notice alone; a plain form
post is redirected back to the queue with a message.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from articles.editing.errors import Conflict, Invalid
from articles.editing.mentions import same_elsewhere
from articles.models import Mention, Quote, ReviewItem
from articles.models.review import MENTION_REASONS, QUOTE_REASONS
from articles.permissions import editor_required
from articles.review import fixing, flags
from articles.review.queue import queue_page
from articles.views import params
from newsdesk.logins import client_address

QUEUE = "articles/review/queue.html"
FLAG_BOX = "articles/review/_flag_box.html"
VERSIONED = ("mention", "quote", "date", "entity", "other")
TOO_MANY = 429
# Fixes that take a typed name, and what to say when none was typed.
TYPED = {"link": "Type who this name is.", "speaker": "Type who said it."}


def from_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (django-htmx's middleware says so on the request)."""
    return bool(getattr(request, "htmx", False))


@require_safe
@vary_on_headers("HX-Request")
@editor_required
def queue(request: HttpRequest) -> HttpResponseBase:
    template = QUEUE + "#review-queue" if from_htmx(request) else QUEUE
    context = queue_context(request.GET.get("page"), current=0)
    return TemplateResponse(request, template, context)


def queue_context(
    page_number: str | int | None, *, current: int, item_id: int | None = None
) -> dict[str, object]:
    page = queue_page(page_number)
    items = list(page)
    if item_id is not None:  # an item put back: it is the current one, wherever it falls
        current = next((n for n, item in enumerate(items) if item.pk == item_id), current)
    return {"page": page, "current": min(current, max(len(items) - 1, 0))}


def versions_of(request: HttpRequest) -> dict[str, int]:
    found: dict[str, int] = {}
    for row in VERSIONED:
        if (version := params.row_id(request.POST.get(f"{row}_version"))) is not None:
            found[row] = version
    return found


def page_of(request: HttpRequest) -> str | int:
    page = request.POST.get("page", "")
    return page if page.isascii() and page.isdigit() and len(page) < 7 else 1


def position_of(request: HttpRequest) -> int:
    value = request.POST.get("position", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 4 else 0


@require_POST
@editor_required
def fix(request: HttpRequest, pk: int) -> HttpResponseBase:
    get_object_or_404(ReviewItem, pk=pk)
    chosen = request.POST.get("fix", "")
    if not chosen:
        return HttpResponseBadRequest("No fix chosen.")
    if chosen in TYPED:
        typed = params.text(request.POST.get("name"), limit=300)
        if not typed:
            return refused(request, TYPED[chosen], status=422, page_number=page_of(request))
        chosen = f"{chosen}:{typed}"
    return settle(
        request,
        fixing.apply_fix,
        item_id=pk,
        fix=chosen,
        versions=versions_of(request),
    )


@require_POST
@editor_required
def undo(request: HttpRequest, pk: int) -> HttpResponseBase:
    get_object_or_404(ReviewItem, pk=pk)
    return settle(request, fixing.undo_fix, item_id=pk, put_back=True)


def settle(
    request: HttpRequest,
    action: Callable[..., ReviewItem],
    *,
    put_back: bool = False,
    **arguments: object,
) -> HttpResponseBase:
    """Apply a fix or an undo and show the queue as it now is, or the refusal."""
    page_number = page_of(request)
    try:
        item = action(editor=request.user, **arguments)
    except Conflict as problem:
        return refused(request, str(problem), status=409, page_number=page_number)
    except Invalid as problem:
        return refused(request, str(problem), status=422, page_number=page_number)
    notice = {"item": item, "put_back": put_back}
    if not from_htmx(request):
        messages.success(request, notice_text(item, put_back=put_back))
        return redirect(f"{reverse('articles:review')}?page={page_number}")
    context = queue_context(
        page_number, current=position_of(request), item_id=item.pk if put_back else None
    )
    if item.closed_by is not None:
        # A relabel or a rejection here may fit elsewhere too: offered as on the article.
        notice["elsewhere"] = same_elsewhere(item.closed_by).count()
    context["notice"] = notice
    return TemplateResponse(request, QUEUE + "#review-queue", context)


def notice_text(item: ReviewItem, *, put_back: bool) -> str:
    if put_back:
        return f"Back in the queue: {item.subject}."
    if item.closed_by is not None:
        return str(item.closed_by.after.get("summary", "Fixed."))
    return f"Dismissed: {item.subject}."


def refused(
    request: HttpRequest, error: str, *, status: int, page_number: str | int
) -> HttpResponseBase:
    if not from_htmx(request):
        messages.error(request, error)
        return redirect(f"{reverse('articles:review')}?page={page_number}")
    context = {"error": error}
    response = TemplateResponse(request, "articles/editing/_result.html", context, status=status)
    response["HX-Retarget"] = "#edit-result"
    response["HX-Reswap"] = "innerHTML"
    return response


# -- readers' flags ----------------------------------------------------------------------------
@require_POST
def flag_mention(request: HttpRequest, pk: int) -> HttpResponseBase:
    mention = get_object_or_404(Mention.objects.select_related("article", "entity"), pk=pk)
    back = f"{mention.article.get_absolute_url()}?entity={mention.entity.slug}&mention={pk}"
    box = {"target": "mention", "row": mention, "reasons": MENTION_REASONS}
    return take_flag(request, flags.flag_mention, box=box, back=back, mention_id=pk)


@require_POST
def flag_quote(request: HttpRequest, pk: int) -> HttpResponseBase:
    quote = get_object_or_404(Quote.objects.select_related("article"), pk=pk)
    back = f"{quote.article.get_absolute_url()}#quote-{pk}"
    box = {"target": "quote", "row": quote, "reasons": QUOTE_REASONS}
    return take_flag(request, flags.flag_quote, box=box, back=back, quote_id=pk)


def take_flag(
    request: HttpRequest,
    action: Callable[..., flags.Outcome],
    *,
    box: dict[str, object],
    back: str,
    **arguments: object,
) -> HttpResponseBase:
    status, message, error = 200, "", ""
    try:
        outcome = action(
            reason=request.POST.get("reason", ""),
            note=request.POST.get("note", ""),
            reader=flags.reader_key(client_address(request)),
            **arguments,
        )
    except flags.TooMany as problem:
        status, error = TOO_MANY, str(problem)
    except flags.Refused as problem:
        status, error = 422, str(problem)
    else:
        message = (
            "Thank you: the editors will look at it."
            if outcome.counted
            else "You have flagged this already; the editors will look at it."
        )
    if not from_htmx(request):
        (messages.error if error else messages.success)(request, error or message)
        return redirect(back)
    context = {**box, "message": message, "error": error}
    return TemplateResponse(request, FLAG_BOX, context, status=status)
