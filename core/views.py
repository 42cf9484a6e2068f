"""The one mixin for list pages: a django-tables2 table, safe pagination, exports by core.exports.

Every staff list (`SingleTableMixin` + `FilterView`) puts `ListPageMixin` first:

    class ProjectListView(ListPageMixin, SingleTableMixin, FilterView):
        export_formats = (CSV, XLSX)   # or () for a list without exports
        export_name = "projecten"      # the file name, without extension

- `?per_page=` is clamped to 1 … `MAX_PER_PAGE` (200): a negative or huge page size gives the
  nearest sane one instead of an error (a 500 before) or every row at once. Zero and a page size
  that is not a number give the page's own size (django-tables2's rule).
- `?_export=` accepts exactly the formats the page offers; anything else ('yaml', 'ods', 'xls',
  an empty value, or any value on a page without exports) answers 400 with a Dutch message before
  the list is read (django-tables2 would otherwise try tablib's format and fail with a 500).
- an export is written by `core.exports` (`TableExport`): no HTML, real number and date cells,
  formula neutralisation, a sheet title from `export_title` (else the model's plural name).
- an export of more than `EXPORT_INLINE_ROWS` rows is not written in the request: it is queued
  as a background job (`core.jobs.list_export`) and the user goes to the job's page. The job
  calls the same view again, with the same filters and sort, as its owner in the job's region,
  so that the view checks the permission again; it reads the rows in chunks.

- a table that holds nothing of the user (links to rows, no forms, no permission-dependent
  cells) may be kept rendered: the view names the querysets its rows show in
  `cached_table_data` and the template writes `{{ table_html }}` instead of `{% render_table %}`.
  The rendered table is a cached fragment (`core.fragments`) that varies on the page's address
  (filters, order, page) and the day, and is rendered anew once one of those rows changes. A
  list whose rows depend on the user (the letters) adds what they depend on in
  `cached_table_vary_on`. Its export file (below `EXPORT_INLINE_ROWS`) is kept the same way.

A page that is not a django-tables2 list (the budgets, the savings measures) offers the same
`?_export=` through `page_export`, with the same refusal of other formats.
"""

from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from django_tables2 import RequestConfig
from django_tables2.export import ExportMixin

from .exports import (
    CONTENT_TYPES,
    CSV,
    XLSX,
    TableExport,
    download_response,
    export_bytes,
    export_response,
    table_title,
    table_values_lazy,
)
from .fragments import cached_fragment, cached_value, fingerprint

LIST_EXPORT_JOB = "core.list_export"
EXPORT_CHUNK_ROWS = 500

MAX_PER_PAGE = 200
FORMAT_LABELS = {CSV: "CSV", XLSX: "Excel (XLSX)"}


def clamp_per_page(per_page, *, maximum: int = MAX_PER_PAGE) -> int:
    return min(max(int(per_page), 1), maximum)


class ClampedPaginator(Paginator):
    """A paginator whose page size stays within 1 … MAX_PER_PAGE whatever the request asks."""

    max_per_page = MAX_PER_PAGE

    def __init__(self, object_list, per_page, *args, **kwargs):
        super().__init__(
            object_list, clamp_per_page(per_page, maximum=self.max_per_page), *args, **kwargs
        )


