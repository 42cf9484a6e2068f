"""A board's letter to the colleges (as 002): the sending body's letterhead, "Geacht college,",
signed by the body's chair, secretary and deputy secretary on the letter's date, written and
sent by the body's secretariat, one PDF per college, and an e-mail to each addressed griffie.
"""

import datetime
import shutil
import subprocess

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import pytest

from core.models import BackgroundJob
from governance.constants import BodyKind, MembershipRole, Role
from governance.letters import services
from governance.letters.board import board_signatories, missing_signatories
from governance.letters.completeness import missing_for_issue
from governance.letters.constants import LetterKind, LetterStatus, TemplateKind
from governance.letters.document import printed_letter, render_letter_html, render_letter_pdf
from governance.letters.permissions import letter_permissions, letters_visible_q
from governance.letters.selectors import letter_for_print
from governance.models import Letter, LetterPdf, Membership, Organisation
from tests.governance.factories import (
    BodyFactory,
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    UserFactory,
)
from tests.governance.letter_factories import LetterTemplateFactory, section_of, user_with_role
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

DATE = datetime.date(2021, 5, 20)
CONFIRMED = {"bevestigd": "ja"}
REQUEST = "Wij verzoeken u deze brief ter informatie aan te bieden aan uw college en gemeenteraad."


@pytest.fixture
def region():
    return RegionFactory(slug="zhz", name="Zuid-Holland Zuid")


@pytest.fixture
def colleges(region):
    return [
        MunicipalityFactory(region=region, name="Dordrecht", cbs_code="GM0505"),
        MunicipalityFactory(region=region, name="Gorinchem", cbs_code="GM0512"),
        MunicipalityFactory(region=region, name="Sliedrecht", cbs_code="GM0610"),
    ]


@pytest.fixture
def board(region):
    organisation = Organisation.objects.create(
        region=region, slug="dgj", name="Dienst Gezondheid & Jeugd", abbreviation="DG&J"
    )
    return BodyFactory(
        region=region,
        organisation=organisation,
        slug="db-dgj",
        name="Dagelijks Bestuur Dienst Gezondheid & Jeugd",
        abbreviation="DB",
        kind=BodyKind.EXECUTIVE_BOARD,
    )


def _member(
    board, role, name, job_title, *, user=None, since=datetime.date(2021, 2, 11), until=None
):
    person = PersonFactory(region=board.region, name=name, job_title=job_title, user=user)
    return Membership.objects.create(
        person=person, body=board, role=role, valid_from=since, valid_until=until
    )


@pytest.fixture
def people(board, region):
    """The chair, the secretary and the deputy secretary, the latter two with an account."""
    secretary = UserFactory(password=None, email="secretaris@example.org")
    deputy = UserFactory(password=None, email="plv@example.org")
    _member(board, MembershipRole.CHAIR, "Jan Proefhout", "Burgemeester")
    _member(board, MembershipRole.SECRETARY, "Carla Testman", "Directeur DG&J", user=secretary)
    _member(
        board,
        MembershipRole.DEPUTY_SECRETARY,
        "Erik Demooij",
        "Directeur Serviceorganisatie Jeugd",
        user=deputy,
    )
    return {"secretary": secretary, "deputy": deputy}


@pytest.fixture
def template():
    return LetterTemplateFactory(
        slug="bestuursbrief",
        name="Brief van het bestuur aan de colleges",
        letter_kind=TemplateKind.BOARD,
        questions=["Tekst van de brief", "Verzoek aan het college"],
    )


def _draft(board, template, user, **header):
    values = {
        "date": DATE,
        "subject": "Stand van zaken inkoopproces Jeugdhulp 2022",
        "salutation": "Geacht college,",
        "closing": "Met vriendelijke groet,\nHet dagelijks bestuur van de DG&J.",
        "is_public": True,
        **header,
    }
    letter = services.board_letter_create(user=user, sender_body=board, template=template, **values)
    section = section_of(letter, 1)
    section.text = (
        "<p>Namens de SOJ informeren wij u graag.</p><h3>Doelen en eisen</h3><p>Tekst.</p>"
    )
    section.save()
    return letter


def _approved(board, template, people):
    letter = _draft(board, template, people["deputy"])
    return services.letter_approve(letter=letter, user=people["secretary"])


# --- Signatories -----------------------------------------------------------------------------


