"""The access log: who looked at or changed which student's record."""

from collections.abc import Iterable

from ..models import AccessLog, StudentProfile, User


def access_log_record(
    *, user: User | None, student: StudentProfile, action: str, context: str = ""
) -> AccessLog:
    return AccessLog.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        student=student,
        action=action,
        context=context[:200],
    )


def access_log_record_many(
    *, user: User | None, student_ids: Iterable[int], action: str, context: str = ""
) -> int:
    """One row per student in a single write, for a read that shows many students at once."""
    who = user if user is not None and user.is_authenticated else None
    rows = [
        AccessLog(user=who, student_id=pk, action=action, context=context[:200])
        for pk in sorted(set(student_ids))
    ]
    return len(AccessLog.objects.bulk_create(rows))
