"""A small world for the web pages: a fitting place for the student, with recognition."""

import pytest

from tests import factories as f


@pytest.fixture
def fitting_opening(student_profile, employer):
    """An open BPV-plek near the student, of an employer recognised for their qualification."""
    employer.recognitions.create(
        qualification=student_profile.qualification, valid_from="2020-01-01"
    )
    return f.OpeningFactory(
        title="Orderpicker magazijn",
        location=f.LocationFactory(employer=employer),
        description="Je pakt bestellingen in en rijdt soms met de palletwagen.",
    )
