"""Reads for the toolkit: the regulations with their figures per year, the facts of a hire as
each audience may know them, and the hire checker's outcome per regulation."""

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils import timezone

from employers.models import Opening, Recognition
from marketplace.models import Match

from .hire_check import RULES, HireFacts, Outcome, Rule, YearFigures, age_on, check_hire
from .models import Regulation, RegulationYear


@dataclass(frozen=True)
class CheckedRegulation:
    regulation: Regulation
    rule: Rule
    outcome: Outcome


def _figures(row: RegulationYear) -> YearFigures:
    return YearFigures(
        year=row.year,
        max_per_year=row.max_per_year,
        paid_per_year=row.paid_per_year,
        hourly_rate=row.hourly_rate,
        percentage=row.percentage,
        max_share=row.max_share,
        max_years=row.max_years,
        full_weeks=row.full_weeks,
        min_hourly_wage=row.min_hourly_wage,
        confirmed=row.confirmed,
        notes=row.notes,
    )


def regulations_with_rules() -> list[Regulation]:
    """The regulations the checker knows, in the checker's order, with their years."""
    rows = {r.code: r for r in Regulation.objects.exclude(code="").prefetch_related("years")}
    return [rows[code] for code in RULES if code in rows]


def hire_check_for(facts: HireFacts) -> list[CheckedRegulation]:
    regulations = regulations_with_rules()
    figures = {r.code: {y.year: _figures(y) for y in r.years.all()} for r in regulations}
    outcomes = check_hire(facts, figures, [r.code for r in regulations])
    return [
        CheckedRegulation(r, RULES[r.code], o) for r, o in zip(regulations, outcomes, strict=True)
    ]


def recognition_on(
    *, employer_id: int, qualification_ids: list[int], day: datetime.date
) -> tuple[bool | None, datetime.date | None]:
    """Whether the employer is erkend leerbedrijf for one of these qualifications on that day,
    and until when the latest recognition runs. (None, None) when no qualification is named."""
    if not qualification_ids:
        return None, None
    rows = list(
        Recognition.objects.filter(employer_id=employer_id, qualification_id__in=qualification_ids)
    )
    if any(r.is_valid_on(day) for r in rows):
        ends = [r.valid_to for r in rows if r.is_valid_on(day)]
        return True, None if None in ends else max(ends)
    ended = [r.valid_to for r in rows if r.valid_to is not None and r.valid_to < day]
    return False, max(ended) if ended else None


def facts_for_opening(opening: Opening, *, education: str = "", level: int | None = None):
    """What the employer knows of a hire on this opening: the opening's own facts, and of the
    candidate only what the employer may see (education type and level)."""
    start = max(opening.start_date, timezone.localdate())
    qualification_ids = list(opening.accepted_qualifications.values_list("pk", flat=True))
    recognised, until = recognition_on(
        employer_id=opening.employer_id, qualification_ids=qualification_ids, day=start
    )
    return HireFacts(
        kind=opening.kind,
        start=start,
        end=opening.end_date if opening.end_date and opening.end_date >= start else None,
        leerweg=opening.leerweg or ("bbl" if opening.kind == Opening.Kind.LEERBAAN else ""),
        education=education if education in ("pro", "vso", "mbo") else "",
        level=level,
        recognised=recognised,
        recognised_until=until,
        # A Decimal, as the form gives it: the sums multiply it with Decimal figures.
        hours_per_week=(
            None if opening.hours_per_week is None else Decimal(str(opening.hours_per_week))
        ),
    )


def facts_for_match(match: Match) -> HireFacts:
    """What the student's mediator knows of this hire: the opening and the student."""
    student = match.student
    facts = facts_for_opening(match.opening, education=student.education_type, level=student.level)
    if student.qualification_id:
        recognised, until = recognition_on(
            employer_id=match.opening.employer_id,
            qualification_ids=[student.qualification_id],
            day=facts.start,
        )
        facts = replace(facts, recognised=recognised, recognised_until=until)
    return replace(
        facts,
        leerweg=student.leerweg or facts.leerweg,
        age_on_start=age_on(student.date_of_birth, facts.start),
    )
