"""Browser tests: Playwright driving Debian's Chromium against Django's live server.

Chromium comes from the distribution (`apt-get install chromium`); nothing is downloaded. Tests
are skipped when it is absent. Screenshots go to tests/screenshots/ (ignored by git).
"""

import contextlib
import os
import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from articles.ingest.service import ingest_paths
from articles.permissions import editors_group
from tests.conftest import SEED

CHROMIUM = os.environ.get("NEWSDESK_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
# Playwright's synchronous API keeps an event loop running in the test thread; the tests only
# touch the database between browser calls, never concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    args = ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(0, "--no-sandbox")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser
        browser.close()


# The two screens every behaviour a user sees is checked on.
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def open_page(browser, viewport: dict, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.console_errors = errors
    return context, page


@pytest.fixture
def page(browser):
    context, page = open_page(browser, {"width": 1360, "height": 900})
    yield page
    settle(page)
    context.close()


SEED_PATH = "/articles/pakistan-military-backs-afghan-peace-talks/"


@pytest.fixture(params=sorted(VIEWPORTS))
def screen(request, browser):
    """A page at each viewport in turn, named by `page.screen` ("desktop", "phone")."""
    context, page = open_page(browser, VIEWPORTS[request.param], has_touch=request.param == "phone")
    page.screen = request.param
    yield page
    settle(page)
    context.close()


def in_view(page, locator) -> bool:
    """Whether the element's whole box lies inside the viewport."""
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"] + 0.5
        and box["y"] + box["height"] <= size["height"] + 0.5
    )


def settle(page) -> None:
    """Wait for requests still in flight (HTMX reloads after a click): the test database is
    emptied right after the test, and a request running meanwhile could deadlock with it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):  # still busy after 5 s: closed all the same
        page.wait_for_load_state("networkidle", timeout=5_000)
    # The server may still be finishing a response the page no longer waits for.
    page.wait_for_timeout(500)


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1360, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    settle(page)
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


# Select words that may run across marks, as a reader dragging over them would.
SELECT_ACROSS = """words => {
  for (const paragraph of document.querySelectorAll("#article-body p")) {
    const at = paragraph.textContent.indexOf(words);
    if (at < 0) continue;
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0;
    while (walker.nextNode()) {
      const node = walker.currentNode, length = node.textContent.length;
      if (seen <= at && at < seen + length) range.setStart(node, at - seen);
      if (seen < at + words.length && at + words.length <= seen + length) {
        range.setEnd(node, at + words.length - seen);
        break;
      }
      seen += length;
    }
    paragraph.scrollIntoView({block: "center"});  // words a reader sees
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    document.dispatchEvent(new MouseEvent("mouseup"));
    return true;
  }
  return false;
}"""


EDITOR_PASSWORD = "correct horse"


def make_editor() -> User:
    editor = User.objects.create_user("editor", password=EDITOR_PASSWORD)
    editor.groups.add(editors_group())
    return editor


def sign_in(page, live_server, path: str, *, username="editor", password=EDITOR_PASSWORD) -> None:
    """Sign in with the form, and arrive at `path`."""
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.stacked button[type=submit]")
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))


@pytest.fixture
def seed_page(screen, live_server):
    """The seed article, ingested, open at each viewport in turn."""
    ingest_paths([str(SEED)])
    screen.goto(live_server.url + SEED_PATH)
    screen.wait_for_load_state("networkidle")  # the reading script is loaded and listening
    return screen


def last_curtis(page):
    """ "Curtis said." closes the article: the name in its last paragraph."""
    return page.locator("#article-body a.mention", has_text=re.compile("^Curtis$")).last
