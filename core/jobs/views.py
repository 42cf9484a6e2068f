"""A person's background jobs: the list, one job's progress (polled by htmx every two seconds,
reloaded without JavaScript) and its result. Only the job's owner sees it: anyone else, in
this region or another, gets a 404, as if it did not exist."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.models import BackgroundJob
from core.registry import registry

from .selectors import jobs_of, with_state

LIST_LENGTH = 50


def _own_job(request, pk) -> BackgroundJob:
    return get_object_or_404(BackgroundJob.objects.filter(owner=request.user), pk=pk)


@require_GET
def job_list(request):
    jobs = with_state(jobs_of(request.user)[:LIST_LENGTH])
    context = {"jobs": jobs, "settings_job_days": settings.JOB_RESULTS_DAYS}
    return render(request, "core/jobs/job_list.html", context)


@require_GET
def job_detail(request, pk):
    (job,) = with_state([_own_job(request, pk)])
    kind = registry.job_kinds.get(job.kind)
    context = {"job": job, "report_template": kind.report_template if kind else ""}
    if request.htmx and not request.htmx.boosted:  # the poll: the fragment alone
        return render(request, "core/jobs/_job_progress.html", context)
    return render(request, "core/jobs/job_detail.html", context)


@require_GET
def job_result(request, pk):
    job = _own_job(request, pk)
    if not job.result:
        raise Http404(_("Deze taak heeft (nog) geen resultaat."))
    return FileResponse(
        job.result.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_type or "application/octet-stream",
    )
