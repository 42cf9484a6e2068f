"""Reads for the letter pages: querysets shaped for each page, scoped to what the user may see."""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Prefetch, QuerySet

from governance.models import (
    Decision,
    Letter,
    LetterBlock,
    LetterPdf,
    LetterSection,
    LetterTemplate,
    Municipality,
)

from .constants import LetterStatus
from .permissions import letters_visible_q


def letters_for_list(*, user: User | AnonymousUser) -> QuerySet[Letter]:
    """The letter list: addressee, template and the number of addressed councils in one query."""
    return (
        Letter.objects.filter(letters_visible_q(user))
        .select_related("municipality", "template")
        .annotate(addressee_count=Count("addressees", distinct=True))
        .order_by("-date", "-pk")
    )


def _sections() -> Prefetch:
    return Prefetch(
        "sections",
        queryset=LetterSection.objects.select_related("question")
        .order_by("question__order")
        .prefetch_related(Prefetch("blocks", queryset=LetterBlock.objects.order_by("order", "pk"))),
    )


def _letter_with_everything() -> QuerySet[Letter]:
    return Letter.objects.select_related(
        "municipality",
        "region",
        "template",
        "replaces",
        "replaced_by",
        "created_by__person",
        "approved_by__person",
        "issued_by__person",
    ).prefetch_related(
        _sections(),
        Prefetch("addressees", queryset=Municipality.objects.order_by("name")),
        Prefetch(
            "related_decisions",
            queryset=Decision.objects.select_related("body").order_by("date", "title"),
        ),
        Prefetch("pdfs", queryset=LetterPdf.objects.select_related("municipality").order_by("pk")),
    )


def letter_for_detail(*, pk: int, user: User | AnonymousUser) -> Letter | None:
    """One letter with everything its pages show, or None when the user may not see it."""
    return _letter_with_everything().filter(letters_visible_q(user), pk=pk).first()


def letter_for_print(*, pk: int) -> Letter:
    """A letter for rendering, unscoped (services and commands check permissions themselves)."""
    return _letter_with_everything().get(pk=pk)


def letter_templates_current() -> QuerySet[LetterTemplate]:
    return LetterTemplate.objects.order_by("-valid_from", "-version")


def decisions_for_letters() -> QuerySet[Decision]:
    return Decision.objects.select_related("body").order_by("-date", "title")


def public_documents() -> QuerySet[LetterPdf]:
    """The PDFs of issued public letters, newest first: what /openbaar/brieven/ publishes."""
    return (
        LetterPdf.objects.filter(letter__status=LetterStatus.ISSUED, letter__is_public=True)
        .select_related(
            "letter__template", "letter__replaces", "letter__replaced_by", "municipality"
        )
        .order_by("-letter__date", "-letter__issued_at", "municipality__name")
    )


def public_document(*, public_id, cbs_code: str) -> LetterPdf | None:
    return (
        public_documents()
        .filter(letter__public_id=public_id, municipality__cbs_code=cbs_code)
        .first()
    )
