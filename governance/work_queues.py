"""What waits for the griffie on the home page: their own concepts, concepts of their council
that someone else wrote (to approve, four eyes), and council views due within four weeks."""

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.registry import WorkItem, WorkQueue
from governance.constants import CouncilViewStatus, Role
from governance.letters.constants import LetterKind, LetterStatus
from governance.models import CouncilView, Decision, Letter, Municipality, Person
from governance.permissions import has_role, person_of

COUNCIL_VIEW_HORIZON = timedelta(weeks=4)


def _griffie(user) -> bool:
    return has_role(user, Role.GRIFFIE)


def _letters_data():
    """What the letter queues show: the letters, their municipalities, the griffie's person (their
    council)."""
    return (Letter.objects.all(), Municipality.objects.all(), Person.objects.all())


def _council_views_data():
    return (
        CouncilView.objects.all(),
        Decision.objects.all(),
        Municipality.objects.all(),
        Person.objects.all(),
    )


def _concepts():
    return Letter.objects.filter(status=LetterStatus.DRAFT, deleted_at__isnull=True)


def _letter_item(letter: Letter) -> WorkItem:
    return WorkItem(
        title=letter.subject or _("(zonder onderwerp)"),
        url=letter.get_absolute_url(),
        detail=_("%(municipality)s · gewijzigd %(when)s")
        % {
            "municipality": letter.municipality or _("regionale brief"),
            "when": date_format(letter.updated, "j F Y"),
        },
    )


def my_concepts(region, user, today: date) -> list[WorkItem]:
    letters = _concepts().filter(created_by=user).select_related("municipality")
    return [_letter_item(letter) for letter in letters.order_by("-updated")[:20]]


def letters_to_approve(region, user, today: date) -> list[WorkItem]:
    """Concepts to the griffie's own council that someone else wrote: they may approve them."""
    person = person_of(user)
    if person is None or person.municipality_id is None:
        return []
    letters = (
        _concepts()
        .filter(kind=LetterKind.MUNICIPAL, municipality_id=person.municipality_id)
        .filter(~Q(created_by=user) | Q(created_by__isnull=True))
        .select_related("municipality")
    )
    return [_letter_item(letter) for letter in letters.order_by("-updated")[:20]]


def council_views_due(region, user, today: date) -> list[WorkItem]:
    """Awaited council views of the griffie's council due within four weeks (or overdue)."""
    person = person_of(user)
    if person is None or person.municipality_id is None:
        return []
    views = (
        CouncilView.objects.filter(
            municipality_id=person.municipality_id,
            status=CouncilViewStatus.AWAITED,
            deadline__lte=today + COUNCIL_VIEW_HORIZON,
        )
        .select_related("decision", "municipality")
        .order_by("deadline")
    )
    return [
        WorkItem(
            title=view.decision.title,
            url=reverse("registers:decision_detail", args=[view.decision.slug]),
            detail=_("zienswijze van %(municipality)s uiterlijk %(deadline)s")
            % {
                "municipality": view.municipality.name,
                "deadline": date_format(view.deadline, "j F Y"),
            },
            urgent=view.deadline < today,
        )
        for view in views[:20]
    ]


WORK_QUEUES = (
    WorkQueue(
        "letters-mine",
        gettext_lazy("Mijn conceptbrieven"),
        my_concepts,
        visible=_griffie,
        empty_text=gettext_lazy("U hebt geen conceptbrieven."),
        order=200,
        data=_letters_data,
    ),
    WorkQueue(
        "letters-to-approve",
        gettext_lazy("Brieven om gereed te melden"),
        letters_to_approve,
        visible=_griffie,
        empty_text=gettext_lazy("Er wachten geen brieven van anderen op uw goedkeuring."),
        order=210,
        data=_letters_data,
    ),
    WorkQueue(
        "council-views-due",
        gettext_lazy("Zienswijzen binnen vier weken"),
        council_views_due,
        visible=_griffie,
        empty_text=gettext_lazy("Er is binnen vier weken geen zienswijze van uw raad nodig."),
        order=220,
        data=_council_views_data,
    ),
)
