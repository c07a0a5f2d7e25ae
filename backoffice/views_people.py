"""Back office pages: the overview, people (invite, change, (de)activate), schools, guardians."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from marketplace.idempotency import once_per_submit
from marketplace.models import StudentProfile
from marketplace.permissions import (
    can,
    ensure_can,
    get_guardian_link_for_user,
    get_person_for_user,
    get_school_for_user,
    roles_assignable_by,
)
from marketplace.services.audit import access_log_view_many
from marketplace.views.common import form_errors_from
from marketplace.views.home import backoffice_tiles

from . import people
from .forms_people import GuardianLinkForm, InviteForm, PeopleFilterForm, PersonForm, SchoolForm

INVITED = gettext_lazy(
    "De uitnodiging is verstuurd naar %(email)s. Had dit adres al een account? Dan krijgt de "
    "eigenaar daarover een bericht en verandert er niets."
)


def _person(request, pk, *, may: str | None = None):
    """403 for whoever has no back office; 404 for a person outside the user's reach."""
    ensure_can(request.user, "use_backoffice")
    return get_person_for_user(request.user, pk, may=may)


def _status(request) -> int:
    return 400 if request.method == "POST" else 200


@login_required
def index(request):
    """The back office pages this user may use (the same tiles as the start page)."""
    ensure_can(request.user, "use_backoffice")
    return render(request, "home/backoffice.html", {"tiles": backoffice_tiles(request.user)})


# --- people -------------------------------------------------------------------------------------


@login_required
def people_list(request):
    ensure_can(request.user, "use_backoffice")
    form = PeopleFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = people.people_list(user=request.user, text=data.get("q", ""), role=data.get("role", ""))
    page = Paginator(qs, people.PAGE_SIZE).get_page(request.GET.get("pagina"))
    shown = [p.pk for p in page.object_list]
    students = StudentProfile.objects.filter(user_id__in=shown).values_list("pk", flat=True)
    access_log_view_many(user=request.user, student_ids=students, context="beheer:mensen")
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "backoffice/people_list.html", context)


@login_required
@once_per_submit
def person_invite(request):
    ensure_can(request.user, "use_backoffice")
    form = InviteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            people.person_invite(inviter=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, INVITED % {"email": form.cleaned_data["email"]})
            return redirect("backoffice:people")
    return render(request, "backoffice/people_invite.html", {"form": form}, status=_status(request))


def _person_initial(person) -> dict:
    fields = ("first_name", "last_name", "role", "school", "employer")
    return {name: getattr(person, name) for name in fields}


@login_required
def person_detail(request, pk: int):
    person = _person(request, pk)
    # A student's account comes with their profile (the import), so it is not changed here.
    may_edit = can(request.user, "edit_person", person) and person.role in roles_assignable_by(
        request.user
    )
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("edit_person")
        form = PersonForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                people.person_update(editor=request.user, person=person, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("De wijzigingen zijn opgeslagen."))
                return redirect("backoffice:person", pk=person.pk)
        person.refresh_from_db()  # the page shows what is stored, the form what was typed
    else:
        form = PersonForm(initial=_person_initial(person), user=request.user)
    context = {
        "person": person,
        "form": form,
        "may_edit": may_edit,
        # Students too: their account comes from the import, without a password yet.
        "may_resend": can(request.user, "edit_person", person)
        and person.is_active
        and person.last_login is None,
        "may_deactivate": can(request.user, "deactivate_person", person),
        "may_reactivate": can(request.user, "reactivate_person", person),
        "never_logged_in": person.last_login is None,
        "work": people.open_work_of(person),
    }
    return render(request, "backoffice/people_detail.html", context, status=_status(request))


@login_required
def person_deactivate(request, pk: int):
    """GET: what they still hold, and a confirm button; POST: deactivate."""
    person = _person(request, pk, may="deactivate_person")
    if request.method == "POST":
        work = people.person_deactivate(editor=request.user, person=person)
        text = _("%(name)s kan niet meer inloggen.") % {"name": person}
        if work.count:
            text += " " + _("Let op: er staan nog %(n)d open zaken op naam. Draag ze over.") % {
                "n": work.count
            }
        messages.success(request, text)
        return redirect("backoffice:person", pk=person.pk)
    context = {"person": person, "work": people.open_work_of(person)}
    return render(request, "backoffice/people_deactivate.html", context)


@login_required
@require_POST
def person_reactivate(request, pk: int):
    person = _person(request, pk, may="reactivate_person")
    people.person_reactivate(editor=request.user, person=person)
    messages.success(request, _("%(name)s kan weer inloggen.") % {"name": person})
    return redirect("backoffice:person", pk=person.pk)


@login_required
@require_POST
def person_resend(request, pk: int):
    """A new set-password link, e.g. when the first one has expired."""
    person = _person(request, pk, may="edit_person")
    if person.is_active:
        people.invitation_send(person=person)
    messages.success(request, INVITED % {"email": person.email})
    return redirect("backoffice:person", pk=person.pk)


# --- schools ------------------------------------------------------------------------------------


@login_required
def schools(request):
    ensure_can(request.user, "manage_schools")
    rows = people.schools_list(user=request.user)
    return render(request, "backoffice/people_schools.html", {"schools": rows})


@login_required
@once_per_submit
def school_edit(request, pk: int | None = None):
    ensure_can(request.user, "manage_schools")
    school = get_school_for_user(request.user, pk) if pk is not None else None
    initial = {"region": request.user.region_id}
    if school is not None:
        initial = {f: getattr(school, f) for f in ("name", "brin", "kind")} | {
            "region": school.region_id
        }
    form = SchoolForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = people.school_save(user=request.user, school=school, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("%(name)s is opgeslagen.") % {"name": saved.name})
            return redirect("backoffice:schools")
    context = {"form": form, "school": school}
    return render(request, "backoffice/people_school_form.html", context, status=_status(request))


# --- guardian links ------------------------------------------------------------------------------


@login_required
@once_per_submit
def guardians(request):
    ensure_can(request.user, "manage_guardians")
    form = GuardianLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = people.guardian_link_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("%(parent)s is gekoppeld aan %(student)s.")
                % {"parent": link.guardian, "student": link.student},
            )
            return redirect("backoffice:guardians")
    text = request.GET.get("q", "")
    links = people.guardian_links_list(user=request.user, text=text)
    page = Paginator(links, people.PAGE_SIZE).get_page(request.GET.get("pagina"))
    access_log_view_many(
        user=request.user,
        student_ids=[link.student_id for link in page.object_list],
        context="beheer:ouders",
    )
    context = {"form": form, "page": page, "q": text[:80]}
    return render(request, "backoffice/people_guardians.html", context, status=_status(request))


@login_required
@require_POST
def guardian_remove(request, pk: int):
    ensure_can(request.user, "manage_guardians")
    link = get_guardian_link_for_user(request.user, pk)
    people.guardian_link_remove(user=request.user, link=link)
    messages.success(
        request,
        _("De koppeling tussen %(parent)s en %(student)s is verwijderd.")
        % {"parent": link.guardian, "student": link.student},
    )
    return redirect("backoffice:guardians")
