"""What every money view shares: the permission declared on a view, a service's errors on a form."""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError

from finance.permissions import finance_permissions


def permission_required(action: str):
    """Refuse (403) unless the user may do `action` (a field of `FinancePermissions`)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not getattr(finance_permissions(request.user), action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)
