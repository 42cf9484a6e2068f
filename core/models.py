"""Base models every app shares: timestamps, slug natural keys, validity periods, edit versions,
stored documents and background jobs."""

import uuid

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F, Q
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

from .scope import region_id_of, region_scoped_manager, require_same_region


class ChoiceLabelModel(models.Model):
    """`get_<field>_display()` without translating every label of the field on every call.

    Django's own builds a dict of the hashed (value, label) pairs each time, and hashing a lazy
    label translates it: a list of 60 projects with four choice fields translated some 800 labels
    to show 240. Here the values are hashed once per field and only the label shown is
    translated; the result is the same."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_labels_by_value")
        if labels is None:
            labels = field._labels_by_value = {
                make_hashable(value): label for value, label in field.flatchoices
            }
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


class TimeStampedModel(ChoiceLabelModel):
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        abstract = True


class SlugNaturalKeyManager(models.Manager):
    """Reference data are loaded from fixtures by their slug, so loading twice changes nothing."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SlugNaturalKeyModel(models.Model):
    slug = models.SlugField(
        _("sleutel"),
        max_length=120,
        unique=True,
        help_text=_("Vaste, unieke sleutel waarmee referentiegegevens worden geladen."),
    )

    objects = SlugNaturalKeyManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.slug,)


def period_constraint(start: str, end: str, name: str) -> models.CheckConstraint:
    """A period whose end, when known, is not before its start."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__isnull": True})
        | Q(**{f"{start}__lte": F(end)}),
        name=name,
    )


VERSION_FIELD = "edit_version"


class VersionedModel(models.Model):
    """A row that people edit in forms: its edit version guards against lost updates.

    Every edit form carries the version it was loaded at; `core.services.model_update` saves only
    when the row still has that version, and counts it up. The name is not `version`, which in
    this domain already means something a person reads (the version of a letter, of a template).
    """

    edit_version = models.PositiveIntegerField(
        _("bewerkingsversie"),
        default=1,
        editable=False,
        help_text=_("Telt op bij elke wijziging; een verouderd formulier wordt geweigerd."),
    )

    class Meta:
        abstract = True


class RegionBoundModel(models.Model):
    """A row of one region whose references must stay in that region.

    `region_references` names the foreign keys to other region-owned rows; saving through a form
    or the admin (`full_clean`) refuses a reference to another region's row with a Dutch message
    on the field. The row's own region follows its scoped manager's path (`core.scope`).
    """

    region_references: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        region_id = region_id_of(self)
        if region_id is None:
            return
        references = {}
        for name in self.region_references:
            try:
                references[name] = getattr(self, name)
            except ObjectDoesNotExist:  # an unknown key: the field's own validation says so
                continue
        require_same_region(region_id, **references)


class StoredFile(models.Model):
    """One document kept by `core.storage.DatabaseStorage`: the bytes, their size and checksum.

    Not region-scoped: a stored file is addressed by name from the row that owns it (an issued
    letter's PDF), and is served only through that row's views, which are scoped and check
    permissions. No view serves a stored file by its name.
    """

    name = models.CharField(_("naam"), max_length=255, unique=True)
    content = models.BinaryField(_("inhoud"))
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("opgeslagen document")
        verbose_name_plural = _("opgeslagen documenten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BackgroundJobStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


def background_job_path(instance: "BackgroundJob", filename: str) -> str:
    return f"taken/{instance.region_id}/{instance.pk}/{filename}"


class BackgroundJob(ChoiceLabelModel):
    """One piece of work a person asked for that runs in the background worker (`core.jobs`):
    a large PDF, an export, an import. It records its progress, its Dutch error when it fails,
    and its result file, which only its owner downloads while it is kept.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    region = models.ForeignKey(
        settings.REGION_MODEL, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.CASCADE,
        related_name="background_jobs",
    )
    kind = models.CharField(_("soort"), max_length=80)
    title = models.CharField(_("omschrijving"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BackgroundJobStatus.choices,
        default=BackgroundJobStatus.QUEUED,
    )
    done = models.PositiveIntegerField(_("gedaan"), default=0)
    total = models.PositiveIntegerField(_("totaal"), null=True, blank=True)
    message = models.TextField(_("melding"), blank=True)
    result = models.FileField(
        _("resultaat"), upload_to=background_job_path, max_length=255, blank=True
    )
    result_name = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    result_type = models.CharField(_("bestandstype"), max_length=100, blank=True)
    task_id = models.CharField(_("taak-id"), max_length=64, blank=True)
    created = models.DateTimeField(_("aangevraagd"), auto_now_add=True)
    started = models.DateTimeField(_("begonnen"), null=True, blank=True)
    # The last sign of life of a running job: its start and every progress it recorded.
    heartbeat = models.DateTimeField(_("laatste voortgang"), null=True, blank=True)
    finished = models.DateTimeField(_("klaar"), null=True, blank=True)

    objects = region_scoped_manager("region")

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        ordering = ["-created"]
        indexes = [models.Index(fields=["owner", "status"], name="core_job_owner_status")]

    def __str__(self):
        return self.title

    @property
    def pending(self) -> bool:
        return self.status in (BackgroundJobStatus.QUEUED, BackgroundJobStatus.RUNNING)

    @property
    def percentage(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))


class SentReminder(models.Model):
    """A reminder that went out, so that it never goes out twice (`core.reminders`).

    `key` names the thing and the occasion ("council-view:12:2026-12-16"); the daily round and
    `manage.py send_reminders` skip a key that is recorded already.
    """

    region = models.ForeignKey(
        settings.REGION_MODEL, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("sleutel"), max_length=200)
    recipients = models.TextField(_("ontvangers"), blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    objects = region_scoped_manager("region")

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["region", "key"], name="sent_reminder_unique_key"),
        ]

    def __str__(self):
        return self.key
