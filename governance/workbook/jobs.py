"""Applying a region workbook as a background job (`WORKBOOK_IMPORT_JOB`).

After the preview, 'Toepassen' stores the confirmed upload in the document storage under a
name of its own and queues the job; the worker reads it again, checks and applies it in one
transaction (`services.workbook_import`), sheet by sheet on the job's page, sends the new
accounts their invitations once it is saved, and removes the stored upload. The job's page then
shows the report the preview showed: what changed, or every problem with its sheet and row (and
nothing saved).
"""

import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.jobs import JobOutcome, job_enqueue, job_owner_in_region, job_report

from . import services
from .permissions import can_use_workbook

WORKBOOK_IMPORT_JOB = "governance.workbook_import"
FOLDER = "werkmap-taken"


def workbook_import_enqueue(*, raw: bytes, filename: str, user, region):
    """Store the confirmed upload and queue its import; the Dutch refusal of `job_enqueue`
    (the limit per user) leaves nothing stored."""
    name = default_storage.save(f"{FOLDER}/{secrets.token_urlsafe(24)}.bin", ContentFile(raw))
    try:
        return job_enqueue(
            kind=WORKBOOK_IMPORT_JOB,
            user=user,
            region=region,
            title=_("Werkmap toepassen in %(region)s: %(file)s")
            % {"region": region.name, "file": filename or _("werkmap")},
            params={
                "upload": name,
                "filename": filename[:80],
                "link": {"url": reverse("workbook:index"), "label": _("Naar de werkmap")},
            },
        )
    except BaseException:
        default_storage.delete(name)
        raise


def _report(result: services.ImportResult) -> dict:
    """The plan as the report template reads it (what `index.html` shows of a plan)."""
    plan = result.plan
    missing = [user.username for user in result.new_users if user not in result.invited]
    return {
        "ok": plan.ok,
        "applied": plan.applied,
        "summary": services.plan_summary(plan),
        "problem_lines": [[str(s), row, str(message)] for s, row, message in plan.problem_lines()],
        "note_lines": [[str(s), row, str(note)] for s, row, note in plan.note_lines()],
        "sheets": [
            {
                "present": sheet.present,
                "title": str(sheet.title),
                "new": sheet.new,
                "changed": sheet.changed,
                "unchanged": sheet.unchanged,
            }
            for sheet in plan.sheets
        ],
        "invited": len(result.invited),
        "missing": missing,
    }


def workbook_import_job(job, progress) -> JobOutcome:
    name = job.params["upload"]
    try:
        if not (job_owner_in_region(job) and can_use_workbook(job.owner)):
            raise ValidationError(
                _("U mag de werkmap van deze regio niet (meer) toepassen; er is niets opgeslagen.")
            )
        try:
            with default_storage.open(name, "rb") as file:
                raw = file.read()
        except (FileNotFoundError, OSError) as error:
            raise ValidationError(
                _("De geüploade werkmap is er niet meer; upload haar opnieuw.")
            ) from error
        filename = job.params.get("filename", "")
        result = services.workbook_import(
            raw=raw,
            user=job.owner,
            region=job.region,
            commit=True,
            reason=f"{services.REASON} {filename}".strip()[:100],
            invite=True,
            progress=progress,
        )
    finally:
        default_storage.delete(name)
    report = _report(result)
    job_report(job, report)
    if not result.plan.applied:
        count = len(report["problem_lines"])
        raise ValidationError(
            ngettext(
                "Er is niets opgeslagen: %(count)d probleem gevonden.",
                "Er is niets opgeslagen: %(count)d problemen gevonden.",
                count,
            )
            % {"count": count}
        )
    return JobOutcome(
        message=_("Werkmap toegepast in %(region)s: %(summary)s.")
        % {"region": job.region.name, "summary": report["summary"]}
    )
