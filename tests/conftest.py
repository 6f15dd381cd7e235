from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT / "articles" / "samples"
SEED = SAMPLES / "seed" / "pakistan-military-backs-afghan-peace-talks.txt"


@pytest.fixture
def write_file(tmp_path):
    """Write `content` (str or bytes) to tmp_path/name and return the path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
