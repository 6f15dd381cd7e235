from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django_stubs_ext import WithAnnotations

from articles.ingest import tasks
from articles.ingest.service import content_hash
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
    UploadBatch,
    UploadFile,
    UploadStatus,
)
from articles.models.spans import Span
from articles.readmodels.refresh import forget_articles, refresh_articles, refresh_entities


class ArticleForm(forms.ModelForm[Article]):
    def clean(self) -> dict[str, Any]:
        # Django's forms keep cleaned_data as a plain dict of whatever the fields produced.
        cleaned = super().clean() or {}
        headline = cleaned.get("headline")
        body = self.instance.body if self.instance.pk else cleaned.get("body", "")
        if headline and body:
            digest = content_hash(headline, body)
            if Article.objects.filter(content_hash=digest).exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError("Another article has this headline and body.")
        return cleaned


class MentionTotal(TypedDict):
    mention_total: int


class UploadProgress(TypedDict):
    file_count: int
    waiting_count: int


class KeepsReadModels[M: Article | Span](admin.ModelAdmin[M]):
    """Admin writes go around the editing services, so they bring the read models along
    themselves: the articles a saved or deleted row belongs to are refreshed in the request's
    transaction (and deleted articles are taken out first)."""

    def articles_of(self, rows: Iterable[M]) -> set[int]:
        return {row.pk if isinstance(row, Article) else row.article_id for row in rows}

    def save_model(self, request: HttpRequest, obj: M, form: forms.Form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        previous = form.initial.get("article") if change else None
        refresh_articles(self.articles_of([obj]) | ({int(previous)} if previous else set()))

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        # django-stubs reads the manager of a bound type variable as the bound's union.
        rows = type(obj)._default_manager.filter(pk=obj.pk)
        self.delete_queryset(request, rows)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[M]) -> None:
        articles = self.articles_of(queryset)
        if queryset.model is Article:
            forget_articles(articles)
            super().delete_queryset(request, queryset)
        else:
            super().delete_queryset(request, queryset)
            refresh_articles(articles)


