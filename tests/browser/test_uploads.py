"""An admin uploads articles in a real browser and watches the batch finish.

The tasks go through the database queue, and a worker runs in a thread once the page shows the
files queued, so the page really polls, sees them finish, and stops polling.
"""

import base64
import re
import threading

import pytest
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, screenshot, sign_in
from tests.conftest import SEED
from tests.uploading import DATABASE, docx_bytes, use_task_backend

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
PASSWORD = "a long and unguessable password"

DROP = """([name, encoded]) => {
  const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name));
  const zone = document.querySelector("[data-dropzone]");
  zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
}"""


@pytest.fixture
def database_queue(settings):
    use_task_backend(settings, DATABASE)
    yield
    use_task_backend(settings, DATABASE)  # dropped again once the settings are restored


def run_worker() -> None:
    """What `manage.py db_worker --batch` does, minus signal handlers (a thread cannot set them)."""
    worker = Worker(
        queue_names=["default"],
        interval=0.1,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    )
    try:
        worker.run()
    finally:
        connection.close()


def test_an_admin_uploads_text_and_word_and_watches_them_finish(
    page, live_server, django_user_model, database_queue
):
    django_user_model.objects.create_user("chief", password=PASSWORD, is_staff=True)
    sign_in(page, live_server, "/uploads/", username="chief", password=PASSWORD)
    expect(page.locator("h1")).to_have_text("Upload articles")
    page.wait_for_load_state("networkidle")  # the upload script is loaded and listening

    page.locator("#id_files").set_input_files(str(SEED))
    page.evaluate(DROP, ["glacier.docx", base64.b64encode(docx_bytes()).decode()])
    expect(page.locator("#chosen-files li")).to_have_text([SEED.name, "glacier.docx"])
    page.locator("#upload-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/uploads/\d+/$"))
    batch_url = page.url
    files = page.locator("#upload-files")
    expect(files).to_have_attribute("hx-trigger", "every 2s")
    expect(files.locator(".status")).to_have_text(["Queued", "Queued"])
    polls = []
    page.on("request", lambda request: polls.append(request) if request.url == batch_url else None)

    worker = threading.Thread(target=run_worker)
    worker.start()
    expect(files).to_have_attribute("data-finished", "true", timeout=60_000)
    worker.join(timeout=60)

    expect(files.locator(".status")).to_have_text(["Done", "Done"])
    expect(files).not_to_have_attribute("hx-trigger", re.compile(".*"))
    assert polls, "the page never polled"
    screenshot(page, "upload-batch-finished")
    finished_polls = len(polls)
    page.wait_for_timeout(4500)
    assert len(polls) == finished_polls, "polling went on after every file finished"

    # On a phone the files are labelled lines, as wide as the screen.
    page.set_viewport_size(VIEWPORTS["phone"])
    page.reload()
    statuses = files.locator(".status")
    expect(statuses).to_have_text(["Done", "Done"])
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    for cell in files.locator("td").all():
        box = cell.bounding_box()
        assert box is None or box["x"] + box["width"] <= VIEWPORTS["phone"]["width"]
    assert page.locator("header.masthead").bounding_box()["height"] <= 120
    screenshot(page, "upload-batch-phone")
    page.set_viewport_size({"width": 1360, "height": 900})

    files.get_by_role("link", name="Glacier Retreat Alarms Swiss Scientists").click()
    expect(page.locator("h1#headline")).to_have_text("Glacier Retreat Alarms Swiss Scientists")
    page.goto(batch_url)
    files.get_by_role("link", name="Pakistan Military Backs Afghan Peace Talks").click()
    expect(page.locator("h1#headline")).to_have_text("Pakistan Military Backs Afghan Peace Talks")
    assert page.console_errors == []
