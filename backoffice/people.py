"""The back office's people, schools and guardian links: invite, change, (de)activate.

Who may manage whom is the permission layer's (people_managed_by, roles_assignable_by); here the
rules of the records themselves: which fields a role needs, one account per e-mail address, an
invitation that is a set-password link of Django's password reset machinery.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from employers.models import Employer
from marketplace.models import (
    ActionItem,
    CheckIn,
    Escalation,
    GuardianLink,
    Region,
    Role,
    School,
    StudentProfile,
    User,
)
from marketplace.permissions import (
    ensure_can,
    guardian_links_managed_by,
    people_managed_by,
    roles_assignable_by,
    schools_managed_by,
    students_visible_to,
)

PAGE_SIZE = 50
BRIN = re.compile(r"^\d{2}[A-Z]{2}(\d{2})?$")
# Staff roles belong to the region of whoever invites them; these two to their organisation.
ROLE_NEEDS_SCHOOL = (Role.SCHOOL,)
ROLE_NEEDS_EMPLOYER = (Role.WERKGEVER,)


# --- reads ---------------------------------------------------------------------------------------


def people_list(*, user: User, text: str = "", role: str = "") -> QuerySet[User]:
    qs = people_managed_by(user).select_related("school", "employer", "region")
    text = text.strip()[:80]
    if text:
        qs = qs.filter(
            Q(first_name__icontains=text) | Q(last_name__icontains=text) | Q(email__icontains=text)
        )
    if role in Role.values:
        qs = qs.filter(role=role)
    return qs.order_by("last_name", "first_name", "email")


def employers_for(user: User) -> QuerySet[Employer]:
    """The employers whose members this user may add: those of their own region."""
    if not roles_assignable_by(user):
        return Employer.objects.none()
    return Employer.objects.filter(region_id=user.region_id).order_by("name")


@dataclass
class OpenWork:
    """What a person still holds: shown before and after deactivating them."""

    caseload: list[StudentProfile] = field(default_factory=list)
    mentees: list[StudentProfile] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(
            len(part)
            for part in (
                self.caseload,
                self.mentees,
                self.actions,
                self.checkins,
                self.escalations,
            )
        )


def open_work_of(person: User) -> OpenWork:
    return OpenWork(
        caseload=list(StudentProfile.objects.filter(jobhunter=person).select_related("user")),
        mentees=list(StudentProfile.objects.filter(jpo=person).select_related("user")),
        actions=list(
            ActionItem.objects.filter(assigned_to=person, done_at__isnull=True).select_related(
                "student__user"
            )
        ),
        checkins=list(
            CheckIn.objects.filter(assigned_to=person, done_at__isnull=True).select_related(
                "placement__match__student__user"
            )
        ),
        escalations=list(
            Escalation.objects.filter(
                assigned_to=person, status__in=Escalation.OPEN_STATES
            ).select_related("student__user")
        ),
    )


# --- people ---------------------------------------------------------------------------------------


def _role_fields(
    *, user: User, role: str, school: School | None, employer: Employer | None
) -> dict:
    """The organisation fields that go with the role; a ValidationError per missing one."""
    if role not in roles_assignable_by(user):
        raise ValidationError({"role": _("Deze rol kun je hier niet geven.")})
    if role in ROLE_NEEDS_SCHOOL:
        if school is None or not schools_managed_by(user).filter(pk=school.pk).exists():
            raise ValidationError({"school": _("Kies de school van deze medewerker.")})
        return {"school": school, "region": school.region, "employer": None}
    if role in ROLE_NEEDS_EMPLOYER:
        if employer is None or not employers_for(user).filter(pk=employer.pk).exists():
            raise ValidationError({"employer": _("Kies het bedrijf van deze werkgever.")})
        return {"employer": employer, "region": None, "school": None}
    return {"region": user.region, "school": None, "employer": None}


def person_invite(
    *,
    inviter: User,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    school: School | None = None,
    employer: Employer | None = None,
) -> User | None:
    """Make the account and mail a link to choose a password. An address that already has an
    account is told so by mail and nothing changes; the caller answers both cases the same, so
    the page never reveals which addresses have an account."""
    ensure_can(inviter, "use_backoffice")
    email = User.objects.normalize_email(email.strip()).lower()
    org = _role_fields(user=inviter, role=role, school=school, employer=employer)
    if User.objects.filter(email__iexact=email).exists():
        transaction.on_commit(lambda: _mail_already_has_account(email))
        return None
    person = User(
        email=email, first_name=first_name.strip(), last_name=last_name.strip(), role=role
    )
    for name, value in org.items():
        setattr(person, name, value)
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:  # the same address, invited at the same moment
        return None
    invitation_send(person=person)
    return person


def invitation_send(*, person: User) -> None:
    """Mail the set-password link after the commit (the token is made there, from the saved
    account, so it is valid for Django's password reset view)."""
    transaction.on_commit(lambda: _mail_invitation(person.pk))


def _set_password_url(person: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_URL + path


def _mail_invitation(person_id: int) -> None:
    person = User.objects.get(pk=person_id)
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    body = _(
        "Hallo,\n\nJe bent uitgenodigd voor de BPV- en banenmatcher als %(role)s.\n"
        "Kies met deze link een wachtwoord:\n%(url)s\n\n"
        "De link werkt %(days)s dagen. Daarna vraag je een nieuwe aan met "
        "'Wachtwoord vergeten' op de inlogpagina.\n"
        "Je logt in met dit e-mailadres: %(email)s"
    ) % {
        "role": Role(person.role).label,
        "url": _set_password_url(person),
        "days": days,
        "email": person.email,
    }
    subject = _("Uitnodiging voor de BPV- en banenmatcher")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])


