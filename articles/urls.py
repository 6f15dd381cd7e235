from django.urls import path

from articles.views import dates, entities, reading

app_name = "articles"
urlpatterns = [
    path("", reading.article_list, name="article-list"),
    path("articles/<slug:slug>/", reading.article_detail, name="article"),
    path("entities/<slug:slug>/", entities.entity_detail, name="entity"),
    path("people/", entities.entity_index, {"section": "people"}, name="people"),
    path("places/", entities.entity_index, {"section": "places"}, name="places"),
    path(
        "organisations/", entities.entity_index, {"section": "organisations"}, name="organisations"
    ),
    path("dates/", dates.timeline, name="timeline"),
    path("dates/<int:year>/", dates.period, name="date-year"),
    path("dates/<int:year>/<int:month>/", dates.period, name="date-month"),
    path("dates/<int:year>/<int:month>/<int:day>/", dates.period, name="date-day"),
]
