"""Background jobs of finance (`core/jobs`): the statements of an allocation, all in one ZIP.

One statement is a PDF of about half a second; the ten (or thirty) of a region are made by the
background worker rather than in a web request.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.jobs import JobOutcome
from core.pdf import PdfRenderError
from finance import selectors
from finance.pdf import allocation_statements_zip

ALLOCATION_STATEMENTS_JOB = "finance.allocation_statements"


def allocation_statements_job(job, progress) -> JobOutcome:
    allocation = selectors.allocation_for_detail(pk=job.params.get("allocation"))
    if allocation is None:
        raise ValidationError(_("Deze verdeling bestaat niet meer."))
    try:
        content = allocation_statements_zip(allocation, progress)
    except PdfRenderError as error:
        raise ValidationError(str(error)) from error
    return JobOutcome(
        content=content,
        filename=f"verdeling-{allocation.pk}-verklaringen.zip",
        content_type="application/zip",
    )