def _mail_already_has_account(email: str) -> None:
    body = _(
        "Hallo,\n\nIemand wilde je uitnodigen voor de BPV- en banenmatcher, maar je hebt al een "
        "account met dit e-mailadres. Weet je je wachtwoord niet meer? Kies dan "
        "'Wachtwoord vergeten' op de inlogpagina: %(url)s"
    ) % {"url": settings.SITE_URL + reverse("password_reset")}
    subject = _("Je hebt al een account bij de BPV- en banenmatcher")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


def person_update(
    *,
    editor: User,
    person: User,
    first_name: str,
    last_name: str,
    role: str,
    school: School | None = None,
    employer: Employer | None = None,
) -> User:
    """Change the name, the role and the organisation that goes with the role."""
    ensure_can(editor, "edit_person", person)
    if person.role == Role.STUDENT or role == Role.STUDENT:
        if role != person.role:
            raise ValidationError(
                {"role": _("Een leerling blijft leerling: het profiel hoort bij de rol.")}
            )
        org = {}
    else:
        org = _role_fields(user=editor, role=role, school=school, employer=employer)
    person.first_name, person.last_name, person.role = first_name.strip(), last_name.strip(), role
    for name, value in org.items():
        setattr(person, name, value)
    person.full_clean(exclude=["password"])
    person.save(update_fields=["first_name", "last_name", "role", *org])
    return person


def person_deactivate(*, editor: User, person: User) -> OpenWork:
    """They can no longer log in (Django refuses inactive accounts, sessions and API tokens
    included); what they still hold is returned, to be handed over."""
    ensure_can(editor, "deactivate_person", person)
    person.is_active = False
    person.save(update_fields=["is_active"])
    return open_work_of(person)


def person_reactivate(*, editor: User, person: User) -> User:
    ensure_can(editor, "reactivate_person", person)
    person.is_active = True
    person.save(update_fields=["is_active"])
    return person


# --- schools ------------------------------------------------------------------------------------


def schools_list(*, user: User) -> QuerySet[School]:
    return (
        schools_managed_by(user)
        .select_related("region")
        .annotate(
            n_students=Count("students", distinct=True), n_staff=Count("staff", distinct=True)
        )
        .order_by("name")
    )


def school_save(
    *, user: User, school: School | None, name: str, brin: str, kind: str, region: Region
) -> School:
    """Create (school None) or change a school of the user's own region."""
    ensure_can(user, "manage_schools")
    if region.pk != user.region_id:
        raise ValidationError({"region": _("Je kunt alleen scholen in je eigen regio beheren.")})
    brin = brin.strip().upper()
    if not BRIN.match(brin):
        raise ValidationError(
            {"brin": _("Een BRIN is 2 cijfers en 2 letters, soms met 2 cijfers erachter (00AB).")}
        )
    taken = School.objects.filter(brin=brin).exclude(pk=getattr(school, "pk", None))
    if taken.exists():
        raise ValidationError(
            {"brin": _("Er is al een school met BRIN %(brin)s.") % {"brin": brin}}
        )
    school = school or School()
    school.name, school.brin, school.kind, school.region = name.strip(), brin, kind, region
    school.full_clean()
    school.save()
    return school


# --- guardian links -----------------------------------------------------------------------------


def guardian_links_list(*, user: User, text: str = "") -> QuerySet[GuardianLink]:
    qs = guardian_links_managed_by(user).select_related("guardian", "student__user")
    text = text.strip()[:80]
    if text:
        qs = qs.filter(
            Q(guardian__last_name__icontains=text)
            | Q(guardian__email__icontains=text)
            | Q(student__user__last_name__icontains=text)
            | Q(student__user__email__icontains=text)
        )
    return qs.order_by("student__user__last_name", "guardian__last_name", "pk")


def guardian_link_create(
    *, user: User, guardian_email: str, student_email: str, relation: str = "ouder"
) -> GuardianLink:
    """Link a parent to a student of the region; both must be known in the user's region."""
    ensure_can(user, "manage_guardians")
    guardian = (
        people_managed_by(user)
        .filter(email__iexact=guardian_email.strip(), role=Role.OUDER)
        .first()
    )
    student = students_visible_to(user).filter(user__email__iexact=student_email.strip()).first()
    errors = {}
    if guardian is None:
        errors["guardian_email"] = _(
            "Geen ouder/verzorger met dit e-mailadres in je regio. Nodig de ouder eerst uit "
            "met de rol ouder/verzorger."
        )
    if student is None:
        errors["student_email"] = _("Geen leerling met dit e-mailadres in je regio.")
    if errors:
        raise ValidationError(errors)
    if GuardianLink.objects.filter(guardian=guardian, student=student).exists():
        raise ValidationError(
            _("%(parent)s is al gekoppeld aan %(student)s.")
            % {"parent": guardian, "student": student}
        )
    link = GuardianLink(guardian=guardian, student=student, relation=relation.strip() or "ouder")
    link.full_clean(validate_unique=False)
    link.save()
    return link


def guardian_link_remove(*, user: User, link: GuardianLink) -> None:
    ensure_can(user, "manage_guardians")
    link.delete()
