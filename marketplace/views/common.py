"""Small helpers the web views share."""

from django.core.exceptions import ValidationError

from matching.models import SupportKind


def form_errors_from(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to its field, or above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, exc.messages)


def support_labels(codes) -> list[str]:
    labels = dict(SupportKind.choices)
    return [str(labels[c]) for c in codes or () if c in labels]


def form_after_conflict(form_class, request, version: int, **kwargs):
    """After a conflict: keep what was typed but carry the record's new version, so a second
    submit after reading the new state goes through."""
    data = request.POST.copy()
    data["version"] = str(version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form
