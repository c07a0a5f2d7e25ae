"""factory_boy factories for the models, with real places and sensible defaults."""

import datetime

import factory
from django.utils import timezone

from employers import models as em
from marketplace import models as mm
from matching import models as vm

PASSWORD = "wachtwoord-test-1"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm.Region

    name = factory.Sequence(lambda n: f"Regio {n}")
    code = factory.Sequence(lambda n: f"regio-{n}")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = vm.Sector
        django_get_or_create = ("code",)

    code = "logistiek"
    name = "Logistiek"


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = vm.Place

    name = "Groningen"
    latitude = 53.2194
    longitude = 6.5665


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = vm.Qualification

    crebo = factory.Sequence(lambda n: f"{25000 + n:05d}")
    name = "Medewerker logistiek"
    level = 2
    sector = factory.SubFactory(SectorFactory)


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = vm.Competency

    name = factory.Sequence(lambda n: f"Vaardigheid {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm.School

    name = factory.Sequence(lambda n: f"School {n}")
    brin = factory.Sequence(lambda n: f"{n:02d}XY")
    kind = "mbo"
    region = factory.SubFactory(RegionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm.User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"de Vries {n}")
    role = mm.Role.STUDENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's hook signature
        if create:
            obj.save()


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = em.Employer

    name = factory.Sequence(lambda n: f"Bedrijf {n}")
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n}")
    sector = factory.SubFactory(SectorFactory)
    region = factory.SubFactory(RegionFactory)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = em.EmployerLocation

    employer = factory.SubFactory(EmployerFactory)
    name = "Hoofdvestiging"
    place = factory.SubFactory(PlaceFactory)


class OpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = em.Opening

    location = factory.SubFactory(LocationFactory)
    employer = factory.SelfAttribute("location.employer")
    sector = factory.SelfAttribute("employer.sector")
    kind = "bpv"
    title = factory.Sequence(lambda n: f"BPV-plek {n}")
    start_date = datetime.date(2027, 2, 1)
    status = em.Opening.Status.OPEN


class StudentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm.StudentProfile

    user = factory.SubFactory(UserFactory, role=mm.Role.STUDENT)
    school = factory.SubFactory(SchoolFactory)
    education_type = "mbo"
    level = 2
    qualification = factory.SubFactory(QualificationFactory)
    leerweg = "bol"
    date_of_birth = datetime.date(2008, 3, 1)
    home_place = factory.SubFactory(PlaceFactory)
    travel_radius_km = 20
    available_from = datetime.date(2027, 1, 1)
    hours_per_week = 32
    consent_show_to_employers = True
    consent_show_to_employers_at = factory.LazyFunction(timezone.now)


class EscalationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = mm.Escalation

    student = factory.SubFactory(StudentProfileFactory)
    region = factory.SelfAttribute("student.school.region")
    reason = mm.Escalation.Reason.MANUAL
    opened_at = factory.LazyFunction(timezone.now)