def test_the_signatories_are_the_chair_and_secretaries_on_the_letters_date(board, people):
    # A chair who left before the date and one who starts after it do not sign.
    _member(
        board,
        MembershipRole.CHAIR,
        "Oud Voorzitter",
        "",
        since=datetime.date(2019, 1, 1),
        until=datetime.date(2021, 2, 10),
    )
    _member(board, MembershipRole.CHAIR, "Nieuw Voorzitter", "", since=datetime.date(2022, 1, 1))
    _member(board, MembershipRole.MEMBER, "Gewoon Lid", "Wethouder")
    signatories = board_signatories(board, DATE)
    assert [(s.function, s.name, s.job_title) for s in signatories] == [
        ("De voorzitter", "Jan Proefhout", "Burgemeester"),
        ("De secretaris", "Carla Testman", "Directeur DG&J"),
        ("De plv. secretaris", "Erik Demooij", "Directeur Serviceorganisatie Jeugd"),
    ]
    assert missing_signatories(board, DATE) == []
    assert [s.name for s in board_signatories(board, datetime.date(2022, 3, 1))][0] == (
        "Nieuw Voorzitter"
    )
    # Before anyone was a member, nobody signs: the letter says what is missing.
    assert board_signatories(board, datetime.date(2020, 1, 1))[0].name == "Oud Voorzitter"
    assert len(missing_signatories(board, datetime.date(2018, 1, 1))) == 2


def test_a_board_without_a_chair_on_the_date_cannot_be_approved_and_says_why(
    board, people, template, colleges
):
    Membership.objects.filter(body=board, role=MembershipRole.CHAIR).update(
        valid_from=datetime.date(2021, 6, 1)
    )
    letter = _draft(board, template, people["deputy"])
    missing = missing_for_issue(letter_for_print(pk=letter.pk))
    assert missing == [
        "een voorzitter van Dagelijks Bestuur Dienst Gezondheid & Jeugd op 20-05-2021 "
        "(lidmaatschap met de rol voorzitter)"
    ]
    with pytest.raises(ValidationError) as refused:
        services.letter_approve(letter=letter, user=people["secretary"])
    assert "Nog niet ingevuld: een voorzitter van Dagelijks Bestuur" in str(refused.value)
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.DRAFT


def test_the_letter_page_shows_the_signatories_before_issue(
    client, board, people, template, colleges
):
    letter = _draft(board, template, people["deputy"])
    client.force_login(people["secretary"])
    page = client.get(letter.get_absolute_url()).content.decode()
    for text in (
        "Geacht college,",
        "De voorzitter,",
        "Jan Proefhout",
        "De secretaris,",
        "Carla Testman",
        "De plv. secretaris,",
        "Erik Demooij",
        "Aan het college van burgemeester en wethouders van de gemeente Dordrecht",
    ):
        assert text in page, text


# --- Composing -------------------------------------------------------------------------------


def test_the_secretariat_starts_a_letter_to_all_colleges_by_default(
    board, people, template, colleges
):
    letter = _draft(board, template, people["secretary"])
    assert letter.kind == LetterKind.BOARD and letter.sender_body == board
    assert letter.municipality is None
    assert [m.name for m in letter.addressee_list()] == ["Dordrecht", "Gorinchem", "Sliedrecht"]
    assert list(letter.sections.values_list("question__text", flat=True)) == [
        "Tekst van de brief",
        "Verzoek aan het college",
    ]


def test_only_the_secretariat_or_an_administrator_starts_a_board_letter(
    board, people, template, colleges, region
):
    griffie = user_with_role(Role.GRIFFIE, municipality=colleges[0])
    adviser = user_with_role(Role.POLICY_ADVISER, region=region)
    for user in (griffie, adviser):
        with pytest.raises(PermissionDenied):
            _draft(board, template, user)
    admin = user_with_role(Role.FUNCTIONAL_ADMIN, region=region)
    assert _draft(board, template, admin).sender_body == board
    # A council template is no board's letter.
    with pytest.raises(ValidationError):
        _draft(board, LetterTemplateFactory(), people["secretary"])


