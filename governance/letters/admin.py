"""Letters in the admin: templates are reference data; letters are composed in /brieven/ and only
looked at here (an issued letter never changes, a concept changes through its editor). A concept
may be deleted here, with its sections and blocks, as in /brieven/; nothing else is."""

from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simple_history.admin import SimpleHistoryAdmin

from core.admin import ProtectedAdminMixin, ProtectedInlineMixin, VersionedAdminMixin
from governance.admin import ReadOnlyAdminMixin, ReadOnlyTabularInline
from governance.letters.constants import LetterStatus
from governance.models import (
    Letter,
    LetterBlock,
    LetterPdf,
    LetterProfile,
    LetterQuestion,
    LetterSection,
    LetterTemplate,
)

QUESTION_FIELDS = ("template", "order", "text", "lists_decisions", "is_required")


class LetterQuestionInline(ProtectedInlineMixin, admin.TabularInline):
    model = LetterQuestion
    fields = ("order", "text", "lists_decisions", "is_required")
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
class LetterTemplateAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    delete_parts = ("questions",)  # a template no letter was written on goes with its questions
    list_display = ("name", "version", "valid_from", "slug")
    search_fields = ("name", "slug", "questions__text")
    ordering = ("name", "-version")
    inlines = (LetterQuestionInline,)


@admin.register(LetterQuestion)
class LetterQuestionAdmin(ProtectedAdminMixin, SimpleHistoryAdmin):
    list_display = ("template", "order", "text", "lists_decisions", "is_required")
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


ISSUED_LETTER = gettext_lazy(
    "Deze brief is verzonden en kan niet meer worden gewijzigd of verwijderd; een correctie is een "
    "nieuwe versie, te maken in Brieven."
)
OF_ISSUED_LETTER = gettext_lazy(
    "Dit hoort bij een verzonden brief en kan niet meer worden gewijzigd of verwijderd."
)


@admin.register(Letter)
class LetterAdmin(ProtectedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
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
    list_filter = ("status", "kind", "is_public", "municipality", "template", "deleted_at")
    search_fields = ("subject", "case_number", "author", "municipality__name")
    list_select_related = ("municipality", "template")
    date_hierarchy = "date"
    ordering = ("-date", "-pk")
    inlines = (LetterSectionInline, LetterPdfInline)
    delete_parts = ("sections",)

    def final_reason(self, obj):
        return ISSUED_LETTER if obj.is_issued else None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_draft)

    def deletion_refusals(self, objs):
        objs = list(objs)
        # Only a concept is deleted, as in /brieven/ (the issued ones are final, above).
        waiting = [
            _("‘%(row)s’: alleen een concept kan worden verwijderd (status: %(status)s).")
            % {"row": obj, "status": obj.get_status_display()}
            for obj in objs
            if obj.status == LetterStatus.APPROVED
        ]
        return waiting + super().deletion_refusals(objs)


@admin.register(LetterSection)
class LetterSectionAdmin(ProtectedAdminMixin, ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("letter", "question")
    search_fields = ("letter__subject", "text")
    list_select_related = ("letter", "question")
    delete_parts = ("blocks",)  # deleted with a concept letter

    def final_reason(self, obj):
        return OF_ISSUED_LETTER if obj.letter.is_issued else None


@admin.register(LetterBlock)
class LetterBlockAdmin(ProtectedAdminMixin, ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("section", "order", "block_type")
    list_filter = ("block_type",)
    search_fields = ("section__letter__subject", "block_type")
    list_select_related = ("section__letter", "section__question")

    def final_reason(self, obj):
        return OF_ISSUED_LETTER if obj.section.letter.is_issued else None


@admin.register(LetterPdf)
class LetterPdfAdmin(ProtectedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("letter", "municipality", "sha256", "size", "created")
    search_fields = ("letter__subject", "municipality__name", "sha256")
    list_select_related = ("letter", "municipality")

    def final_reason(self, obj):
        return _("De PDF van een verzonden brief wordt nooit gewijzigd of verwijderd.")


@admin.register(LetterProfile)
class LetterProfileAdmin(ProtectedAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    """Kept by the griffie in /brieven/briefprofiel/; here for the functional administrator."""

    list_display = ("municipality", "budget_programme", "pillar", "core_team", "updated")
    list_select_related = ("municipality",)
    search_fields = ("municipality__name",)
    ordering = ("municipality__name",)
