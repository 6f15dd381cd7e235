"""Pages kept for readers never hide a correction: a reader who opened a panel and searched
before an editor renamed the entity sees the new name on their next click, in view, on a desktop
and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from articles.editing.entities import rename_entity
from articles.ingest.service import ingest_paths
from articles.models import Entity
from tests.browser.conftest import in_view, make_editor, screenshot
from tests.conftest import SEED

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SEED_PATH = "/articles/pakistan-military-backs-afghan-peace-talks/"


@pytest.fixture
def reader(screen, live_server):
    ingest_paths([str(SEED)])
    screen.goto(live_server.url + SEED_PATH)
    screen.wait_for_load_state("networkidle")
    return screen


def open_curtis(page):
    name = page.locator("#article-body a.mention", has_text=re.compile("^Curtis$")).last
    name.scroll_into_view_if_needed()
    name.click()
    return page.locator("#entity-panel #entity-name")


def test_a_rename_shows_in_a_panel_opened_before_it(reader):
    page = reader
    expect(open_curtis(page)).to_have_text("Lisa Curtis")
    page.keyboard.press("Escape")
    curtis = Entity.objects.get(name="Lisa Curtis")
    rename_entity(
        entity_id=curtis.pk, version=curtis.version, name="Lisa M. Curtis", editor=make_editor()
    )

    heading = open_curtis(page)

    expect(heading).to_have_text("Lisa M. Curtis")
    assert in_view(page, heading), page.screen
    screenshot(page, f"kept-panel-after-rename-{page.screen}")


def test_a_rename_shows_in_a_search_made_before_it(reader, live_server):
    page = reader
    page.goto(f"{live_server.url}/?q=Curtis")
    expect(page.locator("main")).to_contain_text("Lisa Curtis")
    curtis = Entity.objects.get(name="Lisa Curtis")
    rename_entity(
        entity_id=curtis.pk, version=curtis.version, name="Lisa M. Curtis", editor=make_editor()
    )

    page.goto(f"{live_server.url}/?q=Curtis")

    expect(page.locator("main")).to_contain_text("Lisa M. Curtis")
    screenshot(page, f"kept-search-after-rename-{page.screen}")