def test_the_form_creates_the_letter_and_bad_input_changes_nothing(
    client, board, people, template, colleges
):
    client.force_login(people["secretary"])
    url = reverse("letters:board_letter_create")
    page = client.get(url).content.decode()
    assert "Geacht college," in page and "Dagelijks Bestuur Dienst Gezondheid" in page
    bad = client.post(url, {"sender_body": board.pk, "template": template.pk, "date": "31-02-2021"})
    assert bad.status_code == 422 and not Letter.objects.exists()
    assert "Vul een bestaande datum in" in bad.content.decode()
    response = client.post(
        url,
        {
            "sender_body": board.pk,
            "template": template.pk,
            "addressees": [colleges[0].pk, colleges[1].pk],
            "date": "2021-05-20",
            "subject": "Inkoop",
            "salutation": "Geacht college,",
            "closing": "Met vriendelijke groet,",
            "is_public": "ja",
        },
    )
    letter = Letter.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "letters:letter_edit", args=[letter.pk]
    )
    assert sorted(m.name for m in letter.addressees.all()) == ["Dordrecht", "Gorinchem"]
    # The editor shows the salutation and closing, no municipal header fields.
    edit = client.get(response["Location"]).content.decode()
    assert 'name="salutation"' in edit and 'name="closing"' in edit
    assert 'name="portfolio_holder"' not in edit and 'name="signature"' not in edit


# --- Permissions -----------------------------------------------------------------------------


def test_who_may_do_what_with_a_board_letter(board, people, template, colleges, region):
    letter = _approved(board, template, people)
    griffie = user_with_role(Role.GRIFFIE, municipality=colleges[0])
    other_griffie = user_with_role(Role.GRIFFIE, municipality=MunicipalityFactory(region=region))
    adviser = user_with_role(Role.POLICY_ADVISER, region=region)
    admin = user_with_role(Role.FUNCTIONAL_ADMIN, region=region)
    member = UserFactory(password=None)
    _member(board, MembershipRole.MEMBER, "Lid", "", user=member)
    ended = UserFactory(password=None)
    _member(board, MembershipRole.SECRETARY, "Oud", "", user=ended, until=datetime.date(2022, 1, 1))
    assert letter_permissions(people["secretary"], letter).issue
    assert letter_permissions(people["deputy"], letter).issue
    assert letter_permissions(admin, letter).issue
    for user in (griffie, adviser):
        permissions = letter_permissions(user, letter)
        assert permissions.view and not (permissions.issue or permissions.reopen)
    for user in (other_griffie, member, ended):
        assert not letter_permissions(user, letter).view
    visible = set(Letter.objects.filter(letters_visible_q(people["deputy"])))
    assert visible == {letter}
    assert not Letter.objects.filter(letters_visible_q(member)).exists()


def test_a_griffie_of_the_one_addressed_municipality_still_may_not_send_it(
    board, people, template, colleges
):
    letter = _draft(board, template, people["deputy"], addressees=[colleges[0]])
    services.letter_approve(letter=letter, user=people["secretary"])
    griffie = user_with_role(Role.GRIFFIE, municipality=colleges[0])
    permissions = letter_permissions(griffie, Letter.objects.get(pk=letter.pk))
    assert permissions.view and not (permissions.issue or permissions.edit or permissions.correct)
    with pytest.raises(PermissionDenied):
        services.letter_issue(letter=letter, user=griffie)


def test_four_eyes_the_author_of_the_secretariat_does_not_approve(
    board, people, template, colleges
):
    letter = _draft(board, template, people["secretary"])
    with pytest.raises(ValidationError):
        services.letter_approve(letter=letter, user=people["secretary"])
    assert services.letter_approvers(letter) == ["plv@example.org"]


def test_refused_pages_for_others(client, board, people, template, colleges, region):
    letter = _approved(board, template, people)
    griffie = user_with_role(Role.GRIFFIE, municipality=colleges[0])
    client.force_login(griffie)
    assert client.get(reverse("letters:board_letter_create")).status_code == 403
    assert client.get(reverse("letters:letter_issue_confirm", args=[letter.pk])).status_code == 403
    response = client.post(
        reverse("letters:letter_action", args=[letter.pk, "verzenden"]), CONFIRMED
    )
    assert response.status_code == 403
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.APPROVED


# --- Printing and issuing --------------------------------------------------------------------


