"""Every change to money: one function per use case, atomic, validated, recorded with the user.

Budget lines are edited optimistically: a form carries the edit version it was loaded at, and a
save against a newer version is refused with `StaleEditError` and the newer value (no lost
updates). The funding of a project is a set of rows that belongs to the project: the project's
edit version guards it, and counts up with every change to the set.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from simple_history.utils import bulk_create_with_history

from core.formatting import format_euro
from core.services import model_delete, model_update
from governance.models import Municipality, Region
from programme.models import Project

from .apportionment import ApportionmentError, apportion
from .constants import FundingKind
from .models import (
    Allocation,
    AllocationShare,
    Budget,
    BudgetLine,
    DistributionKey,
    DistributionShare,
    FundingSource,
)
from .permissions import finance_permissions
from .selectors import budget_balance


def _save_with_history(instance, *, user: User, reason: str = "") -> None:
    instance._history_user = user
    if reason:
        instance._change_reason = reason
    instance.full_clean()
    instance.save()


# --- Budget lines ---------------------------------------------------------------------------


def _validate_line(
    *,
    budget: Budget,
    amount: Decimal | None,
    is_pro_memorie: bool,
    project: Project | None,
    carried_over_from: Sequence[Budget],
) -> None:
    errors: dict[str, list[str]] = {}
    if is_pro_memorie and amount is not None:
        errors.setdefault("amount", []).append(_("Een pro-memorieregel heeft geen bedrag."))
    if not is_pro_memorie and amount is None:
        errors.setdefault("amount", []).append(_("Vul een bedrag in, of vink pro memorie aan."))
    if is_pro_memorie and carried_over_from:
        errors.setdefault("carried_over_from", []).append(
            _("Een overgeheveld saldo is bekend; een pro-memorieregel kan het niet bevatten.")
        )
    for source in carried_over_from:
        if source.owner_id != budget.owner_id or source.year >= budget.year:
            errors.setdefault("carried_over_from", []).append(
                _(
                    "Alleen het saldo van een eerder jaar van dezelfde eigenaar kan worden "
                    "overgeheveld."
                )
            )
            break
    if project is not None and project.programme.region_id != budget.owner.region_id:
        errors.setdefault("project", []).append(_("Kies een project van dezelfde regio."))
    if errors:
        raise ValidationError(errors)


def _carry_over_reason(carried_over_from: Sequence[Budget]) -> str:
    if not carried_over_from:
        return ""
    names = ", ".join(str(budget) for budget in sorted(carried_over_from, key=lambda b: b.year))
    return _("Overgeheveld saldo van: %(budgets)s") % {"budgets": names}


def _check_order_free(budget: Budget, order: int, *, exclude_pk: int | None = None) -> None:
    taken = BudgetLine.objects.filter(budget=budget, order=order).exclude(pk=exclude_pk)
    if taken.exists():
        message = _("Volgnummer %(order)d is in deze begroting al in gebruik.") % {"order": order}
        raise ValidationError({"order": message})


def _require_edit_budget(user: User) -> None:
    if not finance_permissions(user).edit_budget:
        raise PermissionDenied


@transaction.atomic
def budget_line_create(
    *,
    user: User,
    budget: Budget,
    direction: str,
    label: str,
    amount: Decimal | None,
    is_pro_memorie: bool,
    project: Project | None = None,
    carried_over_from: Sequence[Budget] = (),
    order: int | None = None,
) -> BudgetLine:
    _require_edit_budget(user)
    budget = Budget.objects.select_for_update().select_related("owner").get(pk=budget.pk)
    _validate_line(
        budget=budget,
        amount=amount,
        is_pro_memorie=is_pro_memorie,
        project=project,
        carried_over_from=carried_over_from,
    )
    if order is None:
        order = (budget.lines.aggregate(last=Max("order"))["last"] or 0) + 1
    else:
        _check_order_free(budget, order)
    line = BudgetLine(
        budget=budget,
        order=order,
        direction=direction,
        label=label,
        amount=amount,
        is_pro_memorie=is_pro_memorie,
        project=project,
    )
    _save_with_history(line, user=user, reason=_carry_over_reason(carried_over_from))
    line.carried_over_from.set(carried_over_from)
    return line


@transaction.atomic
def budget_line_update(
    *,
    user: User,
    line: BudgetLine,
    edit_version: int,
    direction: str,
    label: str,
    amount: Decimal | None,
    is_pro_memorie: bool,
    project: Project | None = None,
    carried_over_from: Sequence[Budget] = (),
    order: int | None = None,
) -> BudgetLine:
    """Change a line, unless it changed since `edit_version` was read."""
    _require_edit_budget(user)
    current = BudgetLine.objects.select_for_update().select_related("budget__owner").get(pk=line.pk)
    _validate_line(
        budget=current.budget,
        amount=amount,
        is_pro_memorie=is_pro_memorie,
        project=project,
        carried_over_from=carried_over_from,
    )
    data = {
        "direction": direction,
        "label": label,
        "amount": amount,
        "is_pro_memorie": is_pro_memorie,
        "project": project,
    }
    if order is not None and order != current.order:
        _check_order_free(current.budget, order, exclude_pk=current.pk)
        data["order"] = order
    before = set(current.carried_over_from.values_list("pk", flat=True))
    after = {budget.pk for budget in carried_over_from}
    reason = _carry_over_reason(carried_over_from) if before != after else ""
    if before and not after:
        reason = _("Geen overgeheveld saldo meer")
    model_update(
        instance=current, expected_version=edit_version, data=data, user=user, reason=reason
    )
    if before != after:
        current.carried_over_from.set(carried_over_from)
    return current


@transaction.atomic
def budget_line_delete(*, user: User, line: BudgetLine, edit_version: int) -> None:
    _require_edit_budget(user)
    current = BudgetLine.objects.select_for_update().get(pk=line.pk)
    model_delete(instance=current, expected_version=edit_version, user=user)


# --- Distribution keys ----------------------------------------------------------------------


SLUG_ATTEMPTS = 5


def _unique_key_slug(name: str) -> str:
    base = slugify(name)[:100] or "verdeelsleutel"
    slug, counter = base, 2
    while DistributionKey.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _name_taken_error() -> ValidationError:
    return ValidationError({"name": _("Deze regio heeft al een verdeelsleutel met deze naam.")})


def _insert_key(key: DistributionKey, *, user: User) -> None:
    """Insert a new key; two uploads at the same moment may both have found its slug free.

    The one that comes second gets the next free slug, or the Dutch 'name taken' error when the
    other upload used the same name: a form error, never an IntegrityError (a 500).
    """

    def name_taken() -> bool:
        return DistributionKey.objects.filter(region=key.region, name__iexact=key.name).exists()

    for _attempt in range(SLUG_ATTEMPTS):
        try:
            with transaction.atomic():  # a savepoint: the outer transaction survives a refusal
                _save_with_history(key, user=user)
            return
        except ValidationError as error:  # taken between the checks above and full_clean()
            if name_taken():
                raise _name_taken_error() from None
            if set(getattr(error, "error_dict", {})) != {"slug"}:
                raise
        except IntegrityError:  # taken between full_clean() and the insert
            if name_taken():
                raise _name_taken_error() from None
        key.slug = _unique_key_slug(key.name)
    raise ValidationError(_("De verdeelsleutel kon niet worden opgeslagen; probeer het opnieuw."))


@transaction.atomic
def distribution_key_create(
    *,
    user: User,
    region: Region,
    name: str,
    source: str,
    valid_from: date | None,
    valid_until: date | None,
    shares: Sequence[tuple[Municipality, Decimal]],
) -> DistributionKey:
    """Create a key with all its shares, or nothing at all."""
    if not finance_permissions(user).add_key:
        raise PermissionDenied
    if not shares:
        raise ValidationError(_("Een verdeelsleutel heeft minstens één gemeente."))
    municipalities = [municipality for municipality, _percentage in shares]
    if len({m.pk for m in municipalities}) != len(municipalities):
        raise ValidationError(_("Elke gemeente komt maar één keer in een verdeelsleutel voor."))
    if any(m.region_id != region.pk for m in municipalities):
        raise ValidationError(_("Alle gemeenten van een verdeelsleutel horen bij de regio."))
    if DistributionKey.objects.filter(region=region, name__iexact=name).exists():
        raise _name_taken_error()
    key = DistributionKey(
        region=region,
        slug=_unique_key_slug(name),
        name=name,
        source=source,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    _insert_key(key, user=user)
    rows = [
        DistributionShare(key=key, municipality=municipality, percentage=percentage)
        for municipality, percentage in shares
    ]
    for row in rows:
        row.full_clean()
    bulk_create_with_history(rows, DistributionShare, default_user=user)
    return key


# --- Allocations ----------------------------------------------------------------------------


@transaction.atomic
def allocation_create(
    *,
    user: User,
    key: DistributionKey,
    amount: Decimal | None = None,
    budget: Budget | None = None,
    label: str = "",
) -> Allocation:
    """Apportion an amount, or what a budget's balance leaves to settle, over a key; store it.

    A budget's deficit (negative balance) is recovered from the municipalities: it is allocated
    as a positive amount they owe. A surplus is allocated as a negative amount: paid back.
    """
    if not finance_permissions(user).allocate:
        raise PermissionDenied
    if (amount is None) == (budget is None):
        raise ValidationError(_("Kies een bedrag óf het saldo van een begroting."))
    if budget is not None:
        amount = -budget_balance(budget)
        if amount == 0:
            raise ValidationError(
                {"budget": _("Het saldo van deze begroting is nul; er valt niets te verdelen.")}
            )
        label = label or _("Saldo %(budget)s") % {"budget": budget.title}
    if amount == 0:
        raise ValidationError({"amount": _("Een bedrag van nul valt niet te verdelen.")})
    shares = list(key.shares.select_related("municipality").order_by("municipality__name"))
    try:
        result = apportion(amount, {share.municipality: share.percentage for share in shares})
    except ApportionmentError as error:
        raise ValidationError({"key": error.message}) from None
    allocation = Allocation(
        key=key,
        label=label or _("Verdeling van %(amount)s") % {"amount": format_euro(amount)},
        amount=result.amount,
        budget=budget,
        key_sum=result.key_sum,
        created_by=user,
    )
    allocation.full_clean()
    allocation.save()
    AllocationShare.objects.bulk_create(
        AllocationShare(
            allocation=allocation,
            municipality=share.key,
            percentage=share.percentage,
            amount=share.amount,
        )
        for share in result.shares
    )
    return allocation


# --- Funding matrix -------------------------------------------------------------------------


def _funders(project: Project) -> str:
    kinds = set(project.funding_sources.values_list("kind", flat=True))
    return ", ".join(str(label) for kind, label in FundingKind.choices if kind in kinds) or "–"


def project_funding_counted(*, project: Project, user: User, expected_version: int) -> Project:
    """Count the project's edit version up for a change to its funding rows (its history gives
    the funders as the reason), unless the project changed since `expected_version`."""
    return model_update(
        instance=project,
        expected_version=expected_version,
        user=user,
        reason=_("Financiering: %(funders)s") % {"funders": _funders(project)},
        clean=False,  # nothing of the project itself changes
    )


@transaction.atomic
def project_funding_set(
    *, user: User, project: Project, sources: Mapping[str, str], edit_version: int
) -> list[FundingSource]:
    """Make the project's funders exactly `sources` (kind → note), unless the project changed
    since `edit_version` was read."""
    if not finance_permissions(user).edit_funding:
        raise PermissionDenied
    project = Project.objects.select_for_update().get(pk=project.pk)
    unknown = set(sources) - set(FundingKind.values)
    if unknown:
        raise ValidationError(_("Onbekende financier: %(kinds)s.") % {"kinds": ", ".join(unknown)})
    existing = {source.kind: source for source in project.funding_sources.all()}
    changed = False
    for kind, source in existing.items():
        if kind not in sources:
            source._history_user = user
            source.delete()
            changed = True
    kept = []
    for kind, note in sources.items():
        source = existing.get(kind) or FundingSource(project=project, kind=kind)
        if source.pk is None or source.note != note:
            source.note = note
            _save_with_history(source, user=user)
            changed = True
        kept.append(source)
    if changed:
        project_funding_counted(project=project, user=user, expected_version=edit_version)
    return kept
