"""The schema is the contract: schemathesis generates requests for every operation of the live
schema (/api/schema/) and sends them, in process, as anonymous, a student, an employer, a
jobhunter, an accountmanager, a parent and a werkcoach (each with a read-and-write key). Every
answer must be no server error, have a documented status code and content type, and match its
documented schema and headers (schemathesis' built-in checks). A fixed seed makes a run repeatable.

Each role first tries each operation with a few examples. A role the operation refuses at the door
(401 or 403 whatever it sends: the permission layer answers before the input is read) stops
there. The first role the operation lets in goes on to CONTRACT_EXAMPLES examples (`make test`
and `make contract`: 100), every further one to a tenth of that (a jobhunter and an
accountmanager share the mediators' operations). An operation that lets no role in fails the
test: every operation gets its full run as someone who may call it. A plain `pytest` skips this
module. A failure lists each operation with the request that reproduces it.
"""

import datetime
import os

import pytest

EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "0"))
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not EXAMPLES, reason="set CONTRACT_EXAMPLES (make contract)"),
]
SEED = 20261201
ROLES = ("anonymous", "student", "employer", "jobhunter", "accountmanager", "parent", "werkcoach")
PROBE = 5  # examples that tell whether a role gets past the door
REFUSED = {401, 403}
CHUNKS = 8  # the operations in eight tests, so that parallel processes share them evenly


@pytest.fixture
def cast(settings):
    """The permission matrix's two regions; `cast()` issues a new write key for each role of
    the first (an operation may revoke the key it was called with: `DELETE /auth/token/`)."""
    from marketplace.services import security
    from tests.permissions.conftest import build_side

    settings.WEBHOOK_ALLOW_PRIVATE = False
    own = build_side("Groningen")
    build_side("Drenthe")

    def keys() -> dict:
        issued = {"anonymous": None}
        for role in ROLES[1:]:
            issued[role] = security.api_token_create(
                user=own.people[role],
                name="contract",
                scope="write",
                lifetime=datetime.timedelta(1),
            ).key
        return issued

    return keys


def _run(operation, headers: dict, examples: int) -> tuple[set[int], list[str]]:
    """The statuses `examples` generated requests got, and the first failure (if any)."""
    from hypothesis import HealthCheck, Phase, given, settings

    statuses: set[int] = set()
    failures: list[str] = []

    @settings(
        max_examples=examples,
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
            response = case.call(headers=headers)
            statuses.add(response.status_code)
            case.validate_response(response, headers=headers, transport_kwargs={"headers": headers})
        except (Exception, BaseExceptionGroup) as exc:  # failed checks, or an error calling
            failures.append(f"{operation.label}: {str(exc).strip()[:1500]}")
            raise

    try:
        run()
    except (Exception, BaseExceptionGroup):  # noqa: S110 (kept in `failures`, reported below)
        pass
    return statuses, failures[-1:]


_schemas: dict = {}


def _operations(app) -> list:
    """The live schema's operations, loaded once per process, in a fixed order."""
    if "schema" not in _schemas:
        import schemathesis

        schema = schemathesis.openapi.from_wsgi("/api/schema/", app)
        schema.config.seed = SEED
        # A rule of the domain may refuse well-formed input (a wrong password, a step the match
        # cannot take from where it is): a 400 in the error shape, which the schema documents.
        acceptance = schema.config.checks.positive_data_acceptance
        acceptance.expected_statuses = [*acceptance.expected_statuses, "400"]
        operations = [result.ok() for result in schema.get_all_operations()]
        _schemas["schema"] = sorted(operations, key=lambda operation: operation.label)
    return _schemas["schema"]


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_operation_keeps_the_contract(chunk, cast, in_process):
    operations = _operations(in_process)
    assert len(operations) > 100
    failures, unreached = [], []
    for operation in operations[chunk::CHUNKS]:
        reached, keys = False, cast()
        for role in ROLES:
            headers = {"Authorization": f"Token {keys[role]}"} if keys[role] else {}
            statuses, failed = _run(operation, headers, PROBE)
            if not failed and statuses - REFUSED:
                # The first role past the door gets the full run, the others a tenth of it.
                statuses, failed = _run(
                    operation, headers, max(1, EXAMPLES // (10 if reached else 1))
                )
                reached = True
            failures += [f"as {role}: {failure}" for failure in failed]
        if not reached:
            unreached.append(operation.label)
    assert failures == [], f"{len(failures)} failures:\n\n" + "\n\n".join(failures)
    assert unreached == [], f"no role got past the door of: {unreached}"
