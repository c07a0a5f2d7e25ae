"""Aftercare (nazorg) on a student's record: record how a planned contact moment went."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.idempotency import once_per_submit
from marketplace.permissions import get_student_for_user
from marketplace.views.common import form_errors_from

from .. import forms
from ..services.aftercare import aftercare_contact_record, aftercare_open
from .students import _student_error, _workspace_user


@login_required
@require_POST
@once_per_submit
def aftercare_record(request, pk: int):
    _workspace_user(request)
    student = get_student_for_user(request.user, pk, may="record_aftercare")
    moments = aftercare_open(student)
    if not moments.exists():  # sent twice, or someone else was first: the form is gone
        messages.error(
            request, _("Dit contactmoment is al vastgelegd. Er staat geen contactmoment meer open.")
        )
        return _student_error(request, student)
    form = forms.AftercareContactForm(request.POST, moments=moments)
    if form.is_valid():
        data = form.cleaned_data
        try:
            aftercare_contact_record(
                actor=request.user,
                action=data["moment"],
                contacted_on=data["contacted_on"],
                situation=data["situation"],
                note=data["note"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Het contactmoment is vastgelegd."))
            return redirect("werk:student", pk=student.pk)
    return _student_error(request, student, aftercare_form=form)
