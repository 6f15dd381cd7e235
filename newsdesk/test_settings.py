"""Settings for the test suite: production settings with a throwaway key and no HTTPS redirect.

The primary also stands in as its own read replica (`TEST["MIRROR"]`), with the router that sends
reads there. The middleware that lets readers' pages use it is left to the tests of the replica
(tests/project/test_replica.py): a live server's threads would open connections to the `replica`
alias, which Django refuses in tests that did not ask for that database.
"""

import os

os.environ.setdefault(
    "SECRET_KEY", "tests-only-secret-key-that-is-long-and-random-enough-1234567890"
)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from newsdesk.settings import *  # noqa: F403
from newsdesk.settings import DATABASES, MIDDLEWARE

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
# Tests ask the API far faster than a client may; the rate limit's own test lowers it.
NEWSDESK_API_RATE_PER_MINUTE = 100_000

# Whatever the environment says, the replica here is the primary.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["newsdesk.replica.ReplicaRouter"]
MIDDLEWARE = [name for name in MIDDLEWARE if name != "newsdesk.replica.ReaderReplicaMiddleware"]
