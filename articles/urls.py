from django.urls import path
from django.views.decorators.http import require_safe

from articles.feeds import EntityArticles, NewestArticles
from articles.views import (
    dates,
    editing,
    entities,
    exporting,
    quotes,
    reading,
    review,
    review_report,
    uploading,
)

app_name = "articles"
urlpatterns = [
    path("", reading.article_list, name="article-list"),
    path("articles/<slug:slug>/", reading.article_detail, name="article"),
    path("feeds/articles/", require_safe(NewestArticles()), name="article-feed"),
    path("entities/<slug:slug>/", entities.entity_detail, name="entity"),
    path("entities/<slug:slug>/feed/", require_safe(EntityArticles()), name="entity-feed"),
    path("quotes/<int:pk>/", quotes.quote_detail, name="quote"),
    path("offers/entities/", entities.entity_offers, name="entity-offers"),
    path("people/", entities.entity_index, {"section": "people"}, name="people"),
    path("places/", entities.entity_index, {"section": "places"}, name="places"),
    path(
        "organisations/", entities.entity_index, {"section": "organisations"}, name="organisations"
    ),
    path("changes/", editing.recent_changes, name="changes"),
    path("edit/mentions/<int:pk>/", editing.mention_correction, name="edit-mention"),
    path("edit/articles/<slug:slug>/mentions/", editing.add_mention, name="add-mention"),
    path("edit/quotes/<int:pk>/", editing.quote_correction, name="edit-quote"),
    path("edit/articles/<slug:slug>/quotes/", editing.add_quote, name="add-quote"),
    path("edit/dates/<int:pk>/", editing.date_correction, name="edit-date"),
    path("edit/articles/<slug:slug>/dates/", editing.add_date, name="add-date"),
    path("edit/entities/search/", editing.entity_search, name="entity-search"),
    path("edit/entities/<slug:slug>/", editing.entity_correction, name="edit-entity"),
    path("edit/entities/<slug:slug>/merge/", editing.merge, name="merge-entity"),
    path("edit/corrections/<int:pk>/undo/", editing.undo, name="undo"),
    path("edit/corrections/<int:pk>/redo/", editing.redo, name="redo"),
    path("edit/corrections/<int:pk>/elsewhere/", editing.elsewhere, name="elsewhere"),
    path("review/", review.queue, name="review"),
    path("review/report/", review_report.report, name="review-report"),
    path("review/items/<int:pk>/", review.fix, name="review-fix"),
    path("review/items/<int:pk>/undo/", review.undo, name="review-undo"),
    path("flags/mentions/<int:pk>/", review.flag_mention, name="flag-mention"),
    path("flags/quotes/<int:pk>/", review.flag_quote, name="flag-quote"),
    path("dates/", dates.timeline, name="timeline"),
    path("dates/<int:year>/", dates.period, name="date-year"),
    path("dates/<int:year>/<int:month>/", dates.period, name="date-month"),
    path("dates/<int:year>/<int:month>/<int:day>/", dates.period, name="date-day"),
    path("dates/<int:year>/network/", dates.period_network_page, name="network-year"),
    path("dates/<int:year>/<int:month>/network/", dates.period_network_page, name="network-month"),
    path(
        "dates/<int:year>/<int:month>/<int:day>/network/",
        dates.period_network_page,
        name="network-day",
    ),
    path("uploads/", uploading.upload, name="uploads"),
    path("exports/", exporting.export, name="export"),
    path("uploads/<int:pk>/", uploading.batch_detail, name="upload-batch"),
    path("uploads/files/<int:pk>/retry/", uploading.retry, name="upload-retry"),
    path("uploads/files/<int:pk>/original/", uploading.original, name="upload-original"),
]
