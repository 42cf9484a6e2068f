"""Letters in the admin: templates are reference data; letters are composed in /brieven/ and only
looked at here (an issued letter never changes, a concept changes through its editor)."""

from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from core.admin import VersionedAdminMixin
from governance.admin import ReadOnlyAdminMixin, ReadOnlyTabularInline
from governance.models import (
    Letter,
    LetterBlock,
    LetterPdf,
    LetterQuestion,
    LetterSection,
    LetterTemplate,
)

QUESTION_FIELDS = ("template", "order", "text", "lists_decisions")


class LetterQuestionInline(admin.TabularInline):
    model = LetterQuestion
    fields = ("order", "text", "lists_decisions")
    extra = 0

    # A template that letters were written on is fixed: a change is a new template version.
    def _in_use(self, obj):
        return obj is not None and obj.pk is not None and obj.is_in_use()

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._in_use(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._in_use(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._in_use(obj)


@admin.register(LetterTemplate)
class LetterTemplateAdmin(SimpleHistoryAdmin):
    list_display = ("name", "version", "valid_from", "slug")
    search_fields = ("name", "slug", "questions__text")
    ordering = ("name", "-version")
    inlines = (LetterQuestionInline,)


@admin.register(LetterQuestion)
class LetterQuestionAdmin(SimpleHistoryAdmin):
    list_display = ("template", "order", "text", "lists_decisions")
    list_filter = ("template",)
    search_fields = ("text",)
    list_select_related = ("template",)
    ordering = ("template", "order")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.template.is_in_use():
            return QUESTION_FIELDS
        return ()


class LetterSectionInline(ReadOnlyTabularInline):
    model = LetterSection
    fields = ("question", "text")


class LetterPdfInline(ReadOnlyTabularInline):
    model = LetterPdf
    fields = ("municipality", "file", "sha256", "size", "created")


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "date",
        "subject",
        "municipality",
        "kind",
        "status",
        "version",
        "is_public",
        "issued_at",
    )
    list_filter = ("status", "kind", "is_public", "municipality", "template")
    search_fields = ("subject", "case_number", "author", "municipality__name")
    list_select_related = ("municipality", "template")
    date_hierarchy = "date"
    ordering = ("-date", "-pk")
    inlines = (LetterSectionInline, LetterPdfInline)


@admin.register(LetterSection)
class LetterSectionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("letter", "question")
    search_fields = ("letter__subject", "text")
    list_select_related = ("letter", "question")


@admin.register(LetterBlock)
class LetterBlockAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("section", "order", "block_type")
    list_filter = ("block_type",)
    search_fields = ("section__letter__subject", "block_type")
    list_select_related = ("section__letter", "section__question")


@admin.register(LetterPdf)
class LetterPdfAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("letter", "municipality", "sha256", "size", "created")
    search_fields = ("letter__subject", "municipality__name", "sha256")
    list_select_related = ("letter", "municipality")
