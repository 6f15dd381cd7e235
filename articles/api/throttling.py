"""The API's rate limit: requests per client address per minute, counted in a shared cache.

A fixed window a minute long, one counter per client and window, in the `api-rate` cache that
every web process shares (the database), so the limit holds across workers and machines. Two
requests of one client arriving at once may both read the same count: a client may get a request
or two more than the limit, never fewer.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from newsdesk.logins import client_address

WINDOW_SECONDS = 60


class PerClientRate(BaseThrottle):
    def __init__(self) -> None:
        self.retry_after: float | None = None

    def allow_request(self, request: HttpRequest) -> bool:
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        # Hashed: a forwarded address is the client's own words, of any length or character.
        client = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
        key = f"api-rate:{client}:{window}"
        cache = caches["api-rate"]
        count: int = cache.get(key, 0) + 1
        if count > settings.NEWSDESK_API_RATE_PER_MINUTE:
            self.retry_after = (window + 1) * WINDOW_SECONDS - now
            return False
        cache.set(key, count, timeout=WINDOW_SECONDS)
        return True

    def wait(self) -> float | None:
        return self.retry_after
