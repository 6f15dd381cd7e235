import pytest

from tests.uploading import DATABASE, IMMEDIATE, forget_task_backends, use_task_backend


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run inside the request: an upload is annotated by the time its page shows."""
    use_task_backend(settings, IMMEDIATE)
    yield
    forget_task_backends()


@pytest.fixture
def database_queue(settings):
    """Tasks wait in the database queue until a test runs them, as a worker would."""
    use_task_backend(settings, DATABASE)
    yield
    forget_task_backends()
