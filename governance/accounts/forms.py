"""The forms of the users pages; the checks they share with the services live there."""

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.scope import all_regions
from governance.constants import Role
from governance.models import Municipality, Organisation, Region

from . import services
from .selectors import persons_for_account


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        place = person.municipality or person.organisation
        label = f"{person.name} – {place}" if place else person.name
        if person.user_id is not None:
            label += " " + str(_("(account: %(username)s)") % {"username": person.user.username})
        return label


def _role_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Rol"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies ten minste één rol."),
            "invalid_choice": _("Kies een rol uit de lijst."),
        },
        help_text=_(
            "De rol bepaalt wat iemand mag. Functioneel beheer geeft ook toegang tot het beheer."
        ),
    )


def _place_fields(form: forms.Form) -> None:
    form.fields["municipality"] = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("(geen)"),
        error_messages={"invalid_choice": _("Kies een gemeente uit uw regio.")},
    )
    form.fields["organisation"] = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("(geen)"),
        error_messages={"invalid_choice": _("Kies een organisatie uit uw regio.")},
    )


def _person_field(*, required: bool) -> PersonChoiceField:
    return PersonChoiceField(
        label=_("Persoon"),
        queryset=persons_for_account(),
        required=required,
        empty_label=_("(kies een persoon)"),
        error_messages={
            "invalid_choice": _("Kies een persoon uit uw regio."),
            "required": _(
                "Zonder persoon heeft de gebruiker geen regio en ziet hij geen gegevens. "
                "Kies een persoon."
            ),
        },
        help_text=_("De persoon bepaalt de regio van het account."),
    )


class _ServiceErrorsMixin:
    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)


class UserInviteForm(_ServiceErrorsMixin, forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        error_messages={"required": _("Vul een gebruikersnaam in.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul een e-mailadres in: daar gaat de uitnodiging heen."),
            "invalid": _("Vul een geldig e-mailadres in."),
        },
    )
    name = forms.CharField(
        label=_("Naam van een nieuwe persoon"),
        max_length=200,
        required=False,
        help_text=_("Alleen als de persoon nog niet in Jeugdregio staat."),
    )
    job_title = forms.CharField(label=_("Functie"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"] = _role_field()
        person = _person_field(required=False)
        person.label = _("Bestaande persoon")
        person.help_text = _("Kies de persoon, of vul hieronder de naam van een nieuwe persoon in.")
        self.fields["person"] = person
        _place_fields(self)
        self.order_fields(
            ["username", "email", "roles", "person", "name", "job_title", "municipality"]
        )

    def clean(self):
        cleaned = super().clean()
        person, name = cleaned.get("person"), cleaned.get("name", "").strip()
        if "person" not in self.errors:
            if person is None and not name:
                self.add_error(
                    "person",
                    _("Kies een bestaande persoon of vul de naam van een nieuwe persoon in."),
                )
            elif person is not None and name:
                self.add_error(
                    "name", _("Kies een bestaande persoon óf vul een nieuwe naam in, niet allebei.")
                )
        for check, value in (
            (services.check_username, cleaned.get("username")),
            (services.check_email, cleaned.get("email")),
            (services.check_person_free, person),
        ):
            if value:
                try:
                    check(value)
                except ValidationError as error:
                    self.add_service_error(error)
        return cleaned

    def new_person(self) -> services.NewPerson | None:
        name = self.cleaned_data.get("name", "").strip()
        if not name:
            return None
        return services.NewPerson(
            name=name,
            job_title=self.cleaned_data.get("job_title", ""),
            municipality=self.cleaned_data.get("municipality"),
            organisation=self.cleaned_data.get("organisation"),
        )


class UserEditForm(_ServiceErrorsMixin, forms.Form):
    """Role, person, municipality or organisation, region and active, on one page."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul een e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in."),
        },
    )
    is_active = forms.BooleanField(
        label=_("Actief"),
        required=False,
        help_text=_(
            "Wie vertrekt, wordt gedeactiveerd: het account kan niet meer inloggen en de naam "
            "blijft in de historie staan."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        person = getattr(user, "person", None)
        roles = [group.name for group in user.groups.all() if group.name in Role.values]
        initial = {
            "email": user.email,
            "is_active": user.is_active,
            "roles": roles,
            "person": person,
            "municipality": person.municipality if person else None,
            "organisation": person.organisation if person else None,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["roles"] = _role_field()
        self.fields["person"] = _person_field(required=True)
        _place_fields(self)
        self.order_fields(["roles", "person", "municipality", "organisation", "email", "is_active"])

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person")
        if person is not None:
            try:
                services.check_person_free(person, user=self.user)
            except ValidationError as error:
                self.add_service_error(error)
            if "person" in self.changed_data:
                # The places belong to the person: a newly chosen person keeps their own,
                # unless they were changed on the form as well.
                for field in ("municipality", "organisation"):
                    if field not in self.changed_data:
                        cleaned[field] = getattr(person, field)
        if cleaned.get("email"):
            try:
                services.check_email(cleaned["email"], exclude_pk=self.user.pk)
            except ValidationError as error:
                self.add_service_error(error)
        return cleaned


class RegionCreateForm(_ServiceErrorsMixin, forms.Form):
    name = forms.CharField(
        label=_("Naam van de regio"),
        max_length=200,
        error_messages={"required": _("Vul de naam van de regio in.")},
    )
    slug = forms.SlugField(
        label=_("Sleutel"),
        max_length=120,
        help_text=_("Kleine letters, cijfers en streepjes, bijvoorbeeld ‘zuid-holland-zuid’."),
        error_messages={
            "required": _("Vul een sleutel in."),
            "invalid": _("Een sleutel bestaat uit kleine letters, cijfers en streepjes."),
        },
    )
    admin_name = forms.CharField(
        label=_("Naam van de functioneel beheerder"),
        max_length=200,
        error_messages={"required": _("Vul de naam van de functioneel beheerder in.")},
    )
    admin_username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        error_messages={"required": _("Vul een gebruikersnaam in.")},
    )
    admin_email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul een e-mailadres in: daar gaat de uitnodiging heen."),
            "invalid": _("Vul een geldig e-mailadres in."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        with all_regions():  # a region's name and key are unique over every region
            regions = Region.objects.all()
            if cleaned.get("name") and regions.filter(name__iexact=cleaned["name"]).exists():
                self.add_error("name", _("Er is al een regio met deze naam."))
            if cleaned.get("slug") and regions.filter(slug=cleaned["slug"]).exists():
                self.add_error("slug", _("Er is al een regio met deze sleutel."))
        for check, field in (
            (services.check_username, "admin_username"),
            (services.check_email, "admin_email"),
        ):
            if cleaned.get(field):
                try:
                    check(cleaned[field])
                except ValidationError as error:
                    self.add_error(field, next(iter(error.error_dict.values())))
        return cleaned
