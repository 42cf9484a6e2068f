import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.middleware import region_not_required
from governance.information import information_page_for


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """The 500 handler: a database that is down becomes a 503 with a Dutch explanation.

    Rendered without a request context, so it needs nothing from the database.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        template, status = "503.html", 503
    else:
        template, status = "500.html", 500
    response = HttpResponse(loader.get_template(template).render(), status=status)
    if status == 503:
        response["Retry-After"] = "60"
    return response


@login_not_required
@region_not_required
@require_GET
def information_page(request, kind: str):
    """A public information page (accessibility statement, privacy, contact), for everyone."""
    page = information_page_for(kind)
    if page is None:
        raise Http404(_("Deze pagina bestaat niet."))
    return render(request, "public/information_page.html", {"page": page})
