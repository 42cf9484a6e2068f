"""What a letter must have before it is approved or issued: the header fields and sections its
template version requires, and the choice whether it is public (with a Woo ground when not).

A required header field counts only where the letter carries it: a field that none of the
addressed municipalities' profiles prints cannot be asked for. A board's letter needs its
addressees, a salutation, and a chair and a secretary of the sending body on its date.
"""

from django.utils.translation import gettext as _

from governance.models import Letter

from .board import missing_signatories
from .profiles import carried_fields
from .richtext import unplaced_numbers


def _section_filled(letter: Letter, section) -> bool:
    if section.text.strip() or section.blocks.all():
        return True
    return section.question.lists_decisions and bool(letter.related_decisions.all())


def missing_for_issue(letter: Letter) -> list[str]:
    """What is still missing, in Dutch, in the order of the letter; empty when complete.

    Expects the letter from `selectors.letter_for_print` (sections, blocks, decisions, addressees
    and their profiles prefetched)."""
    missing = []
    if not letter.subject.strip():
        missing.append(_("Betreft"))
    carried = carried_fields(letter.addressee_list())
    for name in letter.template.required_fields:
        if name in carried and not str(getattr(letter, name, "") or "").strip():
            missing.append(str(Letter._meta.get_field(name).verbose_name).capitalize())
    if letter.is_board_letter:
        if not letter.addressee_list():
            missing.append(_("de colleges waaraan de brief gaat"))
        if not letter.salutation.strip():
            missing.append(_("de aanhef"))
        missing.extend(missing_signatories(letter.sender_body, letter.date))
    if letter.is_public is False and not letter.woo_ground:
        missing.append(_("de reden waarom de brief niet openbaar is (Woo)"))
    for section in letter.sections.all():
        if section.question.is_required and not _section_filled(letter, section):
            missing.append(_("het onderdeel '%(question)s'") % {"question": section.question.text})
        for number in unplaced_numbers(section.text, len(section.blocks.all())):
            missing.append(
                _("gegevensblok %(number)d dat '%(question)s' noemt ([[blok %(number)d]])")
                % {"number": number, "question": section.question.text}
            )
    return missing


def missing_message(missing: list[str], *, action: str) -> str:
    return _("De brief is niet %(action)s. Nog niet ingevuld: %(missing)s.") % {
        "action": action,
        "missing": ", ".join(missing),
    }
