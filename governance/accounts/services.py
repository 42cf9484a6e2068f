"""Every change to a user account: invite, edit, deactivate; a new region and its first
administrator. Mail goes out when the transaction commits.

`invitation_send(user=…)` is the one way to invite an existing user (an import that creates
users calls it too): the user gets an e-mail with a link to set a password, valid for
`settings.PASSWORD_RESET_TIMEOUT` seconds.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.scope import all_regions, region_scope
from governance.constants import Role
from governance.models import Municipality, Organisation, Person, Region
from governance.permissions import person_of

from .tokens import invitation_path_kwargs


@dataclass(frozen=True)
class NewPerson:
    """A person to create for a new account, in the active region."""

    name: str
    job_title: str = ""
    municipality: Municipality | None = None
    organisation: Organisation | None = None


# --- Checks shared with the forms -----------------------------------------------------------


def check_username(username: str, *, exclude_pk: int | None = None) -> None:
    taken = User.objects.filter(username__iexact=username).exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {
                "username": _("De gebruikersnaam ‘%(username)s’ is al in gebruik.")
                % {"username": username}
            }
        )


def check_email(email: str, *, exclude_pk: int | None = None) -> None:
    if not email:
        raise ValidationError(
            {"email": _("Vul een e-mailadres in: daar gaat de uitnodiging heen.")}
        )
    taken = User.objects.filter(email__iexact=email).exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"email": _("Er is al een gebruiker met dit e-mailadres.")})


def check_person_free(person: Person, *, user: User | None = None) -> None:
    if person.user_id is not None and (user is None or person.user_id != user.pk):
        raise ValidationError(
            {
                "person": _("%(person)s heeft al een gebruikersaccount (%(username)s).")
                % {"person": person, "username": person.user.get_username()}
            }
        )


# --- Roles ----------------------------------------------------------------------------------


def roles_set(user: User, roles: Iterable[str]) -> None:
    """Give `user` exactly these roles; groups that are not roles stay as they are.

    A functional administrator needs `is_staff` for the admin; for everyone but a superuser it
    follows the role, so nobody sets it by hand.
    """
    roles = {Role(role) for role in roles}
    others = list(user.groups.exclude(name__in=Role.values))
    groups = [Group.objects.get_or_create(name=role)[0] for role in sorted(roles)]
    user.groups.set([*others, *groups])
    user._jeugdregio_roles = frozenset(roles)
    if not user.is_superuser:
        is_staff = Role.FUNCTIONAL_ADMIN in roles
        if user.is_staff != is_staff:
            user.is_staff = is_staff
            user.save(update_fields=["is_staff"])


# --- Invitations ----------------------------------------------------------------------------


def _site_url() -> str:
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    hosts = [host for host in settings.ALLOWED_HOSTS if host not in ("*", "")]
    host = hosts[0].lstrip(".") if hosts else "localhost"
    return f"{'http' if settings.DEBUG else 'https'}://{host}"


def invitation_url(user: User, *, request=None) -> str:
    path = reverse("invitation_accept", kwargs=invitation_path_kwargs(user))
    return request.build_absolute_uri(path) if request is not None else _site_url() + path


def invitation_send(*, user: User, invited_by: User | None = None, request=None) -> None:
    """E-mail `user` a link to set their password; sent when the current transaction commits.

    Refused (a Dutch `ValidationError`) for a user without an e-mail address or a deactivated
    account. The link is valid for `settings.PASSWORD_RESET_TIMEOUT` seconds and only until the
    password is set.
    """
    if not user.email:
        raise ValidationError(
            _("%(username)s heeft geen e-mailadres; vul dat eerst in.")
            % {"username": user.get_username()}
        )
    if not user.is_active:
        raise ValidationError(
            _("Het account %(username)s is gedeactiveerd; activeer het eerst.")
            % {"username": user.get_username()}
        )
    person = person_of(user)
    inviter = person_of(invited_by) if invited_by is not None else None
    context = {
        "user": user,
        "name": person.name if person else user.get_username(),
        "region": person.region if person else None,
        "inviter": (inviter.name if inviter else invited_by.get_username()) if invited_by else "",
        "url": invitation_url(user, request=request),
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        "login_url": (
            request.build_absolute_uri(reverse("login"))
            if request
            else _site_url() + reverse("login")
        ),
    }
    subject = render_to_string("governance/accounts/invitation_subject.txt", context).strip()
    body = render_to_string("governance/accounts/invitation_email.txt", context)
    recipient = user.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [recipient]))


def _unique_person_slug(name: str, region: Region) -> str:
    base = slugify(f"{region.slug}-{name}")[:100] or f"{region.slug}-persoon"
    slug, number = base, 1
    while Person._base_manager.filter(slug=slug).exists():  # slugs are unique over all regions
        number += 1
        slug = f"{base}-{number}"
    return slug


def _person_create(*, region: Region, new: NewPerson, email: str, user: User, by: User) -> Person:
    person = Person(
        region=region,
        name=new.name,
        job_title=new.job_title,
        email=email,
        municipality=new.municipality,
        organisation=new.organisation,
        slug=_unique_person_slug(new.name, region),
        user=user,
    )
    person.full_clean()
    person._history_user = by
    person.save()
    return person


@transaction.atomic
def user_invite(
    *,
    invited_by: User,
    region: Region,
    username: str,
    email: str,
    roles: Iterable[str],
    person: Person | None = None,
    new_person: NewPerson | None = None,
    request=None,
) -> User:
    """Create an account for an existing person of `region` or a new one, and invite it.

    The account has no password until the invited person sets one through the link.
    """
    if (person is None) == (new_person is None):
        raise ValidationError(
            _("Kies een bestaande persoon of vul de naam van een nieuwe persoon in.")
        )
    check_username(username)
    check_email(email)
    if person is not None:
        if person.region_id != region.pk:
            raise ValidationError({"person": _("Deze persoon hoort bij een andere regio.")})
        check_person_free(person)
    user = User(username=username, email=email)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    roles_set(user, roles)
    if person is not None:
        person.user = user
        if not person.email:
            person.email = email
        person._history_user = invited_by
        person.save(update_fields=["user", "email", "updated"])
    else:
        person = _person_create(
            region=region, new=new_person, email=email, user=user, by=invited_by
        )
    user.person = person
    invitation_send(user=user, invited_by=invited_by, request=request)
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    acting_user: User,
    roles: Iterable[str],
    person: Person,
    municipality: Municipality | None,
    organisation: Organisation | None,
    email: str,
    is_active: bool,
) -> User:
    """Set a user's roles, person (and so region), the person's municipality or organisation,
    e-mail address and whether the account is active, together."""
    if user.pk == acting_user.pk and not is_active:
        raise ValidationError({"is_active": _("U kunt uw eigen account niet deactiveren.")})
    check_email(email, exclude_pk=user.pk)
    check_person_free(person, user=user)
    user.email = email
    user.is_active = is_active
    user.save(update_fields=["email", "is_active"])
    roles_set(user, roles)
    previous = Person._base_manager.filter(user=user).exclude(pk=person.pk).first()
    if previous is not None:
        previous.user = None
        previous._history_user = acting_user
        previous.save(update_fields=["user", "updated"])
    person.user = user
    person.municipality = municipality
    person.organisation = organisation
    person.full_clean()
    person._history_user = acting_user
    person.save()
    user.person = person
    return user


def user_deactivate(*, user: User, acting_user: User) -> User:
    """People who leave are deactivated, never deleted: their name stays in every history."""
    if user.pk == acting_user.pk:
        raise ValidationError(_("U kunt uw eigen account niet deactiveren."))
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return user


# --- A new region and its first functional administrator ------------------------------------


@transaction.atomic
def region_create(
    *,
    created_by: User,
    name: str,
    slug: str,
    admin_name: str,
    admin_username: str,
    admin_email: str,
    request=None,
) -> tuple[Region, User]:
    """The platform administrator creates a region and invites its first functional
    administrator: a person in the region, the role, `is_staff`, and the invitation e-mail."""
    if not created_by.is_superuser:
        raise ValidationError(_("Alleen de platformbeheerder maakt regio's aan."))
    region = Region(name=name, slug=slug)
    with all_regions():  # a region's name and key are unique over every region
        region.full_clean()
        region._history_user = created_by
        region.save()
    with region_scope(region):
        user = user_invite(
            invited_by=created_by,
            region=region,
            username=admin_username,
            email=admin_email,
            roles=[Role.FUNCTIONAL_ADMIN],
            new_person=NewPerson(name=admin_name, job_title=_("Functioneel beheerder")),
            request=request,
        )
    return region, user


# --- Who appears in history -----------------------------------------------------------------


def _is_person(model) -> bool:
    return model is Person or getattr(model, "instance_type", None) is Person


def _user_references() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with a foreign key to the user model, and those keys: who made each history
    row, the risk page view log, letters' and reports' signatories, the admin's log, … The link
    of a person to their account (and its history) is the account itself, not something done."""
    user_model = User
    found = []
    for model in apps.get_models():
        names = [
            field.name
            for field in model._meta.get_fields()
            if getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False)
            if field.concrete and field.related_model is user_model
            if not (_is_person(model) and field.name == "user")
        ]
        if names:
            found.append((model, names))
    return found


def user_history_references(user: User) -> list[str]:
    """Where a user appears in what the application keeps (Dutch, for the refusal to delete).

    Deleting such a user would turn their name into "onbekend" in every history row, or delete
    rows with them; they are deactivated instead.
    """
    history_rows = 0
    other = []
    for model, names in _user_references():
        condition = models.Q()
        for name in names:
            condition |= models.Q(**{name: user.pk})
        count = model._base_manager.filter(condition).count()
        if not count:
            continue
        if hasattr(model, "instance_type") or model.__name__.startswith("Historical"):
            history_rows += count
        else:
            other.append(f"{model._meta.verbose_name_plural}: {count}")
    found = []
    if history_rows:
        found.append(
            ngettext(
                "wijzigingshistorie: %(count)d regel",
                "wijzigingshistorie: %(count)d regels",
                history_rows,
            )
            % {"count": history_rows}
        )
    return found + sorted(other)
