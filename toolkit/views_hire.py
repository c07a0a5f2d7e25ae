"""The hire checker ("Wat levert het op?"): a public calculator of typed facts, the employer's
version on one of its openings, and the mediator's version on a match. Views stay thin: the
facts come from selectors, the rules from toolkit/hire_check.py."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from marketplace.forms import query_int
from marketplace.permissions import get_match_for_user, get_team_opening_for_user
from marketplace.services.audit import access_log_record

from .forms import HireCheckForm
from .hire_check import APPLIES, MAYBE, NOT, HireFacts
from .selectors import facts_for_match, facts_for_opening, hire_check_for


@dataclass(frozen=True)
class Group:
    status: str  # also the cards' css class: hire-applies, hire-maybe, hire-not
    heading: str
    lead: str
    items: list

    @property
    def may_apply(self) -> bool:
        return self.status != NOT


def _summary(checked) -> list[tuple[str, Decimal]]:
    """Per year (or studiejaar): the sum of the estimates of what surely applies."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for c in checked:
        if c.outcome.status == APPLIES:
            for y in c.outcome.years:
                if y.amount is not None:
                    totals[y.label] += y.amount
    return sorted(totals.items())


def _page(request, *, initial: HireFacts | None, context: dict):
    """A submitted form (it has a start date) is checked as typed; otherwise the facts we
    already know are the answer, and the form holds them to change."""
    status, facts = 200, initial
    if "start" in request.GET:
        form = HireCheckForm(request.GET)
        if form.is_valid():
            facts = form.facts()
        else:
            status, facts = 400, None
    else:
        form = HireCheckForm(initial=HireCheckForm.initial_from(initial) if initial else None)
    checked = hire_check_for(facts) if facts else []
    groups = [
        Group(status, heading, lead, [c for c in checked if c.outcome.status == status])
        for status, heading, lead in (
            (APPLIES, _("Dit geldt"), _("Dit geldt, omdat:")),
            (MAYBE, _("Dit kan gelden"), _("Dit kan gelden.")),
            (NOT, _("Dit geldt niet"), _("Dit geldt niet, omdat:")),
        )
    ]
    context |= {"form": form, "checked": checked, "groups": groups, "summary": _summary(checked)}
    return render(request, "toolkit/hire_check.html", context, status=status)


def calculator(request):
    """Public: anyone may type the facts of a hire."""
    return _page(request, initial=None, context={"mode": "public"})


@login_required
def for_opening(request, pk: int):
    """The employer on one of its openings; of a candidate only what the employer may see
    (education type and level, passed on by the candidates page)."""
    opening = get_team_opening_for_user(request.user, pk)
    education = request.GET.get("onderwijs", "")
    level = query_int(request.GET, "niveau", min_value=1, max_value=4)
    facts = facts_for_opening(opening, education=education, level=level)
    return _page(request, initial=facts, context={"mode": "opening", "opening": opening})


@login_required
def for_match(request, pk: int):
    """The student's mediator on a match: the opening's and the student's facts."""
    match = get_match_for_user(request.user, pk, may="check_hire_on_match")
    access_log_record(user=request.user, student=match.student, action="view", context="hire-check")
    return _page(
        request,
        initial=facts_for_match(match),
        context={"mode": "match", "match": match, "opening": match.opening},
    )
