"""The open archive's read-only JSON API, under /api/: articles, entities, quotes and dates.

Built with django-ninja rather than Django REST framework: the API only reads, and ninja's
operations are plain functions with typed parameters (like the project's function views) whose
pydantic schemas give both the validation and the OpenAPI 3 schema at /api/openapi.json, with
no serializer, viewset or router classes to learn; its docs page ships its assets in the wheel,
so /api/docs works offline under the site's Content-Security-Policy (no CDN).

Every answer is built from the same selectors as the reading pages (`articles.reading`), within
the same bounds: a list is a page read on an index from a cursor, so its cost does not grow with
the archive. `edge.py` adds CORS, ETag and 304s; `throttling.py` the rate limit.
"""
