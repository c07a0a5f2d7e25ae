"""The schema is the contract: schemathesis generates requests for every operation of the live
schema (/api/schema/) and sends them, in process, as anonymous, a student, an employer, a
jobhunter and an accountmanager (each with a read-and-write key). Every answer must be no server
error, have a documented status code and content type, and match its documented schema and
headers (schemathesis' built-in checks). A fixed seed makes a run repeatable.

It runs when CONTRACT_EXAMPLES is set (`make test` sets 10 examples per operation and role,
`make contract` 100); a plain `pytest` skips it. A failure lists each operation with the request
that reproduces it.
"""

import datetime
import os

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "0"))
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not EXAMPLES, reason="set CONTRACT_EXAMPLES (make contract)"),
]
SEED = 20261201
ROLES = ("anonymous", "student", "employer", "jobhunter", "accountmanager")


@pytest.fixture
def cast(settings):
    """The permission matrix's two regions, and a write key for each role of the first."""
    from marketplace.services import security
    from tests.permissions.conftest import build_side

    settings.WEBHOOK_ALLOW_PRIVATE = False
    own = build_side("Groningen")
    build_side("Drenthe")
    keys = {"anonymous": None}
    for role in ROLES[1:]:
        issued = security.api_token_create(
            user=own.people[role], name="contract", scope="write", lifetime=datetime.timedelta(1)
        )
        keys[role] = issued.key
    return keys


@pytest.fixture
def in_process():
    """Requests run inside the test's transaction: keep Django from closing its connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _failures_for(operation, headers: dict) -> list[str]:
    from hypothesis import HealthCheck, Phase, given, settings

    failures: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(case=operation.as_strategy())
    def run(case):
        try:
            case.call_and_validate(headers=headers)
        except Exception as exc:  # a failed check, or an error while calling
            failures.append(f"{operation.label}: {str(exc).strip()[:1500]}")
            raise

    try:
        run()
    except Exception:  # noqa: S110 (kept in `failures`, reported below)
        pass
    return failures[-1:]


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_keeps_the_contract(role, cast, in_process):
    import schemathesis

    schema = schemathesis.openapi.from_wsgi("/api/schema/", in_process)
    schema.config.seed = SEED
    # A rule of the domain may refuse well-formed input (a wrong password, a step the match
    # cannot take from where it is): a 400 in the error shape, which the schema documents.
    acceptance = schema.config.checks.positive_data_acceptance
    acceptance.expected_statuses = [*acceptance.expected_statuses, "400"]
    headers = {"Authorization": f"Token {cast[role]}"} if cast[role] else {}
    failures, tested = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        tested += 1
        failures += _failures_for(operation, headers)
    assert tested > 10
    assert failures == [], f"{len(failures)} of {tested} operations as {role}:\n\n" + "\n\n".join(
        failures
    )
