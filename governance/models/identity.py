"""Signing in with an identity provider (OpenID Connect): a region's provider, and the link
between an account and the provider's stable identifier of a person."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.scope import region_scoped_manager

from .region import Region


class IdentityProvider(TimeStampedModel):
    """A region's own OpenID Connect provider, beside the installation's (docs/operations.md).

    Kept by the platform administrator in the admin; the client secret is written, never shown
    back. Endpoints left empty are read from the issuer's discovery document.
    """

    region = models.OneToOneField(
        Region,
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="identity_provider",
    )
    name = models.CharField(
        _("naam op de inlogpagina"),
        max_length=200,
        help_text=_("Bijvoorbeeld ‘Gemeenteaccount Dordrecht’."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    issuer = models.URLField(
        _("issuer"), help_text=_("De ‘iss’ van de provider, zonder /.well-known/…")
    )
    client_id = models.CharField(_("client-id"), max_length=255)
    client_secret = models.CharField(_("client-secret"), max_length=255, blank=True)
    authorization_endpoint = models.URLField(_("authorization endpoint"), blank=True)
    token_endpoint = models.URLField(_("token endpoint"), blank=True)
    userinfo_endpoint = models.URLField(_("userinfo endpoint"), blank=True)
    jwks_uri = models.URLField(_("JWKS-adres"), blank=True)
    end_session_endpoint = models.URLField(_("end session endpoint"), blank=True)
    create_users = models.BooleanField(
        _("nieuwe accounts aanmaken"),
        default=False,
        help_text=_(
            "Maak bij de eerste login een account aan (zonder rol: de functioneel beheerder "
            "van de regio kent die toe). De functioneel beheerder van de regio zet dit aan of uit."
        ),
    )
    group_claim = models.CharField(
        _("claim met rollen"),
        max_length=100,
        blank=True,
        help_text=_(
            "Optioneel: de claim (bijv. ‘groups’) waarvan de waarden de rollen zijn "
            "(beleidsadviseur, griffie, netwerk-mt, functioneel-beheer)."
        ),
    )
    objects = region_scoped_manager("region")

    class Meta:
        verbose_name = _("identiteitsprovider")
        verbose_name_plural = _("identiteitsproviders")

    def __str__(self):
        return self.name


class ExternalIdentity(models.Model):
    """An account's identifier at a provider: the `sub` claim, unique per issuer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruikersaccount"),
        on_delete=models.CASCADE,
        related_name="external_identities",
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject (sub)"), max_length=255)
    created_at = models.DateTimeField(_("gekoppeld op"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("laatst ingelogd"), null=True, blank=True)

    class Meta:
        verbose_name = _("externe identiteit")
        verbose_name_plural = _("externe identiteiten")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique")
        ]

    def __str__(self):
        return f"{self.issuer} · {self.subject}"
