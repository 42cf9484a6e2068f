"""Admin change lists kept while the rows they show are unchanged.

A change list of 25 rows cost about twenty times a plain request: Django's admin builds every
cell, the filters' choices and the side bar anew on each load, and the functional administrator
opens the same list again after every save. `KeptChangeListMixin` keeps the rendered page in the
cache (`core.fragments`), under a key of:

- the user (the header greets them; their permissions decide the actions and the add button),
  their permissions, the list's full query string (filters, search, sort, page), the day;
- the region and the language, as every kept fragment;
- the fingerprint of the rows the page shows (`changelist_data`): the list's own, and those of
  the models it shows through a relation (a column, a filter's choices, what it joins for its
  rows' names), and, when its rows are annotated (totals of their lines), those of the models
  that refer to it.

A change list whose data cannot be fingerprinted (a model without `updated`, such as the user
accounts) is rendered on every load, as is any page that carries a message (the one after a
save) or answers anything but a GET. The page is rendered with `CSRF_PLACEHOLDER` as its token
and served with the request's own. The permission check comes before the cache, as Django's.
"""

from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.utils import timezone

from .fragments import CACHE_SECONDS, CSRF_PLACEHOLDER, fragment_key


def _fingerprintable(model: type[Model]) -> bool:
    return any(field.name == "updated" for field in model._meta.concrete_fields)


def _joined_paths(select_related, prefix: str = "") -> list[str]:
    if not isinstance(select_related, dict):
        return []
    return [
        path
        for name, deeper in select_related.items()
        for path in (prefix + name, *_joined_paths(deeper, f"{prefix}{name}__"))
    ]


class KeptChangeListMixin:
    """For a ModelAdmin (through `core.admin.ProtectedAdminMixin`): its change list kept."""

    def _shown_paths(self, request, queryset: QuerySet) -> list[str]:
        """The relations whose rows appear on the page: the columns and the filters that name a
        field, and what the list joins (the relations its rows' names need)."""
        paths = [name for name in self.get_list_display(request) if isinstance(name, str)]
        paths += [
            entry[0] if isinstance(entry, (tuple, list)) else entry
            for entry in self.get_list_filter(request)
        ]  # a filter class (`SimpleListFilter`) offers fixed choices and filters the list's rows
        joined = self.list_select_related
        if joined is True:
            joined = [field.name for field in self.model._meta.concrete_fields if field.is_relation]
        paths += list(joined or ())
        paths += _joined_paths(queryset.query.select_related)
        return [path for path in paths if isinstance(path, str)]

    def changelist_models(self, request, queryset: QuerySet) -> set[type[Model]]:
        """The models whose rows this change list (of `queryset`) shows."""
        model = self.model
        shown = {model}
        for path in self._shown_paths(request, queryset):
            try:
                fields = get_fields_from_path(model, path)
            except (FieldDoesNotExist, NotRelationField):
                continue  # a method or an attribute of the ModelAdmin
            shown.update(field.related_model for field in fields if field.is_relation)
        if queryset.query.annotations:  # totals of the rows that refer to the list's rows
            shown.update(
                field.related_model
                for field in model._meta.get_fields()
                if field.auto_created and field.is_relation and not field.concrete
            )
        shown.discard(None)
        return shown

    def changelist_data(self, request) -> list[QuerySet] | None:
        """The querysets whose fingerprint keys the kept page; None: not kept."""
        queryset = self.get_queryset(request)
        models = self.changelist_models(request, queryset)
        if not all(_fingerprintable(model) for model in models):
            return None
        return [
            queryset,
            *(
                model._default_manager.all()  # region-owned models: the active region's rows
                for model in sorted(models - {self.model}, key=lambda model: model._meta.label)
            ),
        ]

    def changelist_view(self, request, extra_context=None):
        data = self.changelist_data(request) if request.method == "GET" else None
        if data is None or len(get_messages(request)):
            return super().changelist_view(request, extra_context)
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        user = request.user
        key = fragment_key(
            f"admin.changelist.{self.model._meta.label_lower}",
            vary_on=(
                user.pk,
                sorted(user.get_all_permissions()),
                sorted(request.GET.lists()),
                timezone.localdate(),
            ),
            data=data,
        )
        html = cache.get(key)
        if html is None:
            response = super().changelist_view(
                request, {**(extra_context or {}), "csrf_token": CSRF_PLACEHOLDER}
            )
            if not isinstance(response, TemplateResponse) or response.status_code != 200:
                return response  # the redirect of a bad filter, for instance
            html = response.render().content.decode()
            cache.set(key, html, CACHE_SECONDS)
        return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
