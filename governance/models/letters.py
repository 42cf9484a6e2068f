"""Council information letters: versioned question templates, letters, their sections, live data
blocks and the PDFs stored when a letter is issued.

"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import RegionBoundModel, SlugNaturalKeyModel, TimeStampedModel, VersionedModel
from core.scope import region_scoped_manager
from governance.letters.constants import (
    OPTIONAL_HEADER_FIELDS,
    LetterKind,
    LetterStatus,
    TemplateKind,
    WooGround,
)
from governance.letters.workflow import can_transition

from .decisions import Decision
from .region import Body, Municipality, Region


class LetterTemplate(TimeStampedModel, SlugNaturalKeyModel):
    """A version of the fixed questions a letter answers (000 has five, 004 six)."""

    name = models.CharField(
        _("naam"), max_length=200, help_text=_("Staat als titel boven de brief.")
    )
    version = models.PositiveSmallIntegerField(_("versie"))
    valid_from = models.DateField(_("geldig vanaf"))
    letter_kind = models.CharField(
        _("voor"),
        max_length=20,
        choices=TemplateKind.choices,
        default=TemplateKind.COUNCIL,
        help_text=_(
            "Een raadsinformatiebrief beantwoordt de vragen als kopjes; een brief van een "
            "bestuur aan de colleges drukt de onderdelen zonder kopje af."
        ),
    )
    description = models.TextField(_("toelichting"), blank=True)
    required_fields = models.JSONField(
        _("verplichte kopvelden"),
        default=list,
        blank=True,
        help_text=_(
            "De velden van de kop die ingevuld moeten zijn voordat een brief op deze versie "
            "gereed gemeld of verzonden wordt (veldnamen, bijvoorbeeld portfolio_holder). "
            "Datum en onderwerp zijn altijd verplicht."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="letter_template_unique"),
        ]

    def __str__(self):
        return _("%(name)s, versie %(version)s (vanaf %(date)s)") % {
            "name": self.name,
            "version": self.version,
            "date": self.valid_from.strftime("%d-%m-%Y") if self.valid_from else "–",
        }

    def is_in_use(self) -> bool:
        return self.letters.exists()

    def clean(self):
        super().clean()
        allowed = set(OPTIONAL_HEADER_FIELDS)
        fields = self.required_fields
        if not isinstance(fields, list) or any(name not in allowed for name in fields):
            raise ValidationError(
                {
                    "required_fields": _("Kies kopvelden uit: %(fields)s.")
                    % {"fields": ", ".join(OPTIONAL_HEADER_FIELDS)}
                }
            )


class LetterQuestionManager(models.Manager):
    def get_by_natural_key(self, template_slug, order):
        return self.get(template__slug=template_slug, order=order)


class LetterQuestion(TimeStampedModel):
    template = models.ForeignKey(
        LetterTemplate,
        verbose_name=_("sjabloon"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    text = models.CharField(_("vraag"), max_length=300)
    lists_decisions = models.BooleanField(
        _("toont de gerelateerde besluiten"),
        default=False,
        help_text=_("Onder deze vraag staan de gekozen besluiten met hun kenmerk (RIS-nummer)."),
    )
    is_required = models.BooleanField(
        _("verplicht"),
        default=True,
        help_text=_(
            "Een brief wordt pas gereed gemeld of verzonden als dit onderdeel tekst of een "
            "gegevensblok heeft (of, bij de vraag naar besluiten, een gekozen besluit)."
        ),
    )
    objects = LetterQuestionManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vraag van een briefsjabloon")
        verbose_name_plural = _("vragen van briefsjablonen")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "order"], name="letter_question_unique_order"
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.text}"

    def natural_key(self):
        return (self.template.slug, self.order)

    natural_key.dependencies = ["governance.lettertemplate"]


class LetterManager(models.Manager):
    def get_by_natural_key(self, public_id):
        return self.get(public_id=public_id)


class Letter(TimeStampedModel, VersionedModel, RegionBoundModel):
    """A council information letter; a regional letter is one text sent to several councils."""

    public_id = models.UUIDField(
        _("publieke sleutel"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Vaste sleutel in openbare adressen en fixtures."),
    )
    kind = models.CharField(
        _("soort brief"), max_length=20, choices=LetterKind.choices, default=LetterKind.MUNICIPAL
    )
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="letters"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("aan de gemeenteraad van"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        help_text=_("Alleen bij een brief aan één gemeenteraad."),
    )
    addressees = models.ManyToManyField(
        Municipality,
        verbose_name=_("aan de gemeenteraden van"),
        blank=True,
        related_name="regional_letters",
        help_text=_("Alleen bij een regionale brief: elke gemeente krijgt een eigen PDF."),
    )
    template = models.ForeignKey(
        LetterTemplate, verbose_name=_("sjabloon"), on_delete=models.PROTECT, related_name="letters"
    )
    # A board's letter to the colleges (kind 'board'): who sends it, how it opens and closes.
    sender_body = models.ForeignKey(
        Body,
        verbose_name=_("afzender (bestuur)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        help_text=_(
            "Alleen bij een brief van een bestuur: het bestuur dat schrijft, bijvoorbeeld het "
            "dagelijks bestuur. Zijn voorzitter en secretarissen op de datum ondertekenen."
        ),
    )
    salutation = models.CharField(
        _("aanhef"),
        max_length=200,
        blank=True,
        help_text=_("Alleen bij een brief van een bestuur, bijvoorbeeld 'Geacht college,'."),
    )
    closing = models.TextField(
        _("slotformule"),
        blank=True,
        help_text=_(
            "Alleen bij een brief van een bestuur: de groet en namens wie, één per regel, "
            "bijvoorbeeld 'Met vriendelijke groet,'."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=LetterStatus.choices, default=LetterStatus.DRAFT
    )
    # The header block of the letter, in the order of 000.
    date = models.DateField(_("datum"))
    case_number = models.CharField(
        _("zaaknummer"), max_length=100, blank=True, help_text=_("Bijvoorbeeld InProces BBV: …")
    )
    subject = models.CharField(_("betreft"), max_length=300)
    meeting = models.CharField(_("vergadering van"), max_length=200, blank=True)
    portfolio_holder = models.CharField(_("portefeuillehouder"), max_length=200, blank=True)
    budget_programme = models.CharField(_("begrotingsprogramma"), max_length=200, blank=True)
    pillar = models.CharField(_("pijler"), max_length=200, blank=True)
    core_team = models.CharField(_("kernteam/opgave"), max_length=200, blank=True)
    author = models.CharField(_("auteur"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    responsible = models.CharField(_("verantwoordelijke"), max_length=200, blank=True)
    # No default: whoever writes the letter chooses (a required choice on the form).
    is_public = models.BooleanField(
        _("openbaar"),
        help_text=_("Een openbare brief wordt na verzending zonder inloggen gepubliceerd."),
    )
    woo_ground = models.CharField(
        _("reden niet openbaar"),
        max_length=40,
        choices=WooGround.choices,
        blank=True,
        help_text=_("Bij een brief die niet openbaar is: de weigeringsgrond uit art. 5.1 Woo."),
    )
    signature = models.TextField(
        _("ondertekening"),
        blank=True,
        help_text=_("Bijvoorbeeld bij een regionale brief: namens wie, wie tekent. Eén per regel."),
    )
    related_decisions = models.ManyToManyField(
        Decision, verbose_name=_("gerelateerde besluiten"), blank=True, related_name="letters"
    )
    # Corrections: an issued letter never changes; a correction is a new letter that replaces it.
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("vervangt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gereed gemeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("gereed gemeld op"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verzonden door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    # A deleted concept stays in the bin (Prullenbak) for DELETED_LETTER_DAYS, restorable, and
    # is then removed for good by `manage.py purge_deleted_letters`.
    deleted_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verwijderd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # A regional letter is issued by a background job (core.jobs, governance/letters/services/
    # batch.py): the id of its last one, whose page shows the progress and, should it fail, why.
    issue_task_id = models.CharField(
        _("verzendtaak"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("De achtergrondtaak die de PDF's van een regionale brief maakt."),
    )
    region_references = ("municipality", "sender_body")
    objects = region_scoped_manager("region", LetterManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=LetterKind.MUNICIPAL) & Q(municipality__isnull=False))
                | (
                    Q(kind__in=[LetterKind.REGIONAL, LetterKind.BOARD])
                    & Q(municipality__isnull=True)
                ),
                name="letter_municipality_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind=LetterKind.BOARD, sender_body__isnull=False)
                | (~Q(kind=LetterKind.BOARD) & Q(sender_body__isnull=True)),
                name="letter_board_has_sender_body",
            ),
            models.CheckConstraint(
                condition=~Q(status=LetterStatus.ISSUED) | Q(issued_at__isnull=False),
                name="letter_issued_has_time",
            ),
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(woo_ground=""),
                name="letter_public_has_no_woo_ground",
            ),
            models.CheckConstraint(
                condition=Q(deleted_at__isnull=True) | Q(status=LetterStatus.DRAFT),
                name="letter_only_concepts_deleted",
            ),
        ]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.subject}" if self.date else self.subject

    def natural_key(self):
        return (str(self.public_id),)

    natural_key.dependencies = [
        "governance.municipality",
        "governance.body",
        "governance.lettertemplate",
        "governance.decision",
    ]

    def clean(self):
        super().clean()
        # The stored status, not the one loaded earlier: the workflow is about the saved row.
        loaded = (
            Letter.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if self.pk
            else None
        )
        if loaded == LetterStatus.ISSUED:
            raise ValidationError(
                _("Een verzonden brief kan niet meer worden gewijzigd; maak een correctie.")
            )
        if loaded and loaded != self.status and not can_transition(loaded, self.status):
            raise ValidationError(
                {
                    "status": _("Een brief met status '%(from)s' kan niet naar '%(to)s'.")
                    % {"from": LetterStatus(loaded).label, "to": LetterStatus(self.status).label}
                }
            )
        if self.kind == LetterKind.MUNICIPAL and not self.municipality_id:
            raise ValidationError({"municipality": _("Kies de gemeente waaraan de brief gaat.")})
        if self.kind == LetterKind.BOARD and not self.sender_body_id:
            raise ValidationError({"sender_body": _("Kies het bestuur dat de brief verstuurt.")})
        if self.kind != LetterKind.BOARD and self.sender_body_id:
            raise ValidationError(
                {"sender_body": _("Alleen een brief van een bestuur heeft een afzender.")}
            )
        if self.is_public and self.woo_ground:
            raise ValidationError(
                {"woo_ground": _("Een openbare brief heeft geen reden om niet openbaar te zijn.")}
            )
        if self.is_public is False and not self.woo_ground:
            raise ValidationError(
                {"woo_ground": _("Kies waarom de brief niet openbaar is (een grond uit de Woo).")}
            )

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("letters:letter_detail", kwargs={"pk": self.pk})

    @property
    def is_regional(self) -> bool:
        """One text to several municipalities (a regional letter, a board's letter)."""
        return self.kind in (LetterKind.REGIONAL, LetterKind.BOARD)

    @property
    def is_board_letter(self) -> bool:
        return self.kind == LetterKind.BOARD

    @property
    def is_draft(self) -> bool:
        return self.status == LetterStatus.DRAFT

    @property
    def is_issued(self) -> bool:
        return self.status == LetterStatus.ISSUED

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def addressee_list(self) -> list[Municipality]:
        """The councils the letter goes to (uses prefetched addressees when there are any)."""
        if self.municipality_id:
            return [self.municipality]
        return sorted(self.addressees.all(), key=lambda municipality: municipality.name)

    def municipality_ids(self) -> set[int]:
        if self.municipality_id:
            return {self.municipality_id}
        return {municipality.pk for municipality in self.addressees.all()}

    def replacement(self):
        """The correction that replaces this letter, or None (a deleted one is not)."""
        try:
            replacement = self.replaced_by
        except Letter.DoesNotExist:
            return None
        return None if replacement.is_deleted else replacement


class LetterSectionManager(models.Manager):
    def get_by_natural_key(self, letter_public_id, question_order):
        return self.get(letter__public_id=letter_public_id, question__order=question_order)


class LetterSection(TimeStampedModel):
    """The answer to one question of the letter's template."""

    letter = models.ForeignKey(
        Letter, verbose_name=_("brief"), on_delete=models.CASCADE, related_name="sections"
    )
    question = models.ForeignKey(
        LetterQuestion, verbose_name=_("vraag"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(
        _("tekst"),
        blank=True,
        help_text=_(
            "Opgemaakte tekst (alinea's, vet, cursief, opsommingen, links, tabellen), bewaard "
            "als opgeschoonde HTML. Zonder de editor: alinea's scheiden door een witregel, "
            "'- ' of '1. ' voor een opsomming, '## ' voor een tussenkop, **vet**, *cursief*, "
            "[tekst](https://…), '| a | b |' voor een tabelrij en [[blok 1]] op een eigen regel "
            "voor het eerste gegevensblok."
        ),
    )
    objects = region_scoped_manager("letter__region", LetterSectionManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("onderdeel van een brief")
        verbose_name_plural = _("onderdelen van brieven")
        ordering = ["letter", "question__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "question"], name="letter_section_unique_question"
            ),
        ]

    def __str__(self):
        return f"{self.letter.subject} – {self.question.text}"

    def natural_key(self):
        return (str(self.letter.public_id), self.question.order)

    natural_key.dependencies = ["governance.letter", "governance.letterquestion"]


class LetterBlockManager(models.Manager):
    def get_by_natural_key(self, letter_public_id, question_order, order):
        return self.get(
            section__letter__public_id=letter_public_id,
            section__question__order=question_order,
            order=order,
        )


class LetterBlock(TimeStampedModel):
    """A piece of live data (a registered block type) placed in a section.

    `params` holds the block form's input as typed (JSON), and is validated again by the block's
    form before every build. `snapshot` is empty until the letter is issued; then it holds the
    built data per addressed municipality (by CBS code), and the letter shows only that.
    """

    section = models.ForeignKey(
        LetterSection, verbose_name=_("onderdeel"), on_delete=models.CASCADE, related_name="blocks"
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    block_type = models.CharField(_("soort blok"), max_length=50)
    params = models.JSONField(_("instellingen"), default=dict, blank=True)
    snapshot = models.JSONField(_("gegevens bij verzending"), null=True, blank=True, editable=False)
    objects = region_scoped_manager("section__letter__region", LetterBlockManager)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gegevensblok")
        verbose_name_plural = _("gegevensblokken")
        ordering = ["section", "order", "pk"]

    def __str__(self):
        return f"{self.block_type} #{self.order}"

    def natural_key(self):
        return (*self.section.natural_key(), self.order)

    natural_key.dependencies = ["governance.lettersection"]


def letter_pdf_path(instance: "LetterPdf", filename: str) -> str:
    """brieven/<year of issue>/<cbs>-<date>-<subject>-v<version>.pdf"""
    letter = instance.letter
    year = (letter.issued_at or timezone.now()).year
    subject = slugify(letter.subject)[:60] or "brief"
    date = letter.date.isoformat() if letter.date else "zonder-datum"
    return f"brieven/{year}/{instance.municipality.cbs_code}-{date}-{subject}-v{letter.version}.pdf"


class LetterPdf(TimeStampedModel):
    """The PDF of an issued letter for one council, stored once; never changed or overwritten."""

    letter = models.ForeignKey(
        Letter, verbose_name=_("brief"), on_delete=models.PROTECT, related_name="pdfs"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("bestand"), upload_to=letter_pdf_path, max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    objects = region_scoped_manager("letter__region")

    class Meta:
        verbose_name = _("PDF van een verzonden brief")
        verbose_name_plural = _("PDF's van verzonden brieven")
        ordering = ["letter", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "municipality"], name="letter_pdf_one_per_municipality"
            ),
        ]

    def __str__(self):
        return f"{self.letter} – {self.municipality}"
