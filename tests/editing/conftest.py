"""What editing tests share: an editor, the seed article on the real pipeline, and a record of
every correction as it finishes."""

import pytest

from articles.editing.recording import Draft
from articles.ingest.service import ingest_paths
from tests.conftest import SEED
from tests.factories import UserFactory


@pytest.fixture
def editor():
    return UserFactory.create(username="editor")


@pytest.fixture
def seed():
    """The seed article, as the real pipeline annotates it."""
    ingest_paths([str(SEED)])


@pytest.fixture
def finished(monkeypatch) -> list[Draft]:
    """Every correction (undo and redo included) as it finishes, in order."""
    drafts = []
    finish = Draft.finish

    def finish_and_keep(draft: Draft) -> None:
        finish(draft)
        drafts.append(draft)

    monkeypatch.setattr(Draft, "finish", finish_and_keep)
    return drafts