@admin.register(Article)
class ArticleAdmin(KeepsReadModels[Article]):
    list_display = ["headline", "published", "byline", "mention_count", "annotated_at"]
    list_filter = ["published", "pipeline_version", "annotated_at"]
    search_fields = ["headline", "byline", "body", "source_url"]
    date_hierarchy = "published"
    readonly_fields = ["content_hash", "origin_name", "annotated_at", "pipeline_version"]
    prepopulated_fields = {"slug": ["headline"]}
    list_per_page = 50
    form = ArticleForm
    actions = ["reannotate"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(mention_total=Count("mentions"))

    def get_readonly_fields(
        self, request: HttpRequest, obj: Article | None = None
    ) -> list[str] | tuple[str, ...]:
        # Every annotation is an offset into the body: editing it here would orphan them all.
        # To change the text, upload or ingest the piece again.
        return [*self.readonly_fields, "body"] if obj else self.readonly_fields

    def save_model(
        self, request: HttpRequest, obj: Article, form: forms.Form, change: bool
    ) -> None:
        # The same piece is stored once by its headline and body: keep the hash in step.
        obj.content_hash = content_hash(obj.headline, obj.body)
        super().save_model(request, obj, form, change)

    @admin.action(description="Re-annotate selected articles (in the background)")
    def reannotate(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = tasks.queue_reannotation(article_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request, f"Queued re-annotation of {count} article{'s' if count != 1 else ''}."
        )

    @admin.display(description="Mentions", ordering="mention_total")
    def mention_count(self, article: WithAnnotations[Article, MentionTotal]) -> int:
        return article.mention_total


class AliasInline(admin.TabularInline[Alias, Entity]):
    model = Alias
    extra = 1


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin[Entity]):
    list_display = ["name", "kind", "role", "mention_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["version"]
    inlines = [AliasInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Entity]:
        return super().get_queryset(request).annotate(mention_total=Count("mentions"))

    @admin.display(description="Mentions", ordering="mention_total")
    def mention_count(self, entity: WithAnnotations[Entity, MentionTotal]) -> int:
        return entity.mention_total

    def save_model(self, request: HttpRequest, obj: Entity, form: forms.Form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        refresh_entities([obj.pk])  # its kind, copied into its figures for the indexes


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin[Alias]):
    list_display = ["name", "entity"]
    search_fields = ["name", "entity__name"]
    autocomplete_fields = ["entity"]


@admin.register(Mention)
class MentionAdmin(KeepsReadModels[Mention]):
    list_display = ["text", "entity", "label", "origin", "article", "start", "end"]
    list_filter = ["origin", "rejected", "label", "entity__kind"]
    search_fields = ["text", "entity__name", "article__headline"]
    list_select_related = ["entity", "article"]
    autocomplete_fields = ["entity"]
    readonly_fields = ["version"]
    raw_id_fields = ["article"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Mention]:
        return Mention.all_objects.select_related("entity", "article")


@admin.register(DateMention)
class DateMentionAdmin(KeepsReadModels[DateMention]):
    list_display = ["text", "value_start", "value_end", "granularity", "origin", "article"]
    list_filter = ["granularity", "origin"]
    search_fields = ["text", "article__headline"]
    list_select_related = ["article"]
    raw_id_fields = ["article"]


@admin.register(Quote)
class QuoteAdmin(KeepsReadModels[Quote]):
    list_display = ["__str__", "speaker", "kind", "cue", "origin", "article"]
    list_filter = ["kind", "origin", "rejected"]
    search_fields = ["text", "speaker__name", "article__headline"]
    list_select_related = ["speaker", "article"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article", "speaker_mention"]
    readonly_fields = ["version"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Quote]:
        return Quote.all_objects.select_related("speaker", "article")


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin[Correction]):
    list_display = ["action", "editor", "created_at", "article", "entity", "undone_at"]
    list_filter = ["action", "created_at"]
    search_fields = ["action", "editor__username", "article__headline", "entity__name"]
    list_select_related = ["editor", "article", "entity"]
    raw_id_fields = ["article", "entity", "undone_by"]
    readonly_fields = ["created_at"]


@admin.register(EntityDistinction)
class EntityDistinctionAdmin(admin.ModelAdmin[EntityDistinction]):
    list_display = ["first", "second", "editor", "created_at"]
    raw_id_fields = ["first", "second"]


@admin.register(LexiconEntry)
class LexiconEntryAdmin(admin.ModelAdmin[LexiconEntry]):
    list_display = ["text", "kind", "rejected", "created_at"]
    list_filter = ["kind", "rejected"]
    search_fields = ["text"]


class UploadFileInline(admin.TabularInline[UploadFile, UploadBatch]):
    model = UploadFile
    fields = ["name", "size", "status", "reason", "task_id", "attempt", "finished_at"]
    readonly_fields = ["name", "size", "status", "reason", "task_id", "attempt", "finished_at"]
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[UploadFile]:
        return super().get_queryset(request).defer("original")

    def has_add_permission(self, request: HttpRequest, obj: UploadBatch | None = None) -> bool:
        return False


@admin.register(UploadBatch)
class UploadBatchAdmin(admin.ModelAdmin[UploadBatch]):
    list_display = ["__str__", "uploader", "created_at", "file_count", "waiting_count"]
    readonly_fields = ["uploader", "created_at"]
    inlines = [UploadFileInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[UploadBatch]:
        return UploadBatch.objects.with_progress()

    @admin.display(description="Files", ordering="file_count")
    def file_count(self, batch: WithAnnotations[UploadBatch, UploadProgress]) -> int:
        return batch.file_count

    @admin.display(description="Waiting", ordering="waiting_count")
    def waiting_count(self, batch: WithAnnotations[UploadBatch, UploadProgress]) -> int:
        return batch.waiting_count


@admin.register(UploadFile)
class UploadFileAdmin(admin.ModelAdmin[UploadFile]):
    list_display = ["name", "batch", "status", "size", "attempt", "finished_at"]
    list_filter = ["status"]
    search_fields = ["name", "reason"]
    list_select_related = ["batch"]
    exclude = ["original"]
    readonly_fields = [
        "batch",
        "name",
        "size",
        "status",
        "reason",
        "articles",
        "task_id",
        "attempt",
        "finished_at",
    ]
    actions = ["retry"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[UploadFile]:
        return super().get_queryset(request).defer("original")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Retry selected failed files")
    def retry(self, request: HttpRequest, queryset: QuerySet[UploadFile]) -> None:
        failed = queryset.filter(status=UploadStatus.FAILED).values_list("pk", flat=True)
        retried = sum(tasks.retry_upload(file_id=pk) for pk in failed)
        level = messages.SUCCESS if retried else messages.WARNING
        self.message_user(
            request, f"Queued {retried} file{'s' if retried != 1 else ''} again.", level
        )


# django-axes lists failed log-ins here; an admin lifts a lock-out (an editor who mistyped, say)
# without waiting for it to expire.
admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):  # type: ignore[misc]  # django-axes ships no types
    actions = [*AccessAttemptAdmin.actions, "lift_lockout"]

    @admin.action(description="Lift the lock-out (forget these failed log-ins)")
    def lift_lockout(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        names = sorted({attempt.username or attempt.ip_address for attempt in queryset})
        queryset.delete()
        self.message_user(request, f"Lifted the lock-out of {', '.join(names)}: they can log in.")
