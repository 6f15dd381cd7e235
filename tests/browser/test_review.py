"""Review in a real browser, on a desktop and on a phone: a reader flags a name and a quote
without an account, and an editor clears four items of the queue (a reader's flag, two checks'
findings and a doubt of the pipeline's) by keyboard alone, then undoes the last; every result in
view. The report of what editors taught reads on both screens."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import DateMention, Doubt, Entity, Mention, ReviewItem
from articles.review.checks import run_checks
from articles.review.flags import flag_mention, flag_quote, reader_key
from tests.browser.conftest import in_view, make_editor, screenshot, sign_in
from tests.factories import MentionFactory, make_article, make_entity, mention, quote
from tests.review.conftest import unplaced

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
BODY = "Trucks from Karachi queued at Torkham. “We are open,” said Gul Rahman, recently."


def labelled(article, entity, text, label):
    return MentionFactory.create(article=article, entity=entity, text=text, label=label)


@pytest.fixture
def archive():
    """Karachi as an organisation (a reader flagged it), Torkham as a place in two articles and
    an organisation in a third, and a date the pipeline could not place."""
    first = make_article(body=BODY, headline="Trade resumes")
    # As the model labelled them: the archive agrees with the pipeline, a reader does not.
    karachi = labelled(first, make_entity(name="Karachi", kind="ORG"), "Karachi", "ORG")
    place = make_entity(name="Torkham", kind="PLACE")
    mention(first, place, "Torkham")
    mention(make_article(body="Torkham is busy.", headline="Busy"), place, "Torkham")
    third = make_article(body="Torkham reopened on Monday.", headline="Reopened")
    labelled(third, make_entity(name="Torkham", kind="ORG"), "Torkham", "ORG")
    rahman = make_entity(name="Gul Rahman", kind="PERSON")
    labelled(first, rahman, "Gul Rahman", "PERSON")
    quote(first, "“We are open,”", rahman)
    unplaced(first, "recently")
    return {"article": first, "karachi": karachi}


def test_a_reader_flags_a_name_and_a_quote(screen, live_server, archive):
    page = screen
    article, karachi = archive["article"], archive["karachi"]
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    page.locator("#article-body a.mention", has_text=re.compile("^Karachi$")).click()
    box = page.locator("#entity-panel .flag-box")
    box.locator("summary").click()
    box.get_by_label("Wrong kind").check()
    box.get_by_label("Note for the editors (optional)").fill("Karachi is a city <b>!</b>")
    box.get_by_role("button", name="Tell the editors").click()
    thanks = page.locator("#entity-panel .flag-box .result")
    expect(thanks).to_have_text("Thank you: the editors will look at it.")
    assert in_view(page, thanks), page.screen
    screenshot(page, f"review-reader-flag-{page.screen}")
    item = ReviewItem.objects.get(mention=karachi)
    assert item.evidence["notes"] == ["Karachi is a city <b>!</b>"]

    page.goto(live_server.url + article.get_absolute_url())
    quote_box = page.locator("#article-quotes .flag-box").first
    quote_box.locator("summary").scroll_into_view_if_needed()
    quote_box.locator("summary").click()
    quote_box.get_by_role("button", name="Tell the editors").click()
    quote_thanks = page.locator("#article-quotes .flag-box .result")
    expect(quote_thanks).to_have_text("Thank you: the editors will look at it.")
    assert in_view(page, quote_thanks), page.screen
    screenshot(page, f"review-reader-quote-{page.screen}")


def doubted_link(article):
    """Gul Rahman, named in two articles, joined to one of two people of that name: a doubt
    the linking recorded at ingest."""
    rahman = Mention.objects.get(article=article, text="Gul Rahman")
    fruit = make_article(body="Gul Rahman sold fruit.", headline="Fruit")
    labelled(fruit, rahman.entity, "Gul Rahman", "PERSON")
    namesake = make_entity(name="Gul Rahman", kind="PERSON")
    detail = {"chosen": rahman.entity_id, "other": namesake.pk, "other_name": namesake.name}
    Doubt.objects.create(article=article, mention=rahman, topic="doubt-link", detail=detail)
    return namesake


@pytest.fixture
def queue(screen, live_server, archive):
    flag_mention(
        mention_id=archive["karachi"].pk, reason="wrong-kind", note="", reader=reader_key("a")
    )
    screen.namesake = doubted_link(archive["article"])
    run_checks()
    make_editor()
    sign_in(screen, live_server, "/review/")
    screen.wait_for_load_state("networkidle")  # the queue's script is loaded and listening
    return screen


def current(page):
    return page.locator("#review-queue .review-item--current")


def test_an_editor_clears_four_items_a_doubt_among_them_by_keyboard_alone(queue):
    page = queue
    left = page.locator("#review-queue [data-left]")
    expect(left).to_have_text("4")
    expect(current(page).locator("h2")).to_have_text("Karachi")
    page.keyboard.press("j")
    expect(current(page).locator("h2")).to_have_text("Torkham")
    page.keyboard.press("k")
    expect(current(page).locator("h2")).to_have_text("Karachi")
    assert in_view(page, current(page).locator("header")), page.screen
    screenshot(page, f"review-queue-{page.screen}")

    page.keyboard.press("l")  # Karachi is a place, here
    expect(left).to_have_text("3")
    expect(page.locator("#edit-result")).to_contain_text("“Karachi”: Organisation → Place")
    expect(current(page).locator("h2")).to_have_text("Torkham")
    assert in_view(page, page.locator("#edit-result .result-box")), page.screen
    page.keyboard.press("m")  # the organisation merged into the place
    expect(left).to_have_text("2")
    expect(page.locator("#edit-result")).to_contain_text("Torkham merged into Torkham")
    doubt = current(page)
    expect(doubt.locator(".review-item__topic")).to_have_text("The name matched two entities")
    expect(doubt.locator(".review-item__counts")).to_contain_text("also matched: Gul Rahman")
    assert in_view(page, doubt.locator("header")), page.screen
    screenshot(page, f"review-queue-doubt-{page.screen}")
    page.keyboard.press("c")  # the other Gul Rahman
    expect(left).to_have_text("1")
    expect(current(page).locator("h2")).to_have_text("recently")
    page.keyboard.press("x")  # not a date
    expect(left).to_have_text("0")
    expect(page.locator("#review-queue")).to_contain_text("Nothing left to review.")
    screenshot(page, f"review-queue-cleared-{page.screen}")
    assert Entity.objects.get(name="Karachi").kind == "PLACE"
    assert list(Entity.objects.filter(name="Torkham").values_list("kind", flat=True)) == ["PLACE"]
    assert DateMention.all_objects.get(text="recently").rejected
    linked = Mention.objects.get(article__headline="Trade resumes", text="Gul Rahman")
    assert linked.entity_id == page.namesake.pk

    page.keyboard.press("u")
    expect(left).to_have_text("1")
    expect(current(page).locator("h2")).to_have_text("recently")
    assert in_view(page, current(page).locator("header")), page.screen
    assert not DateMention.all_objects.get(text="recently").rejected
    assert page.console_errors == []


# The next key the moment the queue is back, as a quick editor presses it: one task after the
# swap, before htmx's default settle delay would have wired up the forms swapped in.
KEY_AT_SWAP = """key => {
  let pressed = false;
  document.body.addEventListener("htmx:afterSwap", event => {
    if (pressed || event.detail.target.id !== "review-queue") return;
    pressed = true;
    setTimeout(() => document.activeElement.dispatchEvent(
      new KeyboardEvent("keydown", {key: key, bubbles: true, cancelable: true})));
  });
}"""


def test_a_key_pressed_as_the_queue_comes_back_is_not_lost(queue):
    page = queue
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    page.evaluate(KEY_AT_SWAP, "m")
    page.keyboard.press("l")
    expect(page.locator("#review-queue [data-left]")).to_have_text("2")
    expect(page.locator("#edit-result")).to_contain_text("Torkham merged into Torkham")
    expect(page.locator("#edit-result [data-shortcut=u]")).to_have_count(1)
    assert [post.headers.get("hx-request") for post in posts] == ["true", "true"]


def test_an_editor_types_who_spoke_a_flagged_quote(screen, live_server, archive):
    page = screen
    spoken = archive["article"].quotes.get()
    spoken.speaker = Entity.objects.get(name="Karachi")
    spoken.save()
    flag_quote(quote_id=spoken.pk, reason="wrong-speaker", note="", reader=reader_key("a"))
    make_editor()
    sign_in(page, live_server, "/review/")
    page.wait_for_load_state("networkidle")
    expect(current(page).locator(".review-item__topic")).to_have_text("Wrong speaker")
    page.keyboard.press("t")
    field = current(page).locator("[data-typed]")
    expect(field).to_be_focused()
    field.fill("Gul Rahman")
    assert in_view(page, field), page.screen
    field.press("Enter")
    expect(page.locator("#edit-result")).to_contain_text("speaker Karachi → Gul Rahman")
    assert in_view(page, page.locator("#edit-result .result-box")), page.screen
    screenshot(page, f"review-typed-speaker-{page.screen}")
    spoken.refresh_from_db()
    assert spoken.speaker is not None
    assert spoken.speaker.name == "Gul Rahman"


def test_an_editor_reads_what_editors_taught(queue):
    page = queue
    page.keyboard.press("l")  # a correction this week: Karachi is a place
    expect(page.locator("#review-queue [data-left]")).to_have_text("3")
    page.get_by_role("link", name="What editors taught, week by week").click()
    expect(page).to_have_url(re.compile("/review/report/$"))
    week = page.locator(".report-week").first
    expect(week.locator("[data-figure=corrections]")).to_have_text("1")
    expect(week.locator(".report-week__kinds")).to_contain_text("Mention relabelled: 1")
    assert in_view(page, week.locator("[data-figure=error-rate]")), page.screen
    screenshot(page, f"review-report-{page.screen}")
    assert page.console_errors == []
