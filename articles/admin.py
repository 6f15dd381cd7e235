from django.contrib import admin
from django.db.models import Count

from articles.models import (
    Alias,
    Article,
    Correction,
    DateMention,
    Entity,
    EntityDistinction,
    LexiconEntry,
    Mention,
    Quote,
)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "published", "byline", "mention_count", "annotated_at"]
    list_filter = ["published", "pipeline_version", "annotated_at"]
    search_fields = ["headline", "byline", "body", "source_url"]
    date_hierarchy = "published"
    readonly_fields = ["content_hash", "origin_name", "annotated_at", "pipeline_version"]
    prepopulated_fields = {"slug": ["headline"]}
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_total=Count("mentions"))

    @admin.display(description="Mentions", ordering="mention_total")
    def mention_count(self, article):
        return article.mention_total


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "mention_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["version"]
    inlines = [AliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_total=Count("mentions"))

    @admin.display(description="Mentions", ordering="mention_total")
    def mention_count(self, entity):
        return entity.mention_total


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "entity"]
    search_fields = ["name", "entity__name"]
    autocomplete_fields = ["entity"]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "entity", "label", "origin", "article", "start", "end"]
    list_filter = ["origin", "rejected", "label", "entity__kind"]
    search_fields = ["text", "entity__name", "article__headline"]
    list_select_related = ["entity", "article"]
    autocomplete_fields = ["entity"]
    readonly_fields = ["version"]
    raw_id_fields = ["article"]

    def get_queryset(self, request):
        return Mention.all_objects.select_related("entity", "article")


@admin.register(DateMention)
class DateMentionAdmin(admin.ModelAdmin):
    list_display = ["text", "value_start", "value_end", "granularity", "origin", "article"]
    list_filter = ["granularity", "origin"]
    search_fields = ["text", "article__headline"]
    list_select_related = ["article"]
    raw_id_fields = ["article"]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "kind", "cue", "origin", "article"]
    list_filter = ["kind", "origin", "rejected"]
    search_fields = ["text", "speaker__name", "article__headline"]
    list_select_related = ["speaker", "article"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article", "speaker_mention"]
    readonly_fields = ["version"]

    def get_queryset(self, request):
        return Quote.all_objects.select_related("speaker", "article")


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["action", "editor", "created_at", "article", "entity", "undone_at"]
    list_filter = ["action", "created_at"]
    search_fields = ["action", "editor__username", "article__headline", "entity__name"]
    list_select_related = ["editor", "article", "entity"]
    raw_id_fields = ["article", "entity", "undone_by"]
    readonly_fields = ["created_at"]


@admin.register(EntityDistinction)
class EntityDistinctionAdmin(admin.ModelAdmin):
    list_display = ["first", "second", "editor", "created_at"]
    raw_id_fields = ["first", "second"]


@admin.register(LexiconEntry)
class LexiconEntryAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "rejected", "created_at"]
    list_filter = ["kind", "rejected"]
    search_fields = ["text"]
