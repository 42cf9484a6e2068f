"""Reads for the letter pages: querysets shaped for each page, scoped to what the user may see."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Prefetch, QuerySet

from core.jobs.selectors import with_state
from core.models import BackgroundJob, BackgroundJobStatus
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
from .permissions import letters_in_bin_q, letters_visible_q, profile_municipalities
from .profiles import profile_of


def letters_for_list(*, user: User | AnonymousUser) -> QuerySet[Letter]:
    """The letter list: addressee, template and the number of addressed councils in one query."""
    return (
        Letter.objects.filter(letters_visible_q(user))
        .select_related("municipality", "template")
        .annotate(addressee_count=Count("addressees", distinct=True))
        .order_by("-date", "-pk")
    )


def letter_list_data() -> tuple[QuerySet, ...]:
    """What a row of the letter list (and its filter's choices) shows, as querysets of the
    active region: the letters (their addressees are set with a save of the letter), their
    municipalities and templates."""
    return (Letter.objects.all(), Municipality.objects.all(), LetterTemplate.objects.all())


def _sections() -> Prefetch:
    return Prefetch(
        "sections",
        queryset=LetterSection.objects.select_related("question")
        .order_by("question__order")
        .prefetch_related(Prefetch("blocks", queryset=LetterBlock.objects.order_by("order", "pk"))),
    )


def _letter_with_everything() -> QuerySet[Letter]:
    return Letter.objects.select_related(
        "municipality__letter_profile",
        "region",
        "template",
        "sender_body__organisation",
        "replaces",
        "replaced_by",
        "created_by__person",
        "approved_by__person",
        "issued_by__person",
    ).prefetch_related(
        _sections(),
        Prefetch(
            "addressees",
            queryset=Municipality.objects.select_related("letter_profile").order_by("name"),
        ),
        Prefetch(
            "related_decisions",
            queryset=Decision.objects.select_related("body").order_by("date", "title"),
        ),
        Prefetch("pdfs", queryset=LetterPdf.objects.select_related("municipality").order_by("pk")),
    )


def letter_for_detail(*, pk: int, user: User | AnonymousUser) -> Letter | None:
    """One letter with everything its pages show, or None when the user may not see it."""
    return _letter_with_everything().filter(letters_visible_q(user), pk=pk).first()


def letters_in_bin(*, user: User | AnonymousUser) -> QuerySet[Letter]:
    """The deleted concepts a user may restore, most recently deleted first."""
    return (
        Letter.objects.filter(letters_in_bin_q(user))
        .select_related("municipality", "deleted_by__person", "created_by__person")
        .annotate(addressee_count=Count("addressees", distinct=True))
        .order_by("-deleted_at", "-pk")
    )


def letter_in_bin(*, pk: int, user: User | AnonymousUser) -> Letter | None:
    return Letter.objects.filter(letters_in_bin_q(user), pk=pk).first()


def letter_profiles_for(*, user: User | AnonymousUser) -> list[tuple[Municipality, object]]:
    """The municipalities whose letter profile the user keeps, each with its profile or None."""
    municipalities = profile_municipalities(user).select_related("letter_profile").order_by("name")
    return [(municipality, profile_of(municipality)) for municipality in municipalities]


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


def batch_job(letter: Letter) -> BackgroundJob | None:
    """The letter's last background issue (services/batch.py) as its pages show it, if any."""
    if not letter.issue_task_id:
        return None
    job = BackgroundJob.objects.select_related("owner").filter(pk=letter.issue_task_id).first()
    return with_state([job])[0] if job else None


@dataclass(frozen=True)
class IssueProgress:
    """Where the background issue of a letter stands, as its pages show it: the state of its
    job (`core.jobs`), the job itself (its page is its owner's) and its Dutch error."""

    state: str  # "none", "queued", "running", "done" or "failed"
    error: str = ""
    job: BackgroundJob | None = None

    @property
    def pending(self) -> bool:
        return self.state in ("queued", "running")


def letter_issue_progress(letter: Letter) -> IssueProgress:
    """The state of the letter's issue job; a refusal carries the Dutch text the job gave."""
    if letter.is_issued:
        return IssueProgress("done")
    job = batch_job(letter)
    if job is None:  # never sent in the background, or the job was cleaned up
        return IssueProgress("none")
    if job.status == BackgroundJobStatus.QUEUED:
        return IssueProgress("queued", job=job)
    if job.status == BackgroundJobStatus.RUNNING:
        return IssueProgress("running", job=job)
    if job.status == BackgroundJobStatus.FAILED:
        return IssueProgress("failed", job.message, job=job)
    return IssueProgress("none", job=job)
