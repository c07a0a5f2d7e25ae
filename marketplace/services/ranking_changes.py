"""The change log of ranking inputs: every write that can change a ranking leaves a row.

Rows are written after the commit (a process must never apply a change that was rolled back),
in one INSERT per transaction, and read by every process before it ranks (engine_index.py).
Model signals cover saves and deletes through the ORM and the admin; code that writes with
`QuerySet.update()`, `bulk_create()` or raw SQL calls `ranking_inputs_changed` itself. This is
cache invalidation, not business logic: no rule of the domain lives here.
"""

import datetime
import threading
import time
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from matching.models import RankingChange

Kind = RankingChange.Kind

KEEP_ROWS = 5_000  # the table keeps at least the newest rows ...
KEEP_AGE = datetime.timedelta(hours=1)  # ... and every row younger than this
PRUNE_EVERY = 500  # prune when an id crosses a multiple of this: cheap, no timer needed
COLLAPSE_AT = 1_000  # more changes in one transaction (a bulk load): one "all" row instead
# Changes left by a rolled-back transaction on a thread that has only read since are overlaid on
# its rankings (a harmless re-read of committed data) for at most this long.
OVERLAY_SECONDS = 60.0

_local = threading.local()  # this thread's changes not yet written (its open transaction)


def pending() -> dict[tuple[str, int | None], float]:
    """This thread's changes waiting for their commit: (kind, id) -> when noted."""
    if not hasattr(_local, "pending"):
        _local.pending = {}
    return _local.pending


def pending_version() -> int:
    """Grows with every change this thread notes (a cache of its overlay is keyed on it)."""
    return getattr(_local, "version", 0)


def uncommitted() -> set[tuple[str, int | None]]:
    """This thread's changes in its still open transaction: its own rankings must see them."""
    noted = pending()
    if noted and not connection.in_atomic_block:
        # Out of any transaction with changes left: that transaction was rolled back (a commit
        # writes and clears them), so they never happened.
        noted.clear()
    cutoff = time.monotonic() - OVERLAY_SECONDS
    return {key for key, noted_at in noted.items() if noted_at >= cutoff}


def ranking_inputs_changed(*, kind: str, ids: Iterable[int | None] = (None,)) -> None:
    """Note that these objects changed, so every process's next ranking reflects it.

    `kind` is a RankingChange.Kind: opening, employer (also for its locations and
    recognitions), place, student, weights (ids: regions) or all (ids: (None,)).
    """
    kind = Kind(kind).value
    noted = pending()
    _local.version = pending_version() + 1
    now = time.monotonic()
    for object_id in ids:
        noted[(kind, None if kind == Kind.ALL else object_id)] = now
    if len(noted) > COLLAPSE_AT:
        noted.clear()
        noted[(Kind.ALL.value, None)] = now
    transaction.on_commit(_write_pending, robust=True)


def _write_pending() -> None:
    """After the commit: one INSERT for everything this thread noted (later calls find none)."""
    noted = pending()
    if not noted:
        return
    changes = sorted(noted, key=lambda key: (key[0], key[1] or 0))
    noted.clear()
    rows = RankingChange.objects.bulk_create(
        [RankingChange(kind=kind, object_id=object_id) for kind, object_id in changes]
    )
    ids = [row.pk for row in rows if row.pk is not None]
    if ids and max(ids) // PRUNE_EVERY != (min(ids) - 1) // PRUNE_EVERY:
        ranking_changes_prune(newest=max(ids))


def ranking_changes_prune(*, newest: int) -> int:
    """Delete rows that are both old and far behind the newest; returns how many."""
    old = timezone.now() - KEEP_AGE
    deleted, _ = RankingChange.objects.filter(id__lte=newest - KEEP_ROWS, at__lt=old).delete()
    return deleted


# --- signals: saves and deletes through the ORM, the admin and the forms ------------------


def _on(kind: str, key):
    def receiver(sender, instance, **kwargs):
        if kwargs.get("raw"):  # loaddata: related rows may not be there yet; rebuild
            ranking_inputs_changed(kind=Kind.ALL)
        else:
            ranking_inputs_changed(kind=kind, ids=[key(instance)])

    return receiver


def _on_m2m(kind: str, owner):
    """A set of an opening or a student changed, from either side of the relation."""

    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if not action.startswith("post_"):
            return
        if isinstance(instance, owner):
            ranking_inputs_changed(kind=kind, ids=[instance.pk])
        elif pk_set:
            ranking_inputs_changed(kind=kind, ids=pk_set)
        else:  # cleared from the vocabulary side: which owners is unknown
            ranking_inputs_changed(kind=Kind.ALL)

    return receiver


_RECEIVERS: list = []  # signals hold receivers weakly; keep them alive here


def connect_signals() -> None:
    """Called once from MarketplaceConfig.ready()."""
    from employers.models import Employer, EmployerLocation, Opening, Recognition
    from matching.models import Certificate, Competency, Place, Qualification, Sector, Werkproces

    from ..models import MatchingWeights, StudentCompetency, StudentProfile

    by_model = [
        (Opening, Kind.OPENING, lambda o: o.pk),
        (Employer, Kind.EMPLOYER, lambda o: o.pk),
        (EmployerLocation, Kind.EMPLOYER, lambda o: o.employer_id),
        (Recognition, Kind.EMPLOYER, lambda o: o.employer_id),
        (Place, Kind.PLACE, lambda o: o.pk),
        (StudentProfile, Kind.STUDENT, lambda o: o.pk),
        (StudentCompetency, Kind.STUDENT, lambda o: o.student_id),
        (MatchingWeights, Kind.WEIGHTS, lambda o: o.region_id),
    ] + [(model, Kind.ALL, lambda o: None) for model in (
        Competency, Certificate, Qualification, Werkproces, Sector
    )]  # fmt: skip
    for model, kind, key in by_model:
        receiver = _on(kind, key)
        _RECEIVERS.append(receiver)
        uid = f"ranking-changes:{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid)
    sets = [
        (Opening, Kind.OPENING, [Opening.accepted_qualifications, Opening.werkprocessen,
                                 Opening.required_competencies, Opening.nice_competencies,
                                 Opening.required_certificates]),
        (StudentProfile, Kind.STUDENT, [StudentProfile.competencies,
                                        StudentProfile.certificates,
                                        StudentProfile.sector_preferences,
                                        StudentProfile.werkprocessen_achieved]),
    ]  # fmt: skip
    for owner, kind, descriptors in sets:
        receiver = _on_m2m(kind, owner)
        _RECEIVERS.append(receiver)
        for descriptor in descriptors:
            through = descriptor.through
            m2m_changed.connect(
                receiver, sender=through, dispatch_uid=f"ranking-changes:{through._meta.label}"
            )