class ListPageMixin(ExportMixin):
    export_class = TableExport
    export_formats: tuple[str, ...] = (CSV, XLSX)
    export_name = "export"
    export_title = None  # the sheet title; the model's plural name when None
    paginator_class = ClampedPaginator
    # The querysets (of the active region) whose rows the table shows, when it may be cached;
    # they must cover the filter's choices too, as its form (`filter_template`) is cached with it.
    cached_table_data: Callable[[], Iterable[QuerySet]] | None = None
    filter_template: str | None = None

    def get(self, request, *args, **kwargs):
        if self.export_trigger_param in request.GET:
            export_format = request.GET[self.export_trigger_param]
            if export_format not in self.export_formats:
                return self.bad_export_format(export_format)
        return super().get(request, *args, **kwargs)

    def cached_table_vary_on(self, table) -> tuple:
        """What a cached table varies on besides its address, the day and its data: a list
        whose rows depend on who looks names that here."""
        return ()

    def bad_export_format(self, export_format: str):
        return bad_export_response(self.request, export_format, self.export_formats)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self._keeps_table():
            table = context[self.get_context_table_name(None)]
            name = self._cache_name()
            # The table and the filter's form show the same data: one fingerprint for both.
            vary_on = (*self._cache_vary_on(table), *fingerprint(self.cached_table_data()))
            context["table_html"] = cached_fragment(
                name,
                vary_on=vary_on,
                data=(),
                render=lambda: self._paginated(table).as_html(self.request),
            )
            if self.filter_template and context.get("filter") is not None:
                # The filter's form with its choices and the request's values (a GET form,
                # without a token): the same for everyone at this address.
                filter_context = {"filter": context["filter"], "request": self.request}
                context["filter_html"] = cached_fragment(
                    f"{name}.filter",
                    vary_on=vary_on,
                    data=(),
                    render=lambda: render_to_string(self.filter_template, filter_context),
                )
        return context

    def _keeps_table(self) -> bool:
        return (
            self.cached_table_data is not None and self.export_trigger_param not in self.request.GET
        )

    def get_table(self, **kwargs):
        """The table, sorted as the request asks. A kept table is paginated when it is
        rendered (`_paginated`): a page from the cache never counts its rows. The page number
        is in the key (the address), and the rows' count in its fingerprint."""
        if not self._keeps_table():
            return super().get_table(**kwargs)
        table = self.get_table_class()(data=self.get_table_data(), **kwargs)
        return RequestConfig(self.request, paginate=False).configure(table)

    def _paginated(self, table):
        return RequestConfig(self.request, paginate=self.get_table_pagination(table)).configure(
            table
        )

    def _cache_name(self) -> str:
        view = type(self)
        return f"{view.__module__}.{view.__qualname__}"

    def _cache_vary_on(self, table) -> tuple:
        return (
            self.request.get_full_path(),
            timezone.localdate(),
            *self.cached_table_vary_on(table),
        )

    def get_table_pagination(self, table):
        paginate = super().get_table_pagination(table)
        if paginate is False:
            return False
        paginate = {} if paginate is True else dict(paginate)
        paginator_class = paginate.get("paginator_class")
        if not (
            isinstance(paginator_class, type) and issubclass(paginator_class, ClampedPaginator)
        ):
            paginate["paginator_class"] = self.paginator_class
        return paginate

    def create_export(self, export_format):
        table = self.get_table(**self.get_table_kwargs())
        job = getattr(self.request, "export_job", None)
        if job is not None:
            return self._export_in_job(table, export_format, job)
        if len(table.data) > settings.EXPORT_INLINE_ROWS:
            return self._enqueue_export(export_format)

        def export() -> bytes:
            return self.export_class(
                export_format=export_format,
                table=table,
                exclude_columns=self.exclude_columns,
                dataset_kwargs=self.get_dataset_kwargs(),
            ).export()

        if self.cached_table_data is not None:
            # The file of a cached list is kept as its table is: the same rows, the same file.
            content = cached_value(
                f"{self._cache_name()}.export",
                vary_on=self._cache_vary_on(table),
                data=self.cached_table_data(),
                compute=export,
            )
        else:
            content = export()
        return download_response(content, export_format, self.get_export_filename(export_format))

    def _export_in_job(self, table, export_format: str, job) -> HttpResponse:
        """The export as the background job writes it: the rows read in chunks."""
        progress = getattr(self.request, "export_progress", None)
        total = len(table.data)
        if progress is not None:
            progress(0, total)
        headers, rows = table_values_lazy(
            table,
            self.exclude_columns,
            chunk_size=EXPORT_CHUNK_ROWS,
            progress=(lambda done: progress(done, total)) if progress is not None else None,
        )
        title = table_title(table, self.get_dataset_kwargs())
        content = export_bytes(export_format, headers, rows, title=title)
        if progress is not None:
            progress(total, total)
        return HttpResponse(content, content_type=CONTENT_TYPES[export_format])

    def _enqueue_export(self, export_format: str):
        from core.jobs import job_enqueue

        query = self.request.GET.copy()
        query.pop(self.export_trigger_param, None)
        back = f"{self.request.path}?{query.urlencode()}" if query else self.request.path
        label = self.export_title or capfirst(self._list_name())
        try:
            job = job_enqueue(
                kind=LIST_EXPORT_JOB,
                user=self.request.user,
                region=self.request.region,
                title=_("Export van %(list)s als %(format)s")
                % {"list": label, "format": FORMAT_LABELS[export_format]},
                params={
                    "path": self.request.path,
                    "query": query.urlencode(),
                    "format": export_format,
                    "filename": self.get_export_filename(export_format),
                    "link": {"url": back, "label": _("Terug naar de lijst")},
                },
            )
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(back)
        messages.success(
            self.request,
            _(
                "De lijst is te lang om meteen te downloaden; het bestand wordt op de achtergrond "
                "gemaakt. U kunt deze pagina verlaten en het later ophalen onder ‘Mijn taken’."
            ),
        )
        return redirect("jobs:job_detail", pk=job.pk)

    def _list_name(self) -> str:
        model = getattr(getattr(self.get_table_class(), "Meta", None), "model", None)
        return str(model._meta.verbose_name_plural) if model is not None else self.export_name

    def get_dataset_kwargs(self):
        kwargs = dict(super().get_dataset_kwargs() or {})
        if self.export_title is not None:
            kwargs.setdefault("title", str(self.export_title))
        return kwargs


EXPORT_PARAM = "_export"


def bad_export_response(
    request: HttpRequest, export_format: str, formats: Sequence[str]
) -> HttpResponse:
    """400 with a Dutch message naming the formats the page does offer."""
    if formats:
        labels = [FORMAT_LABELS.get(name, name) for name in formats]
        choices = labels[0]
        if len(labels) > 1:
            choices = _("%(some)s of %(last)s") % {
                "some": ", ".join(labels[:-1]),
                "last": labels[-1],
            }
        message = _(
            "Deze lijst kan niet worden geëxporteerd als ‘%(format)s’. Kies %(choices)s."
        ) % {"format": export_format[:20], "choices": choices}
    else:
        message = _("Deze lijst kan niet worden geëxporteerd.")
    return render(
        request,
        "core/bad_request.html",
        {"message": message, "back_url": request.path},
        status=400,
    )


def page_export(
    request: HttpRequest,
    *,
    filename: str,
    title,
    table: Callable[[], tuple[Sequence, Iterable[Sequence]]],
    formats: Sequence[str] = (CSV, XLSX),
) -> HttpResponse | None:
    """The export of a page that is not a list: the download when `?_export=` asks for one of
    `formats`, the Dutch 400 for any other value, and None when the page itself is asked for.

    `table` gives the headers and rows; it is only called for a download.
    """
    if EXPORT_PARAM not in request.GET:
        return None
    export_format = request.GET[EXPORT_PARAM]
    if export_format not in formats:
        return bad_export_response(request, export_format, formats)
    headers, rows = table()
    return export_response(export_format, headers, rows, title=title, filename=filename)
