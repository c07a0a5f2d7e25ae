"""The access log: who looked at or changed which student's record.

Every page and API route that shows a young person's personal data to someone else writes a
"view" row through `access_log_view` (one student) or `access_log_view_many` (a list, in one
write). A student reading their own data is not access by others and is not logged."""

from collections.abc import Iterable

from ..models import AccessLog, Role, StudentProfile, User

VIEW = "view"


def _who(user: User | None) -> User | None:
    return user if user is not None and user.is_authenticated else None


def access_log_record(
    *, user: User | None, student: StudentProfile, action: str, context: str = ""
) -> AccessLog:
    return AccessLog.objects.create(
        user=_who(user),
        student=student,
        action=action,
        context=context[:200],
    )


def access_log_record_many(
    *, user: User | None, student_ids: Iterable[int], action: str, context: str = ""
) -> int:
    """One row per student in a single write, for a read that shows many students at once."""
    who = _who(user)
    rows = [
        AccessLog(user=who, student_id=pk, action=action, context=context[:200])
        for pk in sorted(set(student_ids))
    ]
    if not rows:
        return 0
    return len(AccessLog.objects.bulk_create(rows))


def access_log_view(*, user: User | None, student: StudentProfile, context: str) -> bool:
    """Log that `user` saw this student's data; the student's own reads are not logged."""
    if _who(user) is not None and student.user_id == user.pk:
        return False
    access_log_record(user=user, student=student, action=VIEW, context=context)
    return True


def access_log_view_many(*, user: User | None, student_ids: Iterable[int], context: str) -> int:
    """Log that `user` saw these students in a list, in one write (the student's own row is
    left out: a student reads their own data)."""
    ids = set(student_ids)
    who = _who(user)
    if who is not None and who.role == Role.STUDENT and ids:
        ids -= set(StudentProfile.objects.filter(user=who).values_list("pk", flat=True))
    return access_log_record_many(user=user, student_ids=ids, action=VIEW, context=context)
