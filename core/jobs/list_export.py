"""The background export of a long list (`core.views.ListPageMixin`, above `EXPORT_INLINE_ROWS`).

The job calls the list's own view again, as the request that asked for it would have: the same
path, filters and sort, its owner as the user, the job's region as the request's region (the
worker has opened its scope). So the view decides once more who may see what: a user who lost
the right, or left the region, gets a Dutch refusal and no file. The view writes the rows in
chunks (`ListPageMixin._export_in_job`).
"""

from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from django_htmx.middleware import HtmxDetails

from core.exports import CONTENT_TYPES

from .services import JobOutcome, job_owner_in_region

NOT_ALLOWED = _(
    "U mag deze lijst niet (meer) exporteren; er is geen bestand gemaakt. Vraag functioneel "
    "beheer om de rechten als u ze nodig hebt."
)


def _request(job) -> HttpRequest:
    params = job.params
    query = QueryDict(params.get("query", ""), mutable=True)
    query["_export"] = params["format"]
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = params["path"]
    request.GET = query
    request.META = {
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": query.urlencode(),
        "SERVER_NAME": "worker",
        "SERVER_PORT": "443",
    }
    request.user = job.owner
    request.region = job.region
    request.session = {}
    request.htmx = HtmxDetails(request)
    request._messages = CookieStorage(request)
    return request


def list_export_job(job, progress) -> JobOutcome:
    from core.views import ListPageMixin

    params = job.params
    request = _request(job)
    try:
        match = resolve(request.path_info)
    except Resolver404 as error:
        raise ValidationError(str(NOT_ALLOWED)) from error
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, ListPageMixin):
        raise ValidationError(str(NOT_ALLOWED))
    if not job_owner_in_region(job):
        raise ValidationError(str(NOT_ALLOWED))
    request.resolver_match = match
    request.export_job, request.export_progress = job, progress
    try:
        response = match.func(request, *match.args, **match.kwargs)
    except (PermissionDenied, Http404) as error:
        raise ValidationError(str(NOT_ALLOWED)) from error
    if response.status_code != 200 or response["Content-Type"] != CONTENT_TYPES[params["format"]]:
        # Not the export (a refusal page, a redirect): the view did not let this user have it.
        raise ValidationError(str(NOT_ALLOWED))
    return JobOutcome(
        content=response.content,
        filename=params["filename"],
        content_type=response["Content-Type"],
    )