def test_the_printed_letter_has_the_boards_letterhead_and_no_council_parts(
    board, people, template, colleges
):
    letter = _approved(board, template, people)
    html = render_letter_html(printed_letter(letter_for_print(pk=letter.pk), colleges[1]))
    assert (
        '<span class="sender__kind">Dienst Gezondheid &amp; Jeugd</span> '
        '<span class="sender__name">Dagelijks Bestuur Dienst Gezondheid &amp; Jeugd</span>'
    ) in html
    assert "Aan het college van burgemeester en wethouders van de gemeente Gorinchem" in html
    assert '<p class="salutation">Geacht college,</p>' in html
    assert "<h3>Doelen en eisen</h3>" in html
    # No question headings, no empty section, no municipal header, no council.
    for absent in (
        "Tekst van de brief",
        "Verzoek aan het college",
        "Portefeuillehouder",
        "Gemeente</span>",
        "de gemeenteraad",
        "Openbaar",
    ):
        assert absent not in html, absent
    assert html.count('class="letter-section"') == 1


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) ontbreekt")
def test_the_pdf_text_has_letterhead_salutation_and_the_three_signatories(
    board, people, template, colleges, tmp_path
):
    import pikepdf

    letter = _approved(board, template, people)
    section = section_of(letter, 2)
    section.text = f"<p>{REQUEST}</p>"
    section.save()
    letter = letter_for_print(pk=letter.pk)
    _html, pdf = render_letter_pdf(printed_letter(letter, colleges[0]))
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for expected in (
        "Dagelijks Bestuur Dienst Gezondheid & Jeugd",
        "Aan het college van burgemeester en wethouders van de gemeente Dordrecht",
        "Geacht college,",
        REQUEST,
        "Met vriendelijke groet,",
        "De voorzitter, Jan Proefhout Burgemeester",
        "De secretaris, Carla Testman Directeur DG&J",
        "De plv. secretaris, Erik Demooij Directeur Serviceorganisatie Jeugd",
    ):
        assert expected in flat, expected
    for absent in ("Wat is de aanleiding", "Raadsinformatiebrief", "Portefeuillehouder"):
        assert absent not in flat
    with pikepdf.open(path) as document:
        assert str(document.Root.Lang) in ("nl", "nl-NL")
        assert "/StructTreeRoot" in document.Root
        metadata = document.open_metadata()
        assert (metadata["pdfaid:part"], metadata["pdfaid:conformance"]) == ("3", "A")


def test_issuing_mails_each_addressed_griffie_the_link_to_its_pdf(
    board, people, template, colleges, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://jeugdregio.example.org"
    letter = _approved(board, template, people)
    griffies = {}
    for college in colleges:
        user = user_with_role(Role.GRIFFIE, municipality=college)
        user.email = f"griffie-{college.cbs_code}@example.org"
        user.save()
        griffies[college.cbs_code] = user.email
    user_with_role(Role.POLICY_ADVISER, municipality=colleges[0])  # no griffie: no mail
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.letter_issue(letter=letter, user=people["deputy"])
    assert issued.status == LetterStatus.ISSUED and LetterPdf.objects.count() == 3
    run_queued_tasks()
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(griffies.values())
    for mail in mailoutbox:
        cbs = next(code for code, address in griffies.items() if address == mail.to[0])
        url = reverse("letters:letter_pdf", args=[letter.pk, cbs])
        assert f"https://jeugdregio.example.org{url}" in mail.body
        assert mail.subject.startswith("Brief van Dagelijks Bestuur Dienst Gezondheid & Jeugd")


def test_the_secretariat_issues_through_the_background_job_with_a_zip(
    client, board, people, template, colleges, mailoutbox, django_capture_on_commit_callbacks
):
    import io
    import zipfile

    letter = _approved(board, template, people)
    griffie = user_with_role(Role.GRIFFIE, municipality=colleges[2])
    griffie.email = "griffie@sliedrecht.example.org"
    griffie.save()
    client.force_login(people["deputy"])
    response = client.post(
        reverse("letters:letter_action", args=[letter.pk, "verzenden"]), CONFIRMED, follow=True
    )
    letter.refresh_from_db()
    job = BackgroundJob.objects.get(pk=letter.issue_task_id)
    assert response.redirect_chain[-1][0] == reverse("jobs:job_detail", args=[job.pk])
    with django_capture_on_commit_callbacks(execute=True):
        run_queued_tasks()
    run_queued_tasks()  # the notifications queued by the job
    job.refresh_from_db()
    letter.refresh_from_db()
    assert job.status == "done", job.message
    assert letter.status == LetterStatus.ISSUED and letter.issued_by == people["deputy"]
    assert [mail.to for mail in mailoutbox] == [["griffie@sliedrecht.example.org"]]
    archive = client.get(reverse("letters:letter_zip", args=[letter.pk]))
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped:
        assert sorted(name[:6] for name in zipped.namelist()) == ["GM0505", "GM0512", "GM0610"]
    # The griffie reads the letter and her own PDF.
    client.force_login(griffie)
    assert client.get(reverse("letters:letter_pdf", args=[letter.pk, "GM0610"])).status_code == 200
