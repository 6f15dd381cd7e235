"""Settings for the test suite: production settings with a throwaway key and no HTTPS redirect.

The primary also stands in as its own read replica, so every test runs through the replica router:
readers' pages read from the `replica` alias whenever the test's data is committed (transactional
tests, the browser tests' live server), and from the primary inside a test's transaction.
"""

import os

os.environ.setdefault(
    "SECRET_KEY", "tests-only-secret-key-that-is-long-and-random-enough-1234567890"
)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from newsdesk.settings import *  # noqa: E402,F403
from newsdesk.settings import DATABASES, MIDDLEWARE, reading_from_replica  # noqa: E402

SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files from static/ as they are, found per request (no collectstatic before the tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A writer thread has its own connection, outside the test's transaction; the tests of that path
# ask for it explicitly with a transactional database.
NEWSDESK_INGEST_OVERLAP = False

if "replica" not in DATABASES:
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
    MIDDLEWARE = reading_from_replica(MIDDLEWARE)
    DATABASE_ROUTERS = ["newsdesk.replica.ReplicaRouter"]
