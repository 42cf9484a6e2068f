"""Exporting a region as its workbook and bringing a workbook in: the orchestration.

The sheets come from the registry (`core.registry.registry.workbook()`): governance's own, and
those programme and finance register; this module knows none of them by name except the region
sheet, which says which region the workbook is for. Every read and write runs inside that
region's scope (`region_scope`); an import is one transaction, applied entirely or not at all.
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import workbook as engine
from core.exports import write_csv_zip, write_workbook
from core.registry import registry
from core.scope import all_regions, region_scope
from core.tabular import TabularError, read_workbook
from governance.accounts.services import invitation_send
from governance.models import Region

XLSX = "xlsx"
ZIP = "zip"
FORMATS = (XLSX, ZIP)
# An upload in the browser; a workbook of a large region is a few hundred kilobytes.
MAX_UPLOAD_BYTES = 10_000_000
# What the command reads from disk.
MAX_FILE_BYTES = 50_000_000
REASON = "Geïmporteerd uit werkmap"  # the history's change reason (at most 100 characters)


def workbook_sheets() -> list[engine.Sheet]:
    return registry.workbook()


def _write(tables: list[tuple], file_format: str) -> bytes:
    if file_format == ZIP:
        return write_csv_zip(tables)
    return write_workbook(tables)


def workbook_export(*, region: Region, file_format: str = XLSX) -> bytes:
    """The region's rows as its workbook: a sheet per kind of row, with the explanation."""
    with region_scope(region):
        tables = engine.workbook_tables(workbook_sheets(), region, explanation=True)
    return _write(tables, file_format)


def workbook_template(*, file_format: str = XLSX) -> bytes:
    """The empty workbook to fill in by hand: every sheet's columns and the explanation."""
    return _write(engine.workbook_tables(workbook_sheets(), explanation=True), file_format)


@dataclass
class ImportResult:
    plan: engine.Plan
    region: Region | None = None
    new_users: tuple[User, ...] = ()
    invited: tuple[User, ...] = ()  # the new accounts that were sent an invitation


def _refused(message: str) -> ImportResult:
    return ImportResult(plan=engine.Plan(problems=[message]))


def workbook_import(
    *,
    raw: bytes,
    user: User | None = None,
    region: Region | None = None,
    create_region: bool = False,
    commit: bool = False,
    max_bytes: int = MAX_UPLOAD_BYTES,
    reason: str = REASON,
    invite: bool = False,
    request=None,
    progress=None,
) -> ImportResult:
    """Read a workbook and apply it (`commit`) or only show what it would do.

    With `region`, the workbook must be for that region (the browser: the user's own region);
    its region sheet may then be left empty. Without, the region sheet names the region, which
    is made when `create_region` allows it (the command). Rows missing from the workbook are left
    alone. Nothing is saved when anything is wrong, or when `commit` is false. With `invite`,
    every new account with an e-mail address is sent its invitation once the import is saved.
    `progress(done, total, note)` hears of every sheet as it is applied (the background job).
    """
    try:
        tables = read_workbook(raw, max_bytes=max_bytes)
    except TabularError as error:
        return _refused(error.message)
    sheets = workbook_sheets()
    parsed = engine.parse(tables, sheets)
    plan = parsed.plan
    if plan.problems:
        return ImportResult(plan=plan)
    region_rows = parsed.rows.get("region", [])
    if len(region_rows) > 1:
        plan.sheet("region").problems.append(_("Het werkblad Regio heeft precies één rij."))
        return ImportResult(plan=plan)
    named = (
        region_rows[0].values.get("slug") if region_rows and not region_rows[0].problems else None
    )
    if region is not None:
        if named is not None and named != region.slug:
            plan.problems.append(
                _(
                    "Deze werkmap is voor de regio ‘%(named)s’; u werkt in de regio ‘%(region)s’ "
                    "(sleutel ‘%(slug)s’). Er is niets ingelezen."
                )
                % {"named": named, "region": region.name, "slug": region.slug}
            )
            return ImportResult(plan=plan)
    elif named is None:
        if not region_rows:
            plan.problems.append(
                _("Het werkblad Regio ontbreekt of is leeg; het noemt de regio van de werkmap.")
            )
        return ImportResult(plan=plan)

    result = ImportResult(plan=plan)
    context = engine.ImportContext(region=None, user=user, reason=reason[:100], progress=progress)
    with transaction.atomic():
        created = False
        if region is None:
            # The command names its region by slug, among every region (no scope is open yet).
            region = Region._base_manager.filter(slug=named).first()
            if region is None:
                if not create_region:
                    plan.problems.append(_("De regio ‘%(slug)s’ bestaat niet.") % {"slug": named})
                    return result
                region = _region_create(
                    plan, slug=named, name=region_rows[0].values.get("name", ""), context=context
                )
                if region is None:
                    return result
                created = True
        context.region = region
        with region_scope(region):
            engine.apply(parsed, sheets, context)
        if created:
            plan.sheet("region").rows[0].action = engine.NEW
        result.region = region
        if plan.ok and commit:
            plan.applied = True
            result.new_users = tuple(context.extra.get("new_users", ()))
            if invite:
                result.invited = _invite(result.new_users, invited_by=user, request=request)
        else:
            transaction.set_rollback(True)
    if not plan.applied and created:
        result.region = None
    return result


def _invite(users, *, invited_by: User | None, request) -> tuple[User, ...]:
    """Invite each new account that has an e-mail address (sent when the import commits)."""
    invited = tuple(account for account in users if account.email and account.is_active)
    for account in invited:
        invitation_send(user=account, invited_by=invited_by, request=request)
    return invited


def _region_create(plan: engine.Plan, *, slug: str, name: str, context) -> Region | None:
    region = Region(slug=slug, name=name)
    region._change_reason = context.reason
    if context.user is not None:
        region._history_user = context.user
    row = plan.sheet("region").rows[0]
    with all_regions():  # a region's name is unique among every region
        try:
            region.full_clean()
        except ValidationError as error:
            row.problems.extend(engine.validation_messages(plan.sheet("region").sheet, error))
            row.action = None
            return None
        region.save()
    return region


def plan_summary(plan: engine.Plan) -> str:
    """One Dutch line: what the import does (or did)."""
    if not plan.has_changes:
        return _("geen wijzigingen")
    new = sum(result.new for result in plan.sheets)
    changed = sum(result.changed for result in plan.sheets)
    return _("%(new)d nieuw, %(changed)d gewijzigd") % {"new": new, "changed": changed}
