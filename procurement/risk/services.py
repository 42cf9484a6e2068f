"""Every change to provider financials and risk thresholds, and the log of risk-page views.

Each function checks the permission itself (procurement/permissions.py), validates fully before
saving, and records the acting user in the history. The thresholds form carries each threshold's
edit version (no lost updates).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.services import model_update
from core.tabular import RowError
from procurement.models import Provider
from procurement.permissions import procurement_permissions

from .csv_import import CsvImportError, ParsedRow, read_rows
from .models import ProviderFinancialYear, ProviderRiskPageView, RiskThreshold


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def _providers_by_key(rows: list[ParsedRow]) -> dict[str, list[Provider]]:
    """Every provider a row may mean, by slug, KvK number and lower-cased name, in one query."""
    keys = {row.provider_key for row in rows}
    condition = Q(slug__in=keys) | Q(kvk_number__in=keys)
    for key in keys:
        condition |= Q(name__iexact=key)
    found: dict[str, list[Provider]] = {}
    for provider in Provider.objects.filter(condition):
        for key in {provider.slug, provider.kvk_number, provider.name.lower()} - {""}:
            found.setdefault(key, []).append(provider)
    return found


def _resolve(row: ParsedRow, found: dict[str, list[Provider]]) -> Provider | RowError:
    for key in (row.provider_key, row.provider_key.lower()):
        matches = found.get(key)
        if matches:
            unique = {provider.pk: provider for provider in matches}
            if len(unique) > 1:
                return RowError(
                    row.number,
                    _(
                        "‘%(key)s’ past bij meer dan één aanbieder; gebruik de sleutel of het "
                        "KvK-nummer."
                    )
                    % {"key": row.provider_key},
                )
            return next(iter(unique.values()))
    return RowError(
        row.number,
        _("aanbieder ‘%(key)s’ is niet bekend (gebruik de sleutel, het KvK-nummer of de naam).")
        % {"key": row.provider_key},
    )


def _validation_messages(error: ValidationError) -> list[str]:
    """The model's messages, each naming the field it is about."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    opts = ProviderFinancialYear._meta
    for name, errors in error.message_dict.items():
        label = "" if name == "__all__" else str(opts.get_field(name).verbose_name)
        for message in errors:
            named = not label or label.lower() in message.lower()
            messages.append(message if named else f"{label}: {message}")
    return messages


@transaction.atomic
def provider_financials_import(
    *, raw: bytes, user: User, source: str = "", filename: str = ""
) -> ImportResult:
    """Import financial years from a CSV or XLSX file: all rows or none.

    A row for a provider and year that already exist replaces those figures (recorded in the
    history). Raises CsvImportError with every problem, per row; then nothing is saved.
    """
    if not procurement_permissions(user).manage_risk:
        raise PermissionDenied
    rows, errors = read_rows(raw, filename=filename)
    found = _providers_by_key(rows)
    seen: dict[tuple[int, int], int] = {}
    resolved: list[tuple[ParsedRow, Provider]] = []
    for row in rows:
        provider = _resolve(row, found)
        if isinstance(provider, RowError):
            errors.append(provider)
            continue
        key = (provider.pk, row.values["year"])
        if key in seen:
            errors.append(
                RowError(
                    row.number,
                    _("%(provider)s %(year)s staat ook al op rij %(other)d.")
                    % {"provider": provider.name, "year": row.values["year"], "other": seen[key]},
                )
            )
            continue
        seen[key] = row.number
        resolved.append((row, provider))

    existing = {
        (item.provider_id, item.year): item
        for item in ProviderFinancialYear.objects.select_for_update().filter(
            provider__in={provider.pk for _row, provider in resolved},
            year__in={row.values["year"] for row, _provider in resolved},
        )
    }
    instances = []
    for row, provider in resolved:
        instance = existing.get((provider.pk, row.values["year"]))
        is_new = instance is None
        if is_new:
            instance = ProviderFinancialYear(provider=provider, year=row.values["year"])
        for name, value in row.values.items():
            setattr(instance, name, value)
        instance.source = source or _("CSV-import")
        try:
            instance.full_clean()
        except ValidationError as error:
            errors.extend(RowError(row.number, message) for message in _validation_messages(error))
            continue
        instances.append((instance, is_new))
    if errors:
        raise CsvImportError(sorted(errors, key=lambda error: error.row or 0))

    try:
        with transaction.atomic():  # a savepoint, so that a refusal leaves the transaction usable
            for instance, _is_new in instances:
                instance._history_user = user
                instance.save()
    except IntegrityError:
        # Another import of the same moment added one of these providers' years first.
        raise CsvImportError(
            [
                RowError(
                    None,
                    _(
                        "Tegelijk met dit bestand zijn cijfers voor dezelfde aanbieders en jaren "
                        "geïmporteerd. Er is niets opgeslagen; importeer het bestand opnieuw."
                    ),
                )
            ]
        ) from None
    created = sum(1 for _instance, is_new in instances if is_new)
    return ImportResult(created=created, updated=len(instances) - created)


@dataclass(frozen=True)
class ThresholdChange:
    kind: str
    value: Decimal
    is_active: bool
    edit_version: int  # the threshold's edit version when the form was loaded


@transaction.atomic
def risk_thresholds_update(*, user: User, changes: list[ThresholdChange]) -> list[RiskThreshold]:
    """Set the thresholds of the signals, all or none; returns those that changed.

    Refused with StaleEditError when any of them changed since its form was loaded (one that
    is left as it was is not saved, so it cannot overwrite a newer value).
    """
    if not procurement_permissions(user).manage_risk:
        raise PermissionDenied
    current = {
        row.kind: row
        for row in RiskThreshold.objects.select_for_update().filter(
            kind__in=[change.kind for change in changes]
        )
    }
    changed = []
    for change in changes:
        row = current.get(change.kind)
        if row is None:
            raise ValidationError(_("Deze drempel bestaat niet (meer); laad de pagina opnieuw."))
        if (row.value, row.is_active) == (change.value, change.is_active):
            continue
        model_update(
            instance=row,
            expected_version=change.edit_version,
            data={"value": change.value, "is_active": change.is_active},
            user=user,
        )
        changed.append(row)
    return changed


def risk_page_view_record(*, provider: Provider, user: User, region) -> ProviderRiskPageView:
    """Log that `user` opened `provider`'s risk page (who, when, which provider)."""
    return ProviderRiskPageView.objects.create(
        region=region, provider=provider, user=user, username=user.get_username()
    )
