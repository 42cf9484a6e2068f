"""The user accounts sheet of the region workbook."""

from django.contrib.auth.models import User
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.parsing import ParseError
from core.workbook import REFERENCE, Column, RowProblem, Sheet, split_list
from governance.accounts.services import roles_set
from governance.constants import Role
from governance.models import Person


class UserSheet(Sheet):
    """User accounts: not rows of a region, but linked to a person of the region.

    A new account gets an unusable password and is active; a workbook never makes anyone staff
    or superuser, never changes a platform administrator, and never touches an account that
    belongs to another region (or to none).
    """

    def queryset(self, region):
        return (
            User.objects.filter(person__region=region)
            .select_related("person")
            .prefetch_related("groups")
            .order_by("username")
        )

    @staticmethod
    def _roles(user) -> list[str]:
        if user.pk is None:
            return []
        return sorted(group.name for group in user.groups.all() if group.name in Role.values)

    def cell(self, instance, column):
        if column.name == "roles":
            return ", ".join(str(Role(role).label) for role in self._roles(instance))
        if column.name == "person":
            return instance.person.slug
        return super().cell(instance, column)

    def read(self, column, text):
        if column.name != "roles":
            return super().read(column, text)
        roles = set()
        for part in split_list(text):
            folded = part.casefold()
            role = next(
                (
                    value
                    for value, label in Role.choices
                    if folded in (value.casefold(), str(label).casefold())
                ),
                None,
            )
            if role is None:
                raise ParseError(
                    _("‘%(text)s’ is geen rol; kies uit: %(roles)s")
                    % {"text": part, "roles": ", ".join(str(label) for _v, label in Role.choices)}
                )
            roles.add(role)
        return sorted(roles)

    def find(self, context, values):
        user = User.objects.filter(username=values["username"]).first()
        if user is None:
            return None
        # Across regions on purpose: to refuse an account of another region, never to change it.
        person = Person._base_manager.filter(user=user).first()
        if person is None or person.region_id != context.region.pk:
            raise RowProblem(
                _(
                    "de gebruiker ‘%(username)s’ bestaat al en hoort niet bij deze regio; kies "
                    "een andere gebruikersnaam"
                )
                % {"username": user.username}
            )
        return user

    def foreign(self, context, values):
        return None

    def new_instance(self, context, values):
        return User(is_active=True, is_staff=False, is_superuser=False)

    def current(self, instance, column):
        if column.name == "roles":
            return self._roles(instance)
        if column.name == "person":
            person = getattr(instance, "person", None) if instance.pk else None
            return person.pk if person is not None else None
        return super().current(instance, column)

    def differs(self, instance, column, value):
        if column.name == "roles":
            return self.current(instance, column) != value
        return super().differs(instance, column, value)

    def save(self, context, instance, changes, *, creating):
        if instance.is_superuser:
            raise RowProblem(
                _("‘%(username)s’ is platformbeheerder en wordt niet via de werkmap gewijzigd")
                % {"username": instance.username}
            )
        if creating:
            instance.username = changes["username"]
            instance.set_unusable_password()
        if "email" in changes:
            instance.email = changes["email"]
        instance.full_clean(exclude=["password"])
        instance.save()
        if "roles" in changes:
            # As on the users page: the roles exactly, and `is_staff` follows the role of
            # functional administrator (the only way a workbook touches it).
            roles_set(instance, changes["roles"])
        if "person" in changes:
            self._link(context, instance, changes["person"])
        if creating:
            # The accounts made by this import, to be invited once it is applied.
            context.extra.setdefault("new_users", []).append(instance)

    @staticmethod
    def _link(context, user, person) -> None:
        if person.user_id is not None and person.user_id != user.pk:
            raise RowProblem(
                _("%(person)s is al gekoppeld aan de gebruiker ‘%(username)s’")
                % {"person": person, "username": person.user.username}
            )
        for previous in Person.objects.filter(user=user).exclude(pk=person.pk):
            previous.user = None
            previous._change_reason = context.reason
            previous._history_user = context.user
            previous.save()
        person.user = user
        person._change_reason = context.reason
        if context.user is not None:
            person._history_user = context.user
        person.save()


USERS = UserSheet(
    key="users",
    title=gettext_lazy("Gebruikers"),
    description=gettext_lazy(
        "De gebruikersaccounts, elk gekoppeld aan een persoon van de regio. Een nieuw account is "
        "actief en heeft nog geen wachtwoord. De werkmap maakt niemand beheerder van het platform."
    ),
    model=User,
    order=70,
    lookup=("username",),
    columns=(
        Column(
            "username",
            gettext_lazy("Gebruikersnaam"),
            gettext_lazy("Waarmee de gebruiker inlogt: letters, cijfers en @ . + - _."),
            required=True,
        ),
        Column("email", gettext_lazy("E-mailadres"), gettext_lazy("Mag leeg.")),
        Column(
            "roles",
            gettext_lazy("Rol"),
            gettext_lazy(
                "Beleidsadviseur, Griffie, Netwerk MT Jeugd of Functioneel beheer; meerdere "
                "gescheiden door komma's; leeg is geen rol."
            ),
            max_length=200,
        ),
        Column(
            "person",
            gettext_lazy("Persoon"),
            gettext_lazy("Sleutel van de persoon (werkblad Personen) bij wie het account hoort."),
            kind=REFERENCE,
            model=Person,
            required=True,
        ),
    ),
)
